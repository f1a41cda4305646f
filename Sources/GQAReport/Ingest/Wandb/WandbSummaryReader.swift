import Foundation

/// Reads `wandb-summary.json` of a W&B run folder: one JSON object holding the last value of
/// every metric, at the step the run ended (`WandbHistory` picks the step metric as for a
/// history row). It gives a run's final values when its history is not there.
public struct WandbSummaryReader: MetricLogReader {
    public static let fileName = "wandb-summary.json"

    let stepMetric: String?

    public init(stepMetric: String? = nil) {
        self.stepMetric = stepMetric
    }

    public var formatName: String { "W&B run summary (wandb-summary.json)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard head.name.hasSuffix(".json"), head.startsWithJSONObject, !BenchmarkResultsReader.recognises(head) else { return false }
        return head.name == Self.fileName || head.mentionsKey(["_wandb", "_runtime"])
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        guard case let .object(object) = try JSONValue.parse(data, path: path) else {
            throw ReportError(path: path, "expected one JSON object (a W&B run summary)")
        }
        // W&B writes its own keys (`_wandb`, `_runtime`, `_timestamp`, `_step`) in every summary;
        // one with nothing else is a run that logged no value, not a file without a step.
        let logged = object.contains { key, value in
            guard !key.hasPrefix("_"), case .number = WandbHistory.cell(value) else { return false }
            return true
        }
        guard logged else {
            diagnostics.note("\(path): the W&B summary holds no metric, only W&B's own keys (\(object.keys.sorted().joined(separator: ", "))): the run logged no value (a launch that stopped before its first wandb.log?)")
            return MetricSet()
        }
        let row = WandbHistory.Row(line: 1, cells: object.mapValues(WandbHistory.cell))
        let metrics = try WandbHistory(stepMetric: stepMetric).metrics([row], path: path, diagnostics: &diagnostics)
        // Each value is its metric's last, wherever it was logged; the one step given them all is
        // the last of the step metric, so a metric logged less often (an evaluation) may be from
        // an earlier step. Said, as the history that would tell is not there.
        if let step = metrics.tags.compactMap({ metrics[$0].last?.step }).first {
            diagnostics.note("\(path): a W&B summary holds each metric's last value, all put at step \(step), the last step it records; a metric logged less often (an evaluation) may be from an earlier step, which only the run's history (its .wandb or wandb-history.jsonl) tells")
        }
        return metrics
    }
}
