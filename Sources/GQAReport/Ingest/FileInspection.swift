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
            let series = metrics.tags.map { tag -> [String: Any] in
                let points = metrics[tag]
                var entry: [String: Any] = ["tag": tag, "points": points.count, "firstStep": points.first!.step, "lastStep": points.last!.step]
                if points.last!.value.isFinite { entry["lastValue"] = points.last!.value }
                return entry
            }
            if json {
                return try encode(["file": path, "format": reader.formatName, "series": series, "warnings": diagnostics.warnings])
            }
            var lines = ["\(path): \(reader.formatName)"]
            for entry in series {
                lines.append("  \(entry["tag"]!): \(entry["points"]!) points, steps \(entry["firstStep"]!)-\(entry["lastStep"]!), last \(entry["lastValue"].map { NumberFormat.real($0 as! Double) } ?? "not finite")")
            }
            lines += diagnostics.warnings.map { "  warning: \($0)" }
            return lines.joined(separator: "\n")
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
