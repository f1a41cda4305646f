import Foundation

/// Reads the stdout of the authors' trainer (`src/trainer/trainer.py`, `train_log`). Metric
/// lines look like
///
///     [12/120] loss 5.1234 | time 412.3ms | t_data 1.2ms | t_fwd 100.1ms | t_bwd 200.2ms | lr 1.000e-03 | grad_norm 1.23e+00 | tokens 6,291,456
///
/// with `grad_norm` and `tokens` optional. A line is a metric line when it starts with
/// `[<digits>/`; every other line (model dumps, warnings, progress bars) is ignored. A metric
/// line that does not parse is an error naming the file and line: a silently skipped line
/// would bias the final loss. The parser works on bytes: logs of long runs are large.
public struct TrainerStdoutReader: MetricLogReader {
    public init() {}

    public var formatName: String { "trainer stdout" }

    /// The names stdout is saved under: `stdout.txt`, `*.log`, `*.out` (slurm-<job>.out).
    public static func isStdoutName(_ name: String) -> Bool {
        name == "stdout.txt" || name.hasSuffix(".log") || name.hasSuffix(".out")
    }

    /// Text saved under a stdout name, or any text with a metric line `[<step>/<total>] loss`.
    public func recognises(_ head: FileHead) -> Bool {
        head.isText && (Self.isStdoutName(head.name) || Self.printsMetricLine(head))
    }

    /// Whether the head holds one of its metric lines (not only a stdout name).
    static func printsMetricLine(_ head: FileHead) -> Bool {
        let text = String(decoding: head.bytes, as: UTF8.self)
        return text.range(of: #"(^|\n)\s*\[\d+/\d+\] loss "#, options: .regularExpression) != nil
    }

    private enum Unit {
        case plain, milliseconds, groupedInteger
    }

    /// Fields after `loss`, with the tag each maps to and the unit it is printed in.
    private static let fields: [(key: [UInt8], tag: String, unit: Unit)] = [
        (Array("time".utf8), MetricTag.iterationTime, .milliseconds),
        (Array("t_data".utf8), MetricTag.dataTime, .milliseconds),
        (Array("t_fwd".utf8), MetricTag.forwardTime, .milliseconds),
        (Array("t_bwd".utf8), MetricTag.backwardTime, .milliseconds),
        (Array("lr".utf8), MetricTag.learningRate, .plain),
        (Array("grad_norm".utf8), MetricTag.gradientNorm, .plain),
        (Array("tokens".utf8), MetricTag.tokensSeen, .groupedInteger),
    ]

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var loss: [MetricPoint] = []
        var others = [[MetricPoint]](repeating: [], count: Self.fields.count)
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                // Progress bars rewrite their line with \r; a metric line may follow one.
                var segment = start
                for index in start...end where index == end || bytes[index] == UInt8(ascii: "\r") {
                    if index > segment {
                        try parseLine(bytes, segment..<index, path: path, line: lineNumber, loss: &loss, others: &others)
                    }
                    segment = index + 1
                }
                start = end + 1
            }
        }
        var series = [MetricTag.trainLoss: loss]
        for (index, field) in Self.fields.enumerated() where !others[index].isEmpty { series[field.tag] = others[index] }
        return MetricSet(series: series)
    }

    private func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, path: String, line: Int,
                           loss: inout [MetricPoint], others: inout [[MetricPoint]]) throws {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) { i += 1 }
        // `[<digits>/` marks a metric line; `[rank=0]` or `[2025-03-01 …]` do not.
        guard i < end, bytes[i] == UInt8(ascii: "[") else { return }
        var j = i + 1
        while j < end && isDigit(bytes[j]) { j += 1 }
        guard j > i + 1, j < end, bytes[j] == UInt8(ascii: "/") else { return }

        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
        func broken(_ why: String) -> ReportError { ReportError(path: path, line: line, "broken metric line: \(why)") }
        guard let close = (j..<end).first(where: { bytes[$0] == UInt8(ascii: "]") }) else { throw broken("no ']' after the step") }
        guard let step = Int(text((i + 1)..<j)), close > j + 1, (j + 1..<close).allSatisfy({ isDigit(bytes[$0]) }) else {
            throw broken("the step must read [step/total], found '\(text(i..<(close + 1)))'")
        }
        // Fields separated by '|': the first must be `loss <value>`.
        var fieldStart = close + 1
        var first = true
        while fieldStart <= end {
            var fieldEnd = fieldStart
            while fieldEnd < end && bytes[fieldEnd] != UInt8(ascii: "|") { fieldEnd += 1 }
            var a = fieldStart, b = fieldEnd
            while a < b && bytes[a] == UInt8(ascii: " ") { a += 1 }
            while b > a && (bytes[b - 1] == UInt8(ascii: " ") || bytes[b - 1] == UInt8(ascii: "\t")) { b -= 1 }
            var space = a
            while space < b && bytes[space] != UInt8(ascii: " ") { space += 1 }
            var valueStart = space
            while valueStart < b && bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            let key = UnsafeBufferPointer(rebasing: bytes[a..<space])
            if first {
                guard key.elementsEqual("loss".utf8) else { throw broken("expected 'loss <value>' after the step") }
                guard let value = parseDouble(bytes, valueStart..<b) else { throw broken("loss '\(text(valueStart..<b))' is not a number") }
                guard value.isFinite else {
                    throw ReportError(path: path, line: line, "loss is \(text(valueStart..<b)) at step \(step): the run diverged or the log is corrupt")
                }
                loss.append(MetricPoint(step: step, value: value))
                first = false
            } else {
                guard valueStart < b else { throw broken("field '\(text(a..<b))' has no value") }
                guard let index = Self.fields.firstIndex(where: { key.elementsEqual($0.key) }) else {
                    throw broken("unknown field '\(text(a..<space))'")
                }
                guard let value = value(bytes, valueStart..<b, unit: Self.fields[index].unit) else {
                    throw broken("\(text(a..<space)) '\(text(valueStart..<b))' is not a valid value")
                }
                others[index].append(MetricPoint(step: step, value: value))
            }
            fieldStart = fieldEnd + 1
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func value(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, unit: Unit) -> Double? {
        switch unit {
        case .plain:
            return parseDouble(bytes, range)
        case .milliseconds:
            guard range.count > 2, bytes[range.upperBound - 2] == UInt8(ascii: "m"), bytes[range.upperBound - 1] == UInt8(ascii: "s"),
                  let ms = parseDouble(bytes, range.lowerBound..<(range.upperBound - 2)), ms.isFinite
            else { return nil }
            return ms / 1000  // the TensorBoard tags hold seconds
        case .groupedInteger:
            var count = 0, digits = 0
            for index in range {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") { continue }
                guard isDigit(byte), count <= (Int.max - 9) / 10 else { return nil }
                count = count * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
            return digits > 0 ? Double(count) : nil
        }
    }

    /// A whole field as a number (C's strtod, so nan and inf read as Python prints them).
    private func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        guard !range.isEmpty, range.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = CChar(bitPattern: bytes[index]) }
            buffer[range.count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &endPointer)
            return endPointer == buffer.baseAddress! + range.count ? value : nil
        }
    }
}
