import Foundation

/// The log a person's own training loop prints: one line a step holding a step key and one or
/// more loss keys, in any of the common hand-written shapes (`Step 100, Loss: 3.21, LR: 3e-4`,
/// `step 12/500 | lr 3e-04 | loss 4.02`, `Step: 5000/10000 | Loss: 0.71`,
/// `… - INFO - step 5 | loss: 11.3 | dt: …`, `iter=7 train_loss=2.9 val_loss=3.1`), with
/// `:`, `=` or spaces after a key, any prefix before, CRLF endings. Tried after every known
/// grammar, and only taken where enough lines agree (`minimumLines`, steps that mostly rise),
/// so a file that merely mentions a loss is not read as one.
public struct StepLossLinesReader: MetricLogReader {
    public init() {}

    public var formatName: String { "your own loop's step/loss lines (a step key and loss keys on one line)" }

    /// Lines that must hold a step and a loss before a file is taken for this format.
    static let minimumLines = 5
    /// Of consecutive such lines, the share whose step does not go back.
    static let minimumRisingShare = 0.8

    static let stepKeys: Set<String> = ["step", "steps", "iter", "iters", "iteration", "global_step", "it"]
    static let validationWords: Set<String> = ["val", "validation", "valid", "eval", "evaluation", "test", "dev"]
    static let trainingWords: Set<String> = ["train", "training"]

    /// One line's step and losses.
    struct Line {
        var step: Int
        var training: Double?
        var validation: Double?
    }

    public func recognises(_ head: FileHead) -> Bool {
        guard head.isText else { return false }
        var steps: [Int] = []
        head.bytes.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: true) { segment, _, _ in
                if let line = Self.parse(segment) { steps.append(line.step) }
                return true
            }
        }
        return Self.agree(steps)
    }

    /// Enough lines, with steps that mostly rise (a relaunch may go back now and then).
    static func agree(_ steps: [Int]) -> Bool {
        guard steps.count >= minimumLines else { return false }
        let rising = zip(steps, steps.dropFirst()).filter { $0 <= $1 }.count
        return Double(rising) >= minimumRisingShare * Double(steps.count - 1)
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var training: [MetricPoint] = [], validation: [MetricPoint] = []
        var failure: Error?
        data.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: true) { segment, lineNumber, _ in
                guard let line = Self.parse(segment) else { return true }
                for (tag, value) in [(MetricTag.trainLoss, line.training), (MetricTag.validationLoss, line.validation)] {
                    guard let value else { continue }
                    guard value.isFinite else {
                        failure = MetricValueCheck.error(tag: tag, value: value, step: line.step, path: path, line: lineNumber)
                        return false
                    }
                    if tag == MetricTag.trainLoss { training.append(MetricPoint(step: line.step, value: value)) } else { validation.append(MetricPoint(step: line.step, value: value)) }
                }
                return true
            }
        }
        if let failure { throw failure }
        var series: [String: [MetricPoint]] = [:]
        if !training.isEmpty { series[MetricTag.trainLoss] = training }
        if !validation.isEmpty { series[MetricTag.validationLoss] = validation }
        return MetricSet(series: series)
    }

    /// A line's step and losses; nil unless it holds a step and at least one loss.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Line? {
        var step: Int?
        var training: Double?, validation: Double?
        var previous: (word: String, end: Int)?
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index].map { $0 | (($0 >= 65 && $0 <= 90) ? 0x20 : 0) }, as: UTF8.self)
            defer { previous = (word, index) }
            if step == nil, stepKeys.contains(word), let (value, end) = integer(after: index, in: bytes) {
                step = value
                index = end
                continue
            }
            guard word == "loss" || word.hasSuffix("_loss") else { continue }
            let kind: Bool?  // true: validation, false: training
            if word == "loss" {
                // `val loss`, `val/loss`, `aux-loss`: the word before says whose loss it is.
                let adjacent = previous.map { prev in bytes[prev.end..<start].allSatisfy { $0 == 0x20 || $0 == 0x2F || $0 == 0x2D } } ?? false
                if let prev = previous, adjacent, validationWords.contains(prev.word) {
                    kind = true
                } else if let prev = previous, adjacent, !trainingWords.contains(prev.word) {
                    kind = nil  // "aux loss", "kl loss": another loss
                } else {
                    kind = false
                }
            } else {
                let prefix = String(word.dropLast(5))
                kind = validationWords.contains(prefix) ? true : trainingWords.contains(prefix) ? false : nil
            }
            guard let kind, let (value, end) = real(after: index, in: bytes) else { continue }
            if kind { validation = validation ?? value } else { training = training ?? value }
            index = end
        }
        guard let step, training != nil || validation != nil else { return nil }
        return Line(step: step, training: training, validation: validation)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte == 0x5F
    }

    /// Where a key's value starts: after blanks, at most one `:` or `=`, and blanks.
    private static func valueStart(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = index
        while i < bytes.count, LinePattern.isBlank(bytes[i]) { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") || bytes[i] == UInt8(ascii: "=") { i += 1 }
        while i < bytes.count, LinePattern.isBlank(bytes[i]) { i += 1 }
        return i
    }

    /// A whole number after a step key (`step 12`, `Step: 12/500`, `iter=12`), and where it ends.
    private static func integer(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard let (value, end) = LinePattern.wholeNumber(bytes, at: valueStart(after: index, in: bytes)) else { return nil }
        // A decimal point makes it no step (`step 0.5`); `/total` after it is kept out.
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") { return nil }
        return (value, end)
    }

    /// A number after a loss key (`loss: 3.21`, `loss=3.2e-1`, `loss nan`), read as every text
    /// log's numbers are (`LogNumber`), and where it ends.
    private static func real(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Double, Int)? {
        LogNumber.parse(bytes, at: valueStart(after: index, in: bytes))
    }
}
