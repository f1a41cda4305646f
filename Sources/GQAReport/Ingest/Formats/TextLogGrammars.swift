import Foundation

/// The text logs of the trainers most small scaling studies run, each recognised by evidence in
/// its lines and read line by line into our tags (training loss `train/loss`, validation loss
/// `loss/val`). One grammar a trainer; `TextLogGrammar.all` lists them as
/// `MetricLogFormats.readers` lists readers. Lines no rule matches (banners, a training script
/// printed above the log, tqdm bars) are skipped.
public struct TextLogGrammar: Sendable {
    /// One kind of line: where it matches, the step and the values it gives, by tag.
    struct Rule: Sendable {
        var pattern: NSRegularExpression
        /// Capture group of the step, or nil: the step of the last line that had one (a
        /// validation line printed after its step's training line).
        var stepGroup: Int?
        /// Tag → capture group of its value.
        var values: [(tag: String, group: Int)]
    }

    public var name: String
    /// A line that only this trainer prints; a file is this format when its head has one.
    var evidence: NSRegularExpression
    var rules: [Rule]

    private static func regex(_ pattern: String) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    }

    private static let number = #"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)"#

    /// build-nanogpt's `log.txt`: `N train x`, `N val x`, `N hella x`.
    static let buildNanoGPTLog = TextLogGrammar(
        name: "build-nanogpt log.txt (N train x / N val x / N hella x)",
        evidence: regex(#"^\d+ (train|val) \#(number)\s*$"#),
        rules: [
            Rule(pattern: regex(#"^(\d+) train \#(number)\s*$"#), stepGroup: 1, values: [(MetricTag.trainLoss, 2)]),
            Rule(pattern: regex(#"^(\d+) val \#(number)\s*$"#), stepGroup: 1, values: [(MetricTag.validationLoss, 2)]),
            Rule(pattern: regex(#"^(\d+) hella \#(number)\s*$"#), stepGroup: 1, values: [("eval/hellaswag_accuracy", 2)]),
        ])

    /// build-nanogpt's stdout: `step     N | loss: x | lr … | norm: … | dt: …ms | tok/sec: …`,
    /// `validation loss: x`.
    static let buildNanoGPTStdout = TextLogGrammar(
        name: "build-nanogpt stdout (step N | loss: x | lr …)",
        evidence: regex(#"^step\s+\d+ \| loss: "#),
        rules: [
            Rule(pattern: regex(#"^step\s+(\d+) \| loss: \#(number)"#), stepGroup: 1, values: [(MetricTag.trainLoss, 2)]),
            Rule(pattern: regex(#"^validation loss: \#(number)"#), stepGroup: nil, values: [(MetricTag.validationLoss, 1)]),
        ])

    /// llm.c's `main.log`: `s:N trl:x lr:… norm:…`, `s:N tel:x` (and `s:N eval:x`, HellaSwag).
    static let llmcMainLog = TextLogGrammar(
        name: "llm.c main.log (s:N trl:x / s:N tel:x)",
        evidence: regex(#"^s:\d+ (trl|tel):"#),
        rules: [
            Rule(pattern: regex(#"^s:(\d+) trl:\#(number)"#), stepGroup: 1, values: [(MetricTag.trainLoss, 2)]),
            Rule(pattern: regex(#"^s:(\d+) tel:\#(number)"#), stepGroup: 1, values: [(MetricTag.validationLoss, 2)]),
            Rule(pattern: regex(#"^s:(\d+) eval:\#(number)"#), stepGroup: 1, values: [("eval/hellaswag_accuracy", 2)]),
        ])

    /// llm.c's stdout: `step    N/M | loss x (+nanz)| norm … | lr … | … ms | …% bf16 MFU | … tok/s`,
    /// `val loss x`. No real file of it was found; tested on that shape.
    static let llmcStdout = TextLogGrammar(
        name: "llm.c stdout (step N/M | loss x | norm …)",
        evidence: regex(#"^step\s+\d+/\d+ \| loss "#),
        rules: [
            Rule(pattern: regex(#"^step\s+(\d+)/\d+ \| loss \#(number)"#), stepGroup: 1, values: [(MetricTag.trainLoss, 2)]),
            Rule(pattern: regex(#"^val loss \#(number)"#), stepGroup: nil, values: [(MetricTag.validationLoss, 1)]),
        ])

    /// Karpathy's nanoGPT: `iter N: loss x, time …ms, mfu …%`, and every eval_interval
    /// `step N: train loss x, val loss y`.
    static let nanoGPT = TextLogGrammar(
        name: "nanoGPT stdout (iter N: loss x, time …)",
        evidence: regex(#"^(iter \d+: loss \#(number), time|step \d+: train loss \#(number), val loss)"#),
        rules: [
            Rule(pattern: regex(#"^iter (\d+): loss \#(number)"#), stepGroup: 1, values: [(MetricTag.trainLoss, 2)]),
            Rule(pattern: regex(#"^step (\d+): train loss \#(number), val loss \#(number)"#), stepGroup: 1, values: [(MetricTag.validationLoss, 3)]),
        ])

    /// modded-nanogpt's records: `step:N/M train_loss:x train_time:…ms step_avg:…ms` and
    /// `step:N/M val_loss:x …`, below the training script the record prints first. No real
    /// file of it was found; tested on that shape.
    static let moddedNanoGPT = TextLogGrammar(
        name: "modded-nanogpt record (step:N/M train_loss:x / val_loss:x)",
        evidence: regex(#"^step:\d+/\d+ (train_loss|val_loss):"#),
        rules: [
            Rule(pattern: regex(#"^step:(\d+)/\d+ train_loss:\#(number)"#), stepGroup: 1, values: [(MetricTag.trainLoss, 2)]),
            Rule(pattern: regex(#"^step:(\d+)/\d+ val_loss:\#(number)"#), stepGroup: 1, values: [(MetricTag.validationLoss, 2)]),
        ])

    public static let all = [buildNanoGPTLog, buildNanoGPTStdout, llmcMainLog, llmcStdout, nanoGPT, moddedNanoGPT]

    func recognises(_ text: String) -> Bool {
        evidence.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// Reads a file of one `TextLogGrammar`.
public struct TextLogGrammarReader: MetricLogReader {
    let grammar: TextLogGrammar

    public var formatName: String { grammar.name }

    public func recognises(_ head: FileHead) -> Bool {
        head.isText && grammar.recognises(String(decoding: head.bytes, as: UTF8.self))
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        var lastStep: Int?
        var lineNumber = 0
        let text = String(decoding: data, as: UTF8.self)
        // A carriage return ends a line too: tqdm bars and a kill message can share a line.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            lineNumber += 1
            guard let first = line.first, first.isLetter || first.isNumber else { continue }
            let string = String(line)
            let range = NSRange(string.startIndex..., in: string)
            for rule in grammar.rules {
                guard let match = rule.pattern.firstMatch(in: string, range: range) else { continue }
                func capture(_ group: Int) -> String? {
                    Range(match.range(at: group), in: string).map { String(string[$0]) }
                }
                let step: Int
                if let group = rule.stepGroup {
                    guard let parsed = capture(group).flatMap(Int.init) else { break }
                    step = parsed
                    lastStep = parsed
                } else {
                    guard let lastStep else { break }
                    step = lastStep
                }
                for (tag, group) in rule.values {
                    guard let raw = capture(group), let value = Double(raw) else {
                        throw ReportError(path: path, line: lineNumber, "\(tag): '\(capture(group) ?? "")' is not a number")
                    }
                    try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: lineNumber)
                    points[tag, default: []].append(MetricPoint(step: step, value: value))
                }
                break
            }
        }
        return MetricSet(series: points)
    }
}
