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
        var rows: [WandbHistory.Row] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { !" \t\r".utf8.contains($0) }) else { continue }
            guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line)) else {
                throw ReportError(path: path, line: lineNumber, "not a JSON object")
            }
            rows.append(WandbHistory.Row(line: lineNumber, cells: object.mapValues(WandbHistory.cell)))
        }
        return try WandbHistory(stepMetric: stepMetric).metrics(rows, path: path, diagnostics: &diagnostics)
    }
}
