import Foundation

/// Reads metrics written one JSON object per line (`*.jsonl`), in either of two shapes:
/// plain metric records `{"step": 12, "tag": "train/loss", "value": 5.1}`, or rows of a
/// Weights & Biases history export `{"_step": 12, "train/loss": 5.1, "train/learning_rate": …}`
/// (keys starting with "_" other than `_step` are W&B's own and are skipped). Blank lines are
/// ignored; a line that is not such an object is an error naming the file and line.
public struct JSONLinesMetricsReader: MetricLogReader {
    public init() {}

    public var formatName: String { "JSON lines (metric records or W&B history)" }

    public func accepts(fileName: String) -> Bool {
        fileName.hasSuffix(".jsonl")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") }) else { continue }
            guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line)) else {
                throw ReportError(path: path, line: lineNumber, "not a JSON object")
            }
            func integer(_ key: String) throws -> Int {
                switch object[key] {
                case let .int(value)?: return value
                case let .double(value)? where WholeNumber.exact(value) != nil: return WholeNumber.exact(value)!
                default: throw ReportError(path: path, line: lineNumber, "'\(key)' must be a whole number")
                }
            }
            func number(_ value: JSONValue?, _ key: String) throws -> Double? {
                switch value {
                case nil, .null?: return nil
                case let .int(number)?: return Double(number)
                case let .double(number)?: return number
                // W&B writes NaN and infinities as strings in its JSON exports.
                case let .string(text)? where ["NaN", "nan", "Infinity", "-Infinity", "inf", "-inf"].contains(text):
                    return Double(text.replacingOccurrences(of: "Infinity", with: "inf"))
                default: throw ReportError(path: path, line: lineNumber, "'\(key)' must be a number")
                }
            }
            if object["tag"] != nil || object["value"] != nil {
                let step = try integer("step")
                guard case let .string(tag)? = object["tag"], !tag.isEmpty else { throw ReportError(path: path, line: lineNumber, "'tag' must be a non-empty string") }
                guard let value = try number(object["value"], "value") else { throw ReportError(path: path, line: lineNumber, "'value' is missing") }
                try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: lineNumber)
                points[tag, default: []].append(MetricPoint(step: step, value: value))
            } else if object["_step"] != nil {
                let step = try integer("_step")
                for key in object.keys.sorted() where !key.hasPrefix("_") {
                    guard let value = try number(object[key], key) else { continue }  // a missing cell
                    try MetricValueCheck.check(tag: key, value: value, step: step, path: path, line: lineNumber)
                    points[key, default: []].append(MetricPoint(step: step, value: value))
                }
            } else {
                throw ReportError(path: path, line: lineNumber, "expected {\"step\", \"tag\", \"value\"} or a W&B history row with \"_step\"")
            }
        }
        return MetricSet(series: points)
    }
}
