import Foundation

/// The entries a Transformers `Trainer` logs (`Trainer.log`: `log_history` of
/// `trainer_state.json`, and the lines LLaMA-Factory's `LogCallback` copies them to), mapped
/// to the run's series: `loss` → `train/loss`, `eval_loss` and every `eval_<x>` → `eval/<x>`
/// (one per evaluation set), `learning_rate` (or `lr`) and `grad_norm` → the authors' tags,
/// `num_input_tokens_seen` → the exact token count, any other number → `train/<key>` (TRL's
/// `rewards/chosen`, …). Non-numbers (LLaMA-Factory's `"throughput": "0.00"`) are left out.
enum TrainerLogEntries {
    /// Keys that describe the logging itself, not the model.
    static let bookkeeping: Set<String> = [
        "step", "current_steps", "total_steps", "percentage", "elapsed_time", "remaining_time", "throughput",
    ]

    /// Adds one entry's values at `step` to `points`; a non-finite loss is an error naming the line.
    static func add(_ object: [String: JSONValue], step: Int, to points: inout [String: [MetricPoint]], path: String, line: Int?) throws {
        for (key, value) in object where !bookkeeping.contains(key) {
            let number: Double
            switch value {
            case let .int(whole): number = Double(whole)
            case let .double(real): number = real
            default: continue
            }
            let tag = Self.tag(key)
            try MetricValueCheck.check(tag: tag, value: number, step: step, path: path, line: line)
            points[tag, default: []].append(MetricPoint(step: step, value: number))
        }
    }

    static func tag(_ key: String) -> String {
        switch key {
        case "loss": return MetricTag.trainLoss
        case "learning_rate", "lr": return MetricTag.learningRate
        case "grad_norm": return MetricTag.gradientNorm
        case "num_input_tokens_seen", "total_tokens": return MetricTag.tokensSeen
        case _ where key.hasPrefix("eval_"): return "eval/" + key.dropFirst("eval_".count)
        default: return "train/" + key
        }
    }
}

/// Reads `trainer_state.json` (Transformers' `Trainer.save_state`, also in every
/// `checkpoint-<step>/`): its `log_history`, one entry a logging or evaluation step. The entry
/// the Trainer adds when training ends (`train_loss`, the mean over the whole run, with
/// `total_flos`) is a summary, not a point of the history, and is left out.
public struct TrainerStateReader: MetricLogReader {
    public init() {}

    public var formatName: String { "Transformers trainer state (trainer_state.json)" }

    public func recognises(_ head: FileHead) -> Bool {
        head.startsWithJSONObject && (head.name == TransformersTrainerLayout.stateFile || head.mentionsKey(["log_history"]))
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        guard case let .object(state) = try JSONValue.parse(data, path: path), case let .array(history)? = state["log_history"] else {
            throw ReportError(path: path, "expected a trainer state: a JSON object with a 'log_history' list")
        }
        var points: [String: [MetricPoint]] = [:]
        var stepless: [Int] = []
        for (index, entry) in history.enumerated() {
            guard case let .object(object) = entry else {
                throw ReportError(path: path, "log_history entry \(index + 1) is not an object")
            }
            if object["train_loss"] != nil || object["total_flos"] != nil { continue }  // the end-of-training summary
            // Seq2SeqTrainer's predict()/evaluate() on a test set log predict_* / test_* entries
            // without a step: results after training, not points of its history.
            if object["step"] == nil, !object.keys.isEmpty,
               object.keys.allSatisfy({ $0.hasPrefix("predict_") || $0.hasPrefix("test_") || $0 == "epoch" }) {
                stepless.append(index + 1)
                continue
            }
            guard case let .int(step)? = object["step"], step >= 0 else {
                throw ReportError(path: path, "log_history entry \(index + 1) has no whole 'step'")
            }
            try TrainerLogEntries.add(object, step: step, to: &points, path: path, line: nil)
        }
        if let first = stepless.first {
            diagnostics.note("\(path): \(stepless.count) log_history entr\(stepless.count == 1 ? "y" : "ies") of predict_/test_ results without a step (the first is entry \(first)) are not points of the training history; skipped")
        }
        return MetricSet(series: points)
    }
}

/// Reads LLaMA-Factory's `trainer_log.jsonl` (its `LogCallback`): one JSON object a line with
/// `current_steps`, `total_steps`, `loss`, `learning_rate` (newer: `lr`), `epoch`, and on
/// evaluation lines `eval_loss` alone. Values are rounded (4 decimals for the loss).
public struct LlamaFactoryLogReader: MetricLogReader {
    public static let fileName = "trainer_log.jsonl"

    public init() {}

    public var formatName: String { "LLaMA-Factory trainer log (trainer_log.jsonl)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard let keys = head.firstLineObjectKeys else { return false }
        return keys.contains("current_steps") && keys.contains("total_steps")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        for (line, object) in try JSONValue.objectLines(data, path: path) {
            guard case let .int(step)? = object["current_steps"], step >= 0 else {
                throw ReportError(path: path, line: line, "'current_steps' must be a whole number")
            }
            var values = object
            // Older LLaMA-Factory writes total_tokens 0 when it does not count them.
            if case .int(0)? = values["total_tokens"] { values["total_tokens"] = nil }
            try TrainerLogEntries.add(values, step: step, to: &points, path: path, line: line)
        }
        return MetricSet(series: points)
    }
}
