import Foundation

/// What a single log or results file parses into, for `report inspect FILE`.
public enum FileInspection {
    public static func inspect(_ url: URL, layout: ProjectLayout, json: Bool) throws -> String {
        let (data, file) = try layout.read(url)
        let path = file.path
        let name = url.lastPathComponent
        if let reader = MetricLogFormats.reader(for: name) {
            var diagnostics = Diagnostics()
            let metrics = try reader.read(data, path: path, diagnostics: &diagnostics)
            if json {
                struct Entry: Encodable {
                    var file: String, format: String, series: [MetricSet.Summary], warnings: [String]
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let entry = Entry(file: path, format: reader.formatName, series: metrics.summaries, warnings: diagnostics.warnings)
                return String(decoding: try encoder.encode(entry), as: UTF8.self)
            }
            return (["\(path): \(reader.formatName)"] + metrics.summaries.map { "  " + $0.line }
                    + diagnostics.warnings.map { "  warning: \($0)" }).joined(separator: "\n")
        }
        if name.hasSuffix(".json") {
            let results = try BenchmarkResultsReader.parse(data, path: path, label: String(name.dropLast(5)))
            let tasks = results.tasks.map { task -> [String: Any] in
                var entry: [String: Any] = ["task": task.name]
                if let accuracy = task.accuracy { entry["accuracy"] = accuracy; entry["metric"] = task.metric! }
                if let stderr = task.standardError { entry["stderr"] = stderr }
                return entry
            }
            if json {
                return try encode(["file": path, "format": "lm-evaluation-harness results", "model": results.model ?? "", "tasks": tasks])
            }
            return (["\(path): lm-evaluation-harness results, model \(results.model ?? "unknown")"] + results.tasks.map { task in
                "  \(task.name): " + (task.accuracy.map { "\(task.metric!) \(NumberFormat.real($0))" + (task.standardError.map { " ± \(NumberFormat.real($0))" } ?? "") } ?? "no accuracy")
            }).joined(separator: "\n")
        }
        throw ReportError(path: path, "unknown format: expected a run directory, an event file, *.log, stdout.txt, *.jsonl, *.csv or lm-evaluation-harness *.json")
    }

    private static func encode(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}
