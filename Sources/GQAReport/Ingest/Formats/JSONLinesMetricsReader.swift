import Foundation

/// Reads metric records written one JSON object per line, `{"step": 12, "tag": "train/loss",
/// "value": 5.1}`: the shape a small logging hook writes (W&B's own history rows are
/// `WandbHistoryJSONLReader`'s). Blank lines are ignored; a line that is not such a record is
/// an error naming the file and line.
public struct JSONLinesMetricsReader: MetricLogReader {
    public init() {}

    public var formatName: String { "JSON-lines metric records ({\"step\", \"tag\", \"value\"})" }

    public func recognises(_ head: FileHead) -> Bool {
        guard let keys = head.firstLineObjectKeys else { return false }
        return keys.contains("tag") && keys.contains("value")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        for (lineNumber, object) in try JSONValue.objectLines(data, path: path) {
            let step: Int
            switch object["step"] {
            case let .int(value)? where value >= 0: step = value
            case let .double(value)? where WholeNumber.exact(value).map({ $0 >= 0 }) == true: step = WholeNumber.exact(value)!
            default: throw ReportError(path: path, line: lineNumber, "'step' must be a whole number")
            }
            guard case let .string(tag)? = object["tag"], !tag.isEmpty else {
                throw ReportError(path: path, line: lineNumber, "'tag' must be a non-empty string")
            }
            guard case let .number(value)? = object["value"].map(WandbHistory.cell) else {
                throw ReportError(path: path, line: lineNumber, "'value' must be a number")
            }
            try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: lineNumber)
            points[tag, default: []].append(MetricPoint(step: step, value: value))
        }
        return MetricSet(series: points)
    }
}
