/// `Results/tables/benchmarks.xml`: downstream accuracy per model and task, from the
/// lm-evaluation-harness results under `Results/benchmarks/`.
public enum BenchmarksTable {
    public static let fileName = "benchmarks.xml"
    public static let schemaName = "benchmarks.xsd"

    public static func xml(_ benchmarks: [BenchmarkResults]) -> String {
        var x = XMLBuilder()
        x.open("benchmarks", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
            "models": NumberFormat.integer(benchmarks.count),
        ])
        for results in benchmarks {
            x.open("model", ["label": results.label, "model": results.model])
            for file in results.files {
                x.empty("file", ["path": file.path, "sha256": file.sha256])
            }
            for task in results.tasks {
                x.empty("task", [
                    "name": task.name, "metric": task.metric, "accuracy": task.accuracy.map(NumberFormat.real),
                    "stderr": task.standardError.map(NumberFormat.real), "group": task.isGroup ? "true" : nil,
                    "file": task.file,
                ])
            }
            x.close()
        }
        x.close()
        return x.document
    }
}
