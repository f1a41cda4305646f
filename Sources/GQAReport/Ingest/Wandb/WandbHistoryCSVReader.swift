import Foundation

/// Reads a W&B run history saved as CSV with `run.history().to_csv()` (wandb's public API and
/// pandas): an unnamed index column, W&B's `_step`, `_runtime`, `_timestamp`, and one column
/// per metric, empty where a metric was not logged in that row. Rows become series by the
/// rules of `WandbHistory` (the step axis, non-numbers skipped).
public struct WandbHistoryCSVReader: MetricLogReader {
    let stepMetric: String?

    public init(stepMetric: String? = nil) {
        self.stepMetric = stepMetric
    }

    public var formatName: String { "W&B history CSV (wandb API: run.history().to_csv())" }

    public func recognises(_ head: FileHead) -> Bool {
        head.csvHeader?.contains(WandbHistory.callCounter) ?? false
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let table = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = table.first else { throw ReportError(path: path, "empty file; expected a header with _step") }
        _ = try CSVTable.column(WandbHistory.callCounter, in: header, path: path)
        // pandas writes its index as a first column with an empty name: not a metric.
        let columns = header.cells.enumerated().filter { !$0.element.isEmpty }
        // pandas writes repeated columns as "x.1", so a real export repeats none.
        _ = try CSVTable.columns(columns, in: header, path: path)
        let rows = table.dropFirst().map { row in
            WandbHistory.Row(line: row.line, cells: Dictionary(uniqueKeysWithValues: columns.map { index, key in
                let cell = index < row.cells.count ? row.cells[index].trimmingCharacters(in: .whitespaces) : ""
                if cell.isEmpty { return (key, .missing) }
                if let number = Double(cell) ?? WandbHistory.nonFinite[cell] { return (key, .number(number)) }
                return (key, .other("text"))
            }))
        }
        return try WandbHistory(stepMetric: stepMetric).metrics(rows, path: path, diagnostics: &diagnostics)
    }
}
