import Foundation

/// The authors' trainer (`train.py`): `<output_dir>/<proj_name>/<run_name>/` holding
/// `args.json` (every training argument) and `model_config.json` (their `GPTConfig`).
public struct AuthorsTrainerLayout: TrainerLayout {
    public init() {}

    public var name: String { "the authors' trainer" }

    public func isRun(_ folder: FolderContents) -> Bool {
        folder.files.contains(RunDirectoryReader.argumentsFile) && folder.files.contains(RunDirectoryReader.modelConfigFile)
    }

    /// `run_name` from args.json when it has one, else the directory's name. (A malformed
    /// args.json is left to `configuration`, which names the line.)
    public func runName(of folder: URL, layout: ProjectLayout) throws -> (name: String, data: Data) {
        let url = folder.appendingPathComponent(RunDirectoryReader.argumentsFile)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError(path: layout.relativePath(url), "cannot read the file")
        }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let name = object["run_name"] as? String, !name.isEmpty {
            return (name, data)
        }
        return (folder.lastPathComponent, data)
    }

    public func configurationFiles(of folder: URL) -> [URL] {
        [RunDirectoryReader.modelConfigFile, RunDirectoryReader.argumentsFile].map { folder.appendingPathComponent($0) }
    }

    public func configuration(of sources: RunSources, layout: ProjectLayout, provenance: inout [InputFile]) throws -> RunConfiguration {
        let modelURL = sources.directory.appendingPathComponent(RunDirectoryReader.modelConfigFile)
        let (modelData, modelFile) = try layout.read(modelURL)
        provenance.append(modelFile)
        let model = try ModelConfigReader.read(modelData, path: modelFile.path)
        // args.json as discovery read it (for the run's name): one read, one content.
        let argumentsPath = layout.relativePath(sources.directory.appendingPathComponent(RunDirectoryReader.argumentsFile))
        provenance.append(InputFile(path: argumentsPath, data: sources.arguments))
        let training = try TrainingConfigReader.read(sources.arguments, path: argumentsPath)
        return RunConfiguration(model: model, training: training,
                                source: "\(argumentsPath) and \(RunDirectoryReader.modelConfigFile) (the authors' trainer)",
                                kind: Self.kind(sources.arguments, path: argumentsPath))
    }

    /// train.py initialises the model afresh unless `pretrained_path` names a checkpoint.
    static func kind(_ arguments: Data, path: String) -> RunKind {
        let object = try? JSONSerialization.jsonObject(with: arguments) as? [String: Any]
        if let checkpoint = object?["pretrained_path"] as? String, !checkpoint.isEmpty {
            return RunKind(.fineTune, evidence: "\(path): pretrained_path is '\(checkpoint)', so train.py continued from that checkpoint")
        }
        return RunKind(.pretraining, evidence: "\(path): the authors' train.py initialises the model afresh (no pretrained_path)")
    }
}
