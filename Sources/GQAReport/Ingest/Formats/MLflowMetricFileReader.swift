import Foundation

/// Reads one metric file of MLflow's file store (`mlruns/<experiment>/<run>/metrics/<name>`):
/// a line a logged value, `<timestamp ms> <value> <step>`. The tag is the file's name.
/// (`mlflow.log_metric`; newer MLflow keeps runs in SQLite instead, which report does not read.)
public struct MLflowMetricFileReader: MetricLogReader {
    public init() {}

    public var formatName: String { "MLflow file-store metric (mlruns/…/metrics/<name>)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard head.isText, !head.name.contains("."), let line = head.firstLine else { return false }
        return line.range(of: #"^\d{10,13} -?[0-9.eE+-]+ \d+$"#, options: .regularExpression) != nil
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let tag = URL(fileURLWithPath: path).lastPathComponent
        var points: [MetricPoint] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let value = Double(parts[1]), let step = Int(parts[2]), step >= 0 else {
                throw ReportError(path: path, line: index + 1, "expected '<timestamp> <value> <step>'")
            }
            try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: index + 1)
            points.append(MetricPoint(step: step, value: value))
        }
        return MetricSet(series: [tag: points])
    }
}
