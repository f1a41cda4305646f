import Foundation

/// Reads Megatron-LM's training log (`pretrain_gpt.py`, printed by the last rank), one line an
/// iteration, fields separated by `|`:
///
///     [2026-04-15 11:19:02.524672] iteration        1/     500 | consumed samples:           80 | elapsed time per iteration (ms): 12465.5 | … | learning rate: 6.000000E-06 | global batch size:    80 | lm loss: 1.218301E+01 | loss scale: 1.0 | grad norm: 11.908 | …
///
/// (taken from a real rank's stdout, ../shared/real-formats/stdout). `lm loss` is the training
/// loss, `learning rate` and `grad norm` the authors' tags, `consumed samples` ×
/// sequence length would be tokens but the sequence length is only in rank 0's argument dump,
/// so tokens are left to the run's configuration. Validation lines (`validation loss at
/// iteration N | lm loss value: …`) give `eval/loss`. Other lines (timers, checkpoint saves)
/// are ignored; an iteration line whose `lm loss` does not parse is an error naming the line.
public struct MegatronStdoutReader: MetricLogReader {
    public init() {}

    public var formatName: String { "Megatron-LM training log (iteration N/M | … | lm loss: …)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard head.isText else { return false }
        let text = String(decoding: head.bytes, as: UTF8.self)
        return text.range(of: #"iteration\s+\d+/\s*\d+ \|"#, options: .regularExpression) != nil && text.contains("lm loss")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        let text = String(decoding: data, as: UTF8.self)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if let first = fields.first, let range = first.range(of: #"iteration\s+\d+/"#, options: .regularExpression) {
                let digits = first[range].filter(\.isNumber)
                guard let step = Int(digits) else { continue }
                for field in fields.dropFirst() {
                    let parts = field.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    let tag: String
                    switch parts[0] {
                    case "lm loss": tag = MetricTag.trainLoss
                    case "learning rate": tag = MetricTag.learningRate
                    case "grad norm": tag = MetricTag.gradientNorm
                    default: continue
                    }
                    guard let value = Double(parts[1]) else {
                        throw ReportError(path: path, line: lineNumber, "\(parts[0]) '\(parts[1])' is not a number")
                    }
                    try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: lineNumber)
                    points[tag, default: []].append(MetricPoint(step: step, value: value))
                }
            } else if let at = fields.first?.range(of: #"validation loss at iteration \d+"#, options: .regularExpression),
                      let step = Int(fields[0][at].filter(\.isNumber)),
                      let field = fields.first(where: { $0.hasPrefix("lm loss value:") }) {
                let raw = field.dropFirst("lm loss value:".count).trimmingCharacters(in: .whitespaces)
                guard let value = Double(raw) else { throw ReportError(path: path, line: lineNumber, "lm loss value '\(raw)' is not a number") }
                try MetricValueCheck.check(tag: "eval/loss", value: value, step: step, path: path, line: lineNumber)
                points["eval/loss", default: []].append(MetricPoint(step: step, value: value))
            }
        }
        return MetricSet(series: points)
    }
}
