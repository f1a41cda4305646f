import Foundation

/// Reads the CSV TensorBoard's web UI downloads for one scalar ("Show data download links",
/// then CSV): `Wall time,Step,Value`, one tag a file, the tag in the file name
/// (`run-<run>-tag-<tag>.csv`, with the tag's "/" written "_"). A run that was resumed from a
/// checkpoint logs again from the checkpoint's step; as TensorBoard does when a step goes back,
/// the points at and after that step logged before it are replaced by the new ones.
public struct TensorBoardCSVReader: MetricLogReader {
    static let header = ["Wall time", "Step", "Value"]

    public init() {}

    public var formatName: String { "TensorBoard CSV (web UI download: Wall time,Step,Value)" }

    public func recognises(_ head: FileHead) -> Bool {
        head.csvHeader == Self.header
    }

    /// The tag, from `run-<run>-tag-<tag>.csv`; else the file's name without `.csv`.
    static func tag(fromFileName name: String) -> String {
        let stem = name.hasSuffix(".csv") ? String(name.dropLast(4)) : name
        guard let range = stem.range(of: "-tag-", options: .backwards) else { return stem }
        return String(stem[range.upperBound...])
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let tag = Self.tag(fromFileName: URL(fileURLWithPath: path).lastPathComponent)
        let table = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = table.first, header.cells == Self.header else {
            throw ReportError(path: path, line: 1, "expected the header 'Wall time,Step,Value'")
        }
        var points: [MetricPoint] = []
        for row in table.dropFirst() {
            guard row.cells.count == 3, let step = Double(row.cells[1]).flatMap(WholeNumber.exact), step >= 0 else {
                throw ReportError(path: path, line: row.line, "expected 'wall time,step,value' with a whole-number step")
            }
            guard let value = Double(row.cells[2]) else {
                throw ReportError(path: path, line: row.line, "value '\(row.cells[2])' is not a number")
            }
            try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: row.line)
            if let last = points.last, step <= last.step {
                let dropped = points.count - (points.firstIndex { $0.step >= step } ?? points.count)
                points.removeLast(dropped)
                diagnostics.warn("\(path):\(row.line): the step goes back from \(last.step) to \(step) (a resumed run): the \(dropped) earlier point(s) from step \(step) on are replaced by the later ones, as TensorBoard does")
            }
            points.append(MetricPoint(step: step, value: value))
        }
        return MetricSet(series: [tag: points])
    }
}
