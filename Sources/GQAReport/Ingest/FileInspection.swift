import Foundation

/// What a single log or results file parses into, for `report inspect FILE`: the format its
/// content was recognised as, the series read, and which would be taken as the losses.
public enum FileInspection {
    struct RunSeries: Encodable {
        var run: String?
        var series: [MetricSet.Summary]
        var lossSeries: [LossSeriesChoice]
    }

    /// `declared`: a format the user declared for the file (`inspect FILE --format F`).
    public static func inspect(_ url: URL, layout: ProjectLayout, json: Bool, declared: DeclaredLogFormat? = nil) throws -> String {
        let (data, file) = try layout.read(url)
        let path = file.path
        if TransformersConfigReader.recognises(data) { return try model(data, path: path, json: json) }
        let detection = MetricLogFormats.detect(FileHead(name: url.lastPathComponent, bytes: data), LogReadOptions(declared: declared), whole: data)
        var diagnostics = Diagnostics()
        switch detection {
        case let .metrics(reader):
            var runs: [RunSeries] = []
            if reader is WandbChartExportReader {
                let all = try WandbChartExportReader().readAll(data, path: path)
                for name in all.names {
                    runs.append(try described(all.series[name] ?? MetricSet(), run: name, path: path))
                }
            } else {
                let read = try reader.read(data, path: path, diagnostics: &diagnostics)
                if let warning = RunDirectoryReader.relaunchWarning(read, path: path) { diagnostics.warn(warning) }
                runs.append(try described(read, run: nil, path: path))
            }
            if json {
                struct Entry: Encodable {
                    var file: String, format: String, runs: [RunSeries], warnings: [String], notes: [String]
                }
                return try encode(Entry(file: path, format: reader.formatName, runs: runs, warnings: diagnostics.warnings, notes: diagnostics.notes))
            }
            var lines = ["\(path): \(reader.formatName)"]
            for run in runs {
                let indent = run.run == nil ? "  " : "    "
                if let name = run.run { lines.append("  run '\(name)':") }
                lines += run.series.map { indent + $0.line }
                lines += run.lossSeries.map { indent + $0.line }
                if run.lossSeries.isEmpty { lines.append(indent + "no series under a known loss name (site/guide-formats.html#which-series-is-the-loss)") }
            }
            // The notes say how the file was read (an axis of entries, not steps), as `build` prints them.
            return (lines + diagnostics.warnings.map { "  warning: \($0)" } + diagnostics.notes.map { "  note: \($0)" }).joined(separator: "\n")
        case .benchmarkResults:
            let label = String(url.lastPathComponent.dropLast(url.pathExtension == "json" ? 5 : 0))
            let results = try BenchmarkResultsReader.parse(data, path: path, label: label, diagnostics: &diagnostics)
            if json {
                struct Task: Encodable {
                    var task: String, accuracy: Double?, metric: String?, stderr: Double?, group: Bool
                }
                struct Entry: Encodable {
                    var file: String, format: String, model: String, tasks: [Task], warnings: [String]
                }
                return try encode(Entry(file: path, format: "lm-evaluation-harness results", model: results.model ?? "",
                                        tasks: results.tasks.map { Task(task: $0.name, accuracy: $0.accuracy, metric: $0.metric, stderr: $0.standardError, group: $0.isGroup) },
                                        warnings: diagnostics.warnings))
            }
            let groups = results.tasks.filter(\.isGroup).count
            return (["\(path): lm-evaluation-harness results, model \(results.model ?? "unknown"), \(results.taskRows.count) tasks" + (groups > 0 ? ", \(groups) group rows" : "")]
                + results.tasks.map { task in
                    "  \(task.name)\(task.isGroup ? " [group]" : ""): " + (task.accuracy.map { "\(task.metric!) \(NumberFormat.real($0))" + (task.standardError.map { " ± \(NumberFormat.real($0))" } ?? "") } ?? "no accuracy")
                } + diagnostics.warnings.map { "  warning: \($0)" }).joined(separator: "\n")
        default:
            throw MetricLogFormats.unreadable(detection, path: path)
        }
    }

    /// A Transformers config.json: the model it describes and its exact parameter count.
    private static func model(_ data: Data, path: String, json: Bool) throws -> String {
        let model = try TransformersConfigReader.read(data, path: path)
        let counts = ParameterCount(model)
        if json {
            struct Entry: Encodable {
                var file: String, format: String, family: String, layers: Int, hiddenSize: Int, queryHeads: Int, kvHeads: Int
                var headSize: Int, vocabularySize: Int, ffnInnerSize: Int, tiedEmbeddings: Bool, parameters: Int, nonEmbeddingParameters: Int
            }
            return try encode(Entry(file: path, format: "Transformers model configuration (config.json)", family: model.architecture.family,
                                    layers: model.layers, hiddenSize: model.hiddenSize, queryHeads: model.queryHeads, kvHeads: model.kvHeads,
                                    headSize: model.keyHeadSize, vocabularySize: model.vocabularySize, ffnInnerSize: model.ffnInnerSize,
                                    tiedEmbeddings: model.tiedEmbeddings, parameters: counts.total, nonEmbeddingParameters: counts.nonEmbedding))
        }
        return ["\(path): Transformers model configuration (config.json), family \(model.architecture.family)",
                "  L=\(model.layers) d=\(model.hiddenSize) H=\(model.heads) d_h=\(model.keyHeadSize) vocab=\(model.vocabularySize) ffn=\(model.ffnInnerSize)\(model.gatedFFN ? " (gated)" : "") \(model.tiedEmbeddings ? "tied" : "untied") embeddings",
                "  parameters: total \(counts.total) (as Transformers counts them), non-embedding \(counts.nonEmbedding)"].joined(separator: "\n")
    }

    private static func described(_ metrics: MetricSet, run: String?, path: String) throws -> RunSeries {
        let (_, choices) = try LossSeries.resolve(metrics, overrides: RunOverrides(), path: path)
        return RunSeries(run: run, series: metrics.summaries, lossSeries: choices)
    }

    private static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
