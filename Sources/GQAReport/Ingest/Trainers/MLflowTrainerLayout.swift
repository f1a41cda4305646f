import Foundation

/// MLflow's file store (`mlruns/<experiment>/<run id>/`): `meta.yaml` (the run's status),
/// `metrics/<name>` (one file a metric, read by `MLflowMetricFileReader`), `params/<key>` (one
/// file a logged parameter, its value as text) and `tags/mlflow.runName`. The model comes from
/// the params when `mlflow.log_params` logged the authors' model keys (n_layer, d_model,
/// n_head, n_kv_head, vocab_size); otherwise the run is listed without configuration. (Newer
/// MLflow keeps runs in SQLite, `mlflow.db`, which report does not read.)
public struct MLflowTrainerLayout: TrainerLayout {
    public init() {}

    public var name: String { "MLflow" }

    public func isRun(_ folder: FolderContents) -> Bool {
        folder.files.contains("meta.yaml") && folder.folders.contains("metrics")
    }

    /// `tags/mlflow.runName`, else the run id.
    public func runName(of folder: URL, layout: ProjectLayout) throws -> (name: String, data: Data) {
        let tag = folder.appendingPathComponent("tags/mlflow.runName")
        let name = (try? String(contentsOf: tag, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return (name.flatMap { $0.isEmpty ? nil : $0 } ?? folder.lastPathComponent, Data())
    }

    public func logs(in folder: URL) -> [URL] {
        FileTree.regularFiles(under: folder.appendingPathComponent("metrics")).sorted().map { folder.appendingPathComponent("metrics/\($0)") }
    }

    public func configurationFiles(of folder: URL) -> [URL] {
        [folder.appendingPathComponent("meta.yaml")] + FileTree.regularFiles(under: folder.appendingPathComponent("params")).sorted().map { folder.appendingPathComponent("params/\($0)") }
    }

    public func configuration(of sources: RunSources, layout: ProjectLayout, provenance: inout [InputFile]) throws -> RunConfiguration {
        var notes: [String] = []
        let (meta, metaFile) = try layout.read(sources.directory.appendingPathComponent("meta.yaml"))
        provenance.append(metaFile)
        let lines = String(decoding: meta, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.contains("end_time: null") || lines.contains("status: 1") {
            notes.append("\(metaFile.path): the run never ended (status RUNNING, no end time): its last values may not be its final ones")
        }
        var values: [String: JSONValue] = [:]
        for url in configurationFiles(of: sources.directory).dropFirst() {
            let (data, file) = try layout.read(url)
            provenance.append(file)
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            values[url.lastPathComponent] = Int(text).map(JSONValue.int) ?? Double(text).map(JSONValue.double)
                ?? (["true", "false"].contains(text.lowercased()) ? .bool(text.lowercased() == "true") : .string(text))
        }
        let path = layout.relativePath(sources.directory.appendingPathComponent("params"))
        guard let (model, training) = try AuthorsKeys.configuration(values, path: path) else {
            throw MissingConfiguration(reason: (notes + ["its params/ hold no model configuration (\(AuthorsKeys.listed)), so the model is unknown: log them with mlflow.log_params, or declare the run in a runs table"]).joined(separator: "; "))
        }
        return RunConfiguration(model: model, training: training, source: "\(path)/ (MLflow params)", notes: notes)
    }
}
