import Foundation

/// Reads the CSV the W&B web UI gives for a chart ("Export CSV" / "Download data"): a `Step`
/// column, then for each run shown `"<run> - <metric>"` with its `__MIN` and `__MAX` (the
/// band of a smoothed or grouped line; equal to the value for a single run, and skipped).
/// One file holds many runs: `RunDiscovery` ties each run's columns to the run directory of
/// that name, and this reader reads the columns of the run it is given (`run`), or of the
/// only run in the file.
public struct WandbChartExportReader: MetricLogReader {
    static let separator = " - "
    static let bandSuffixes = ["__MIN", "__MAX"]

    let run: String?

    public init(run: String? = nil) {
        self.run = run
    }

    public var formatName: String { "W&B chart export (web UI, chart → Export CSV)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard let header = head.csvHeader else { return false }
        return Self.isChartExport(header)
    }

    static func isChartExport(_ header: [String]) -> Bool {
        header.first == "Step" && header.count > 1 && header.dropFirst().allSatisfy { $0.contains(separator) }
    }

    /// The runs a header holds, in column order.
    static func runs(inHeader header: [String]) -> [String] {
        var runs: [String] = []
        for column in header.dropFirst() {
            guard let (run, _) = split(column), !runs.contains(run) else { continue }
            runs.append(run)
        }
        return runs
    }

    /// "<run> - <metric>" → (run, metric); nil for a band column. The run is before the first
    /// separator: W&B metric names hold " - " less often than run names hold "/".
    static func split(_ column: String) -> (run: String, metric: String)? {
        guard !bandSuffixes.contains(where: column.hasSuffix), let range = column.range(of: separator) else { return nil }
        return (String(column[..<range.lowerBound]), String(column[range.upperBound...]))
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        try readAll(data, path: path).get(run, path: path)
    }

    /// Every run's series in the file.
    public func readAll(_ data: Data, path: String) throws -> Runs {
        let table = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = table.first, Self.isChartExport(header.cells) else {
            throw ReportError(path: path, line: 1, "expected a W&B chart export header: \"Step\", then \"<run> - <metric>\" columns")
        }
        var series: [String: [String: [MetricPoint]]] = [:]
        for row in table.dropFirst() {
            guard let step = Double(row.cells[0]).flatMap(WholeNumber.exact), step >= 0 else {
                throw ReportError(path: path, line: row.line, "column 'Step' must be a whole number, found '\(row.cells[0])'")
            }
            for (index, column) in header.cells.enumerated().dropFirst() where index < row.cells.count {
                guard let (run, metric) = Self.split(column) else { continue }
                let cell = row.cells[index].trimmingCharacters(in: .whitespaces)
                guard !cell.isEmpty else { continue }  // the run has no value at this step
                guard let value = Double(cell) ?? WandbHistory.nonFinite[cell] else {
                    throw ReportError(path: path, line: row.line, "column '\(column)': '\(cell)' is not a number")
                }
                try MetricValueCheck.check(tag: metric, value: value, step: step, path: path, line: row.line)
                series[run, default: [:]][metric, default: []].append(MetricPoint(step: step, value: value))
            }
        }
        return Runs(names: Self.runs(inHeader: header.cells), series: series.mapValues { MetricSet(series: $0) })
    }

    public struct Runs {
        /// In column order.
        public var names: [String]
        public var series: [String: MetricSet]

        func get(_ run: String?, path: String) throws -> MetricSet {
            if let run {
                guard names.contains(run) else {
                    throw ReportError(path: path, "holds no columns of run '\(run)'; its runs are \(names.map { "'\($0)'" }.joined(separator: ", "))")
                }
                return series[run] ?? MetricSet()
            }
            guard names.count == 1 else {
                throw ReportError(path: path, "holds \(names.count) runs (\(names.map { "'\($0)'" }.joined(separator: ", "))): each is read into the run directory whose run_name it bears")
            }
            return series[names[0]] ?? MetricSet()
        }
    }
}
