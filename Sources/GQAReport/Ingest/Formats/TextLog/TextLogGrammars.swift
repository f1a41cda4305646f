import Foundation

/// The text logs of the trainers most small scaling studies run, each recognised by evidence in
/// its lines and read line by line into our tags (training loss `train/loss`, validation loss
/// `loss/val`). One grammar a trainer; `TextLogGrammar.all` lists them as
/// `MetricLogFormats.readers` lists readers. Lines no rule matches (banners, a training script
/// printed above the log, tracebacks, tqdm bars) are skipped.
public struct TextLogGrammar: Sendable {
    /// One kind of line: its shape, and the tag of each value it keeps.
    struct Rule: Sendable {
        var pattern: LinePattern
        /// The tag of each `{x}`, in order. A rule without `{step}` puts its values at the step
        /// of the last line that had one (a validation line printed after its step's training
        /// line; OLMo's metric lines below their `[step=N/M]` header); a rule without values
        /// only sets that step.
        var tags: [String]
        /// Whether a head holding such a line is this format.
        var isEvidence: Bool
        /// A line printed at the top of a step, before that step's own line (build-nanogpt's
        /// validation): its values wait for the next line with a step, and are put there.
        var atNextStep: Bool
        /// Its `{step}` counts the steps done (llm.c prints `step + 1`): its values are the
        /// step one before, as the trainer's own log (main.log) numbers them.
        var countsStepsDone: Bool
        /// Its values belong at the steps done so far (llm.c evaluates at the top of its loop,
        /// before that step trains): the last counting line's number, 0 before any.
        var atStepsDone: Bool

        init(_ spec: String, _ tags: [String], evidence: Bool = true, atNextStep: Bool = false,
             countsStepsDone: Bool = false, atStepsDone: Bool = false) {
            pattern = LinePattern(spec)
            precondition(pattern.valueCount == tags.count, "\(spec): one tag for each {x}")
            precondition(!atNextStep || pattern.valueCount > 0, "\(spec): a line at the next step holds values")
            self.tags = tags
            isEvidence = evidence
            self.atNextStep = atNextStep
            self.countsStepsDone = countsStepsDone
            self.atStepsDone = atStepsDone
        }
    }

    public var name: String
    var rules: [Rule]

    private static let hellaswag = "eval/hellaswag_accuracy"

    /// build-nanogpt's `log.txt`: `N train x`, `N val x`, `N hella x`.
    static let buildNanoGPTLog = TextLogGrammar(name: "build-nanogpt log.txt (N train x / N val x / N hella x)", rules: [
        Rule("{step} train {x}$", [MetricTag.trainLoss]),
        Rule("{step} val {x}$", [MetricTag.validationLoss]),
        Rule("{step} hella {x}$", [hellaswag], evidence: false),
    ])

    /// build-nanogpt's stdout: `step     N | loss: x | lr … | norm: … | dt: …ms | tok/sec: …`,
    /// and `validation loss: x`, which train_gpt2.py prints at the top of step N, before step
    /// N's line (its log.txt writes it as `N val x`): put at the step of the line after it.
    static let buildNanoGPTStdout = TextLogGrammar(name: "build-nanogpt stdout (step N | loss: x | lr …)", rules: [
        Rule("step {step} | loss: {x}", [MetricTag.trainLoss]),
        Rule("validation loss: {x}", [MetricTag.validationLoss], evidence: false, atNextStep: true),
    ])

    /// llm.c's `main.log`: `s:N trl:x lr:… norm:…`, `s:N tel:x` (and `s:N eval:x`, HellaSwag).
    static let llmcMainLog = TextLogGrammar(name: "llm.c main.log (s:N trl:x / s:N tel:x)", rules: [
        Rule("s:{step} trl:{x}", [MetricTag.trainLoss]),
        Rule("s:{step} tel:{x}", [MetricTag.validationLoss]),
        Rule("s:{step} eval:{x}", [hellaswag], evidence: false),
    ])

    /// llm.c's stdout: `step    N/M | loss x (+nanz)| norm … | lr … | … ms | …% bf16 MFU | … tok/s`,
    /// `val loss x`. It prints `step + 1` (the steps done), main.log `step`: a line's loss is put
    /// at N − 1, as main.log has it, and a validation, printed at the top of the loop before
    /// that step trains, at the steps done so far (0 for the one before the first step). No real
    /// file of it was found; tested on that shape.
    static let llmcStdout = TextLogGrammar(name: "llm.c stdout (step N/M | loss x | norm …)", rules: [
        Rule("step {step}/{n} | loss {x}", [MetricTag.trainLoss], countsStepsDone: true),
        Rule("val loss {x}", [MetricTag.validationLoss], evidence: false, atStepsDone: true),
    ])

    /// Karpathy's nanoGPT: `iter N: loss x, time …ms, mfu …%`, and every eval_interval
    /// `step N: train loss x, val loss y` (its train loss there is an evaluation's; the
    /// training curve is the iter lines'). Forks that print a unit after the value
    /// (`loss 3.5 BPC`) match too.
    static let nanoGPT = TextLogGrammar(name: "nanoGPT stdout (iter N: loss x, time …)", rules: [
        Rule("iter {step}: loss {x}", [MetricTag.trainLoss]),
        Rule("step {step}: train loss {_}…, val loss {x}", [MetricTag.validationLoss]),
    ])

    /// modded-nanogpt's records: `step:N/M train_loss:x train_time:…ms step_avg:…ms` and
    /// `step:N/M val_loss:x …`, below the training script the record prints first. No real
    /// file of it was found; tested on that shape.
    static let moddedNanoGPT = TextLogGrammar(name: "modded-nanogpt record (step:N/M train_loss:x / val_loss:x)", rules: [
        Rule("step:{step}/{n} train_loss:{x}", [MetricTag.trainLoss]),
        Rule("step:{step}/{n} val_loss:{x}", [MetricTag.validationLoss]),
    ])

    /// AllenAI OLMo's trainer console: a `[step=N/M,epoch=E]` header after the logger's prefix,
    /// then one indented `name=value` line a metric. Only the training loss is read: no real
    /// log with OLMo's evaluations was found.
    static let olmo = TextLogGrammar(name: "OLMo console ([step=N/M] blocks, train/CrossEntropyLoss=x)", rules: [
        Rule("…[step={step}/{n},", []),
        Rule(" train/CrossEntropyLoss={x}", [MetricTag.trainLoss]),
    ])

    /// torchtitan's `train.py` stdout: `[rank0]:[titan] <time> - root - INFO - step: N  loss: x
    /// grad_norm: …` with ANSI colours inside the line (removed before matching), and its
    /// validator's `validate step: N  loss: x`.
    static let torchtitan = TextLogGrammar(name: "torchtitan stdout ([titan] … step: N  loss: x)", rules: [
        Rule("…[titan] …validate step: {step} loss: {x}", [MetricTag.validationLoss]),
        Rule("…[titan] …step: {step} loss: {x}", [MetricTag.trainLoss]),
    ])

    public static let all = [buildNanoGPTLog, buildNanoGPTStdout, llmcMainLog, llmcStdout, nanoGPT, moddedNanoGPT, olmo, torchtitan]

    /// The readers of the other trainers' text logs: a grammar's each, then the Trainer console's.
    static var readers: [any MetricLogReader] {
        all.map { TextLogGrammarReader(grammar: $0) } + [TrainerConsoleReader()]
    }

    /// The reader of the other trainers' text logs that recognises this head, if one does.
    static func reader(recognising head: FileHead) -> (any MetricLogReader)? {
        readers.first { $0.recognises(head) }
    }

    /// The tags its rules give, each once, in rule order.
    var tags: [String] {
        var seen = Set<String>()
        return rules.flatMap(\.tags).filter { seen.insert($0).inserted }
    }
}

/// Reads a file of one `TextLogGrammar`, on its bytes.
public struct TextLogGrammarReader: MetricLogReader {
    let grammar: TextLogGrammar

    public var formatName: String { grammar.name }

    /// A head is this format when one of its whole lines is evidence of it.
    public func recognises(_ head: FileHead) -> Bool {
        guard head.isText else { return false }
        var captures = LinePattern.Captures()
        let evidence = grammar.rules.filter(\.isEvidence).map(\.pattern)
        var found = false
        head.bytes.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: true) { segment, _, _ in
                found = evidence.contains { $0.match(segment, into: &captures) }
                return !found
            }
        }
        return found
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let tags = grammar.tags
        let ruleTags = grammar.rules.map { rule in rule.tags.map { tags.firstIndex(of: $0)! } }
        let patterns = grammar.rules.map(\.pattern)
        let ruleCount = patterns.count
        let isLoss = tags.map(MetricValueCheck.isChecked)
        var points = [[MetricPoint]](repeating: [], count: tags.count)
        let atNextStep = grammar.rules.map(\.atNextStep)
        let countsStepsDone = grammar.rules.map(\.countsStepsDone), atStepsDone = grammar.rules.map(\.atStepsDone)
        var stepsDone = 0
        var waiting: [(tag: Int, value: Double, line: Int)] = []  // values of a line at the next step
        var lastStep: Int?
        var captures = LinePattern.Captures()
        var failure: Error?
        var cutLine: Int?
        var killedLines: [Int] = []
        data.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: false) { segment, lineNumber, isCut in
                for ruleIndex in 0..<ruleCount where patterns[ruleIndex].match(segment, into: &captures) {
                    if let printed = captures.step {
                        let step = countsStepsDone[ruleIndex] ? max(0, printed - 1) : printed
                        if countsStepsDone[ruleIndex] { stepsDone = printed }
                        lastStep = step
                        for value in waiting { points[value.tag].append(MetricPoint(step: step, value: value.value)) }
                        waiting.removeAll()
                    }
                    if atNextStep[ruleIndex], !(isCut && captures.valuesEnd == segment.count) {
                        for (offset, value) in captures.values.enumerated() { waiting.append((ruleTags[ruleIndex][offset], value, lineNumber)) }
                        break
                    }
                    guard let step = atStepsDone[ruleIndex] ? stepsDone : lastStep, !captures.values.isEmpty else { break }
                    // A number the file ends in (no line break, nothing after it), or a line a
                    // scheduler's kill message was printed into, may be cut short: not trusted.
                    if isCut && captures.valuesEnd == segment.count {
                        cutLine = lineNumber
                        break
                    }
                    if KillMessage.isIn(UnsafeBufferPointer(rebasing: segment[captures.valuesEnd...])) {
                        killedLines.append(lineNumber)
                        break
                    }
                    for (offset, value) in captures.values.enumerated() {
                        let tagIndex = ruleTags[ruleIndex][offset]
                        if isLoss[tagIndex] && !value.isFinite {
                            failure = MetricValueCheck.error(tag: tags[tagIndex], value: value, step: step, path: path, line: lineNumber)
                            return false
                        }
                        points[tagIndex].append(MetricPoint(step: step, value: value))
                    }
                    break
                }
                return true
            }
        }
        if let failure { throw failure }
        if let last = waiting.last {
            diagnostics.warn("\(path):\(last.line): its last \(waiting.count == 1 ? "value" : "\(waiting.count) values") (\(Set(waiting.map { tags[$0.tag] }).sorted().joined(separator: ", "))) belong to a step whose own line never came (the run stopped there): left out")
        }
        if let cutLine {
            diagnostics.warn("\(path):\(cutLine): the file ends inside a metric line, with no line break (the run was killed while printing it, or the copy was cut short); that line is left out")
        }
        if let first = killedLines.first {
            diagnostics.warn("\(path):\(first): a kill message (\(KillMessage.markers.map { "'\($0)'" }.joined(separator: ", "))) is printed into \(killedLines.count == 1 ? "this metric line" : "\(killedLines.count) metric lines, the first here"); left out, the rest read")
        }
        var series: [String: [MetricPoint]] = [:]
        for (index, tag) in tags.enumerated() where !points[index].isEmpty { series[tag] = points[index] }
        return MetricSet(series: series)
    }
}

/// What a scheduler or the kernel prints when it kills a job, which can land inside the line
/// the trainer was printing (`… | loss: 10.9slurmstepd: error: *** JOB 42 ON n1 CANCELLED …`).
/// Looked for after a line's last kept value: before it, the value would not have parsed.
enum KillMessage {
    static let markers = ["slurmstepd:", "CANCELLED", "Killed", "Terminated"]
    private static let needles = markers.map { Array($0.utf8) }

    static func isIn(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        needles.contains { ByteSearch.firstIndex(of: $0, in: line) != nil }
    }
}

/// The lines of a text log, on its bytes. A carriage return ends a line too (tqdm redraws its
/// bar with one, and a metric line can follow it); ANSI colour codes (`ESC [ … m`) are removed.
enum TextLines {
    /// Calls `body` with each non-empty segment, its 1-based line number, and whether it is
    /// the file's last line without a line break (cut short); `body` returns false to stop.
    /// With `wholeLinesOnly`, an unterminated last line is not given at all (a file head cut
    /// at a fixed size).
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, wholeLinesOnly: Bool,
                        _ body: (UnsafeBufferPointer<UInt8>, Int, Bool) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        var scratch = [UInt8]()
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            lineNumber += 1
            let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            let isCut = end == bytes.count
            if isCut && wholeLinesOnly { return }
            var segmentStart = start
            while segmentStart <= end {
                let segmentEnd = memchr(base + segmentStart, 0x0D, end - segmentStart).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
                if segmentEnd > segmentStart {
                    let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<segmentEnd])
                    if memchr(segment.baseAddress!, 0x1B, segment.count) != nil {
                        withoutColourCodes(segment, into: &scratch)
                        let keepGoing = scratch.withUnsafeBufferPointer { body($0, lineNumber, isCut && segmentEnd == end) }
                        if !keepGoing { return }
                    } else {
                        if !body(segment, lineNumber, isCut && segmentEnd == end) { return }
                    }
                }
                segmentStart = segmentEnd + 1
            }
            start = end + 1
        }
    }

    /// The segment without its ANSI escape sequences (CSI: `ESC [`, parameters, one final byte).
    private static func withoutColourCodes(_ segment: UnsafeBufferPointer<UInt8>, into scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < segment.count {
            if segment[index] == 0x1B {
                index += 1
                if index < segment.count, segment[index] == UInt8(ascii: "[") {
                    index += 1
                    while index < segment.count, !(0x40...0x7E).contains(segment[index]) { index += 1 }
                }
                index += 1
                continue
            }
            scratch.append(segment[index])
            index += 1
        }
    }
}
