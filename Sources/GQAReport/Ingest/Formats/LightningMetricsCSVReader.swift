import Foundation

/// Reads PyTorch Lightning's `CSVLogger` file (`lightning_logs/version_<n>/metrics.csv`): a
/// header of every metric logged, with `epoch` and `step` columns, and one row a logging call.
/// Training and validation values come on separate rows, each with the other's cells empty
/// (`train_loss,epoch,step,val_loss,…`). `self.log(…, on_step=True, on_epoch=True)` adds the
/// suffixes `_step` and `_epoch`. Every numeric cell is a point at its row's step.
public struct LightningMetricsCSVReader: MetricLogReader {
    public static let fileName = "metrics.csv"

    public init() {}

    public var formatName: String { "Lightning CSVLogger (metrics.csv)" }

    /// Lightning always names the file `metrics.csv`; a loop's own CSV with a step and an epoch
    /// column under another name is `LoopMetricsCSVReader`'s (read alike, named for what it is).
    public func recognises(_ head: FileHead) -> Bool {
        guard head.name == Self.fileName, let header = head.csvHeader else { return false }
        return header.contains("step") && header.contains("epoch")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let table = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = table.first else { throw ReportError(path: path, "empty file: expected a header with 'step' and 'epoch'") }
        let stepColumn = try CSVTable.column("step", in: header, path: path)
        var points: [String: [MetricPoint]] = [:]
        for row in table.dropFirst() {
            guard row.cells.count == header.cells.count else {
                throw ReportError(path: path, line: row.line, "\(row.cells.count) cells where the header has \(header.cells.count)")
            }
            guard let step = Double(row.cells[stepColumn]).flatMap(WholeNumber.exact), step >= 0 else {
                throw ReportError(path: path, line: row.line, "step '\(row.cells[stepColumn])' is not a whole number")
            }
            for (column, cell) in row.cells.enumerated() where column != stepColumn && !cell.isEmpty {
                let tag = header.cells[column]
                guard let value = Double(cell) else {
                    throw ReportError(path: path, line: row.line, "\(tag) '\(cell)' is not a number")
                }
                try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: row.line)
                points[tag, default: []].append(MetricPoint(step: step, value: value))
            }
        }
        return MetricSet(series: points)
    }
}
