import Foundation

/// Reads a Weights & Biases history exported as CSV (`*.csv` in a run directory): a `_step`
/// column and one column per metric. Empty cells are metrics not logged at that step; W&B's
/// own columns (`_runtime`, `_timestamp`, …) are skipped.
public struct WandbHistoryCSVReader: MetricLogReader {
    public init() {}

    public var formatName: String { "W&B history CSV" }

    public func accepts(fileName: String) -> Bool {
        fileName.hasSuffix(".csv")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let rows = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = rows.first else { throw ReportError(path: path, "empty file; expected a header with _step") }
        let stepColumn = try CSVTable.column("_step", in: header, path: path)
        let metrics = header.cells.enumerated().filter { !$0.element.hasPrefix("_") && !$0.element.isEmpty }
        var points: [String: [MetricPoint]] = [:]
        for row in rows.dropFirst() {
            guard stepColumn < row.cells.count, let step = Double(row.cells[stepColumn]).flatMap(WholeNumber.exact) else {
                throw ReportError(path: path, line: row.line, "column '_step' must be a whole number")
            }
            for (index, tag) in metrics where index < row.cells.count {
                let cell = row.cells[index].trimmingCharacters(in: .whitespaces)
                guard !cell.isEmpty else { continue }
                guard let value = Double(cell) else {
                    throw ReportError(path: path, line: row.line, "column '\(tag)': '\(cell)' is not a number")
                }
                try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: row.line)
                points[tag, default: []].append(MetricPoint(step: step, value: value))
            }
        }
        return MetricSet(series: points)
    }
}
