import Foundation

/// Reads `wandb-history.jsonl`, the history a W&B run folder holds (`wandb/run-<time>-<id>/`,
/// or its `files/`; wandb before 0.10 wrote it, later versions keep history in the binary
/// `run-<id>.wandb`): one JSON object per `wandb.log` call, with `_step`, `_runtime`,
/// `_timestamp`. Rows become series by the rules of `WandbHistory`.
public struct WandbHistoryJSONLReader: MetricLogReader {
    let stepMetric: String?

    public init(stepMetric: String? = nil) {
        self.stepMetric = stepMetric
    }

    public var formatName: String { "W&B history (wandb-history.jsonl)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard head.name != WandbSummaryReader.fileName, !head.name.hasSuffix(".json"),
              let keys = head.firstLineObjectKeys else { return false }
        return keys.contains(WandbHistory.callCounter) || keys.contains("_runtime") || keys.contains("_timestamp")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let rows = try JSONValue.objectLines(data, path: path).map { line, object in
            WandbHistory.Row(line: line, cells: object.mapValues(WandbHistory.cell))
        }
        return try WandbHistory(stepMetric: stepMetric).metrics(rows, path: path, diagnostics: &diagnostics)
    }
}
