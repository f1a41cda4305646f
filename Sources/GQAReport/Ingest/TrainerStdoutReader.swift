import Foundation

/// Reads the stdout of the authors' trainer (`src/trainer/trainer.py`, `train_log`). Metric
/// lines look like
///
///     [12/120] loss 5.1234 | time 412.3ms | t_data 1.2ms | t_fwd 100.1ms | t_bwd 200.2ms | lr 1.000e-03 | grad_norm 1.23e+00 | tokens 6,291,456
///
/// with `grad_norm` and `tokens` optional. A line is a metric line when it starts with
/// `[<digits>/`; every other line (model dumps, warnings, progress bars) is ignored. A metric
/// line that does not parse is an error naming the file and line: a silently skipped line
/// would bias the final loss.
public struct TrainerStdoutReader: MetricLogReader {
    public init() {}

    public var formatName: String { "trainer stdout" }

    public func accepts(fileName: String) -> Bool {
        fileName == "stdout.txt" || fileName.hasSuffix(".log")
    }

    /// Fields after `loss`, with the tag each maps to and the unit it is printed in.
    private static let fields: [String: (tag: String, unit: Unit)] = [
        "time": (MetricTag.iterationTime, .milliseconds),
        "t_data": (MetricTag.dataTime, .milliseconds),
        "t_fwd": (MetricTag.forwardTime, .milliseconds),
        "t_bwd": (MetricTag.backwardTime, .milliseconds),
        "lr": (MetricTag.learningRate, .plain),
        "grad_norm": (MetricTag.gradientNorm, .plain),
        "tokens": (MetricTag.tokensSeen, .groupedInteger),
    ]

    private enum Unit {
        case plain, milliseconds, groupedInteger
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        let text = String(decoding: data, as: UTF8.self)
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so split on both forms.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            // Progress bars rewrite their line with \r; a metric line may follow one.
            for segment in line.split(separator: "\r") {
                guard let parsed = try parseMetricLine(segment, path: path, line: lineNumber) else { continue }
                for (tag, value) in parsed.values {
                    points[tag, default: []].append(MetricPoint(step: parsed.step, value: value))
                }
            }
        }
        return MetricSet(series: points)
    }

    /// Returns nil for a line that is not a metric line.
    func parseMetricLine(_ line: Substring, path: String, line lineNumber: Int) throws
        -> (step: Int, values: [(String, Double)])?
    {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        // `[<digits>/` marks a metric line; `[rank=0]` or `[2025-03-01 …]` do not.
        let digits = trimmed.dropFirst().prefix { $0.isASCII && $0.isNumber }
        guard trimmed.hasPrefix("["), !digits.isEmpty, trimmed.dropFirst(1 + digits.count).first == "/"
        else { return nil }
        func broken(_ why: String) -> ReportError {
            ReportError(path: path, line: lineNumber, "broken metric line: \(why)")
        }
        guard let close = trimmed.firstIndex(of: "]") else { throw broken("no ']' after the step") }
        let counter = trimmed[trimmed.index(after: trimmed.startIndex)..<close].split(separator: "/", omittingEmptySubsequences: false)
        guard counter.count == 2, let step = Int(counter[0]), Int(counter[1]) != nil else {
            throw broken("the step must read [step/total], found '\(trimmed[...close])'")
        }
        let parts = trimmed[trimmed.index(after: close)...]
            .split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, first.hasPrefix("loss ") else {
            throw broken("expected 'loss <value>' after the step")
        }
        let lossText = first.dropFirst("loss ".count).trimmingCharacters(in: .whitespaces)
        guard let loss = Double(lossText) else { throw broken("loss '\(lossText)' is not a number") }
        guard loss.isFinite else {
            throw ReportError(path: path, line: lineNumber, "loss is \(lossText) at step \(step): the run diverged or the log is corrupt")
        }
        var values: [(String, Double)] = [(MetricTag.trainLoss, loss)]
        for part in parts.dropFirst() {
            let pieces = part.split(separator: " ", maxSplits: 1)
            guard pieces.count == 2 else { throw broken("field '\(part)' has no value") }
            let name = String(pieces[0]), raw = String(pieces[1])
            guard let field = Self.fields[name] else { throw broken("unknown field '\(name)'") }
            guard let value = Self.value(raw, unit: field.unit) else {
                throw broken("\(name) '\(raw)' is not a valid value")
            }
            values.append((field.tag, value))
        }
        return (step, values)
    }

    private static func value(_ raw: String, unit: Unit) -> Double? {
        switch unit {
        case .plain:
            return Double(raw)
        case .milliseconds:
            guard raw.hasSuffix("ms"), let ms = Double(raw.dropLast(2)), ms.isFinite else { return nil }
            return ms / 1000  // the TensorBoard tags hold seconds
        case .groupedInteger:
            let digits = raw.filter { $0 != "," }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits)
            else { return nil }
            return Double(count)
        }
    }
}
