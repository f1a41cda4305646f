import Foundation

/// Hugging Face Transformers' `Trainer` (and TRL and LLaMA-Factory on top of it): an
/// `output_dir` holding `config.json` (`save_pretrained`) and/or `trainer_state.json`
/// (`save_state`, whose `log_history` is the run's history), with `checkpoint-<step>/` folders
/// (the same run saved earlier, each with its own config.json and trainer_state.json), the
/// TensorBoard callback's `runs/<date>_<host>/` event files, and LLaMA-Factory's
/// `trainer_log.jsonl`. Weights and pickles (`model.safetensors`, `training_args.bin`) are
/// never read.
public struct TransformersTrainerLayout: TrainerLayout {
    public static let stateFile = "trainer_state.json"
    static let checkpointPrefix = "checkpoint-"
    /// PEFT's adapter configuration (`save_pretrained` of a LoRA model): a fine-tune.
    static let adapterFile = "adapter_config.json"

    public init() {}

    public var name: String { "Transformers Trainer" }

    public func isRun(_ folder: FolderContents) -> Bool {
        if folder.files.contains(Self.stateFile) { return true }
        if folder.files.contains(TransformersConfigReader.fileName), isModelFolder(folder.url) { return true }
        // An output_dir whose run stopped before its final save holds only checkpoints.
        return folder.folders.contains { checkpointStep($0) != nil && folder.subfolder($0)?.files.contains(Self.stateFile) == true }
    }

    public func isPartOfRun(folderName: String) -> Bool {
        checkpointStep(folderName) != nil
    }

    /// The output_dir's name: the Trainer keeps `run_name` only in its pickled arguments.
    public func runName(of folder: URL, layout: ProjectLayout) throws -> (name: String, data: Data) {
        (folder.lastPathComponent, Data())
    }

    public func configurationFiles(of folder: URL) -> [URL] {
        [modelFolder(of: folder)?.appendingPathComponent(TransformersConfigReader.fileName), stateFile(of: folder)].compactMap { $0 }
    }

    public func configuration(of sources: RunSources, layout: ProjectLayout, provenance: inout [InputFile]) throws -> RunConfiguration {
        let folder = sources.directory
        let shown = layout.relativePath(folder)
        guard let configFolder = modelFolder(of: folder) else {
            // Its metrics are still read: the run is listed with its final loss. A PEFT adapter
            // names the model it adapts, whose shape is not the adapter's.
            if let adapter = adapterConfig(of: folder) {
                let base = (try? JSONValue.parse(try Data(contentsOf: adapter), path: adapter.path)).flatMap { value -> String? in
                    guard case let .object(object) = value, case let .string(name)? = object["base_model_name_or_path"] else { return nil }
                    return name
                }
                let named = base.map { "the base model '\($0)'" } ?? "a base model it does not name"
                throw MissingConfiguration(reason: "\(shown): an adapter-only output (\(layout.relativePath(adapter)): a PEFT adapter, a fine-tune of \(named)): the adapter's weights are not the model, whose shape is not here; declare the base model in a runs table with kind fine-tune (site/guide-formats.html#the-runs-table)")
            }
            throw MissingConfiguration(reason: "\(shown): no \(TransformersConfigReader.fileName) with a model_type here or in its latest checkpoint (an adapter-only or LoRA output?): the model's shape is unknown; save the model with save_pretrained, or declare it in a runs table (site/guide-formats.html#the-runs-table)")
        }
        let (data, file) = try layout.read(configFolder.appendingPathComponent(TransformersConfigReader.fileName))
        provenance.append(file)
        let model = try TransformersConfigReader.read(data, path: file.path)
        var training = TrainingConfig(contextLength: nil, batchSize: nil, trainSteps: nil)
        training.authorsSetup = false
        var kind: RunKind?
        if case let .object(values) = try JSONValue.parse(data, path: file.path) {
            kind = RunKind.fromConfiguration(values, file: file.path)
        }
        if kind == nil, let adapter = adapterConfig(of: folder) {
            kind = RunKind(.fineTune, evidence: "\(layout.relativePath(adapter)): a PEFT adapter (LoRA) trained on a pretrained model")
        }
        if let state = stateFile(of: folder) {
            let (stateData, stateFile) = try layout.read(state)
            provenance.append(stateFile)
            let parsed = try JSONValue.parse(stateData, path: stateFile.path)
            let fields = try JSONFields(parsed, path: stateFile.path)
            // Per-device batch (newer Trainers write it) and planned steps; no sequence length.
            training.batchSize = try fields.positiveInteger("train_batch_size")
            training.trainSteps = try fields.positiveInteger("max_steps")
            if kind == nil, case let .object(state) = parsed, case let .array(history)? = state["log_history"] {
                kind = RunKind.fromTrainerHistory(history, file: stateFile.path)
            }
        }
        return RunConfiguration(model: model, training: training,
                                source: "\(file.path) (Transformers, \(model.architecture.family))",
                                kind: kind ?? RunKind(.unknown, evidence: "\(file.path) names no checkpoint it was loaded from (no _name_or_path), and the run has no adapter: taken as trained from scratch"))
    }

    /// The run's own trainer_state.json wins; without one, the latest checkpoint's. Other
    /// copies of the history (older checkpoints, LLaMA-Factory's rounded trainer_log.jsonl)
    /// are left, saying why.
    public func chooseLogs(_ logs: [URL], run folder: URL) -> (read: [URL], left: [UntiedLog]) {
        let chosenState = stateFile(of: folder)
        var read: [URL] = [], left: [UntiedLog] = []
        for log in logs {
            let name = log.lastPathComponent
            if name == Self.stateFile, let chosenState, log.standardizedFileURL != chosenState.standardizedFileURL {
                left.append(UntiedLog(url: log, reason: "an earlier state of the run; its latest, \(chosenState.pathComponents.suffix(2).joined(separator: "/")), is read"))
            } else if name == LlamaFactoryLogReader.fileName, chosenState != nil, log.deletingLastPathComponent() == folder {
                left.append(UntiedLog(url: log, reason: "the same history as \(Self.stateFile), rounded by LLaMA-Factory's LogCallback; \(Self.stateFile) is read"))
            } else {
                read.append(log)
            }
        }
        return (read, left)
    }

    /// trainer_state.json of the run, else of its latest checkpoint.
    func stateFile(of folder: URL) -> URL? {
        [folder, latestCheckpoint(in: folder)].compactMap { $0?.appendingPathComponent(Self.stateFile) }
            .first(where: FileTree.isRegularFile)
    }

    /// The run's folder when it holds the model's config.json, else its latest checkpoint's.
    func modelFolder(of folder: URL) -> URL? {
        [folder, latestCheckpoint(in: folder)].compactMap { $0 }.first(where: isModelFolder)
    }

    func isModelFolder(_ folder: URL) -> Bool {
        let url = folder.appendingPathComponent(TransformersConfigReader.fileName)
        guard FileTree.isRegularFile(url), let head = try? FileHead.read(url, path: url.path) else { return false }
        return head.mentionsKey(["model_type"])
    }

    /// A PEFT adapter's `adapter_config.json` in the output_dir or its latest checkpoint.
    func adapterConfig(of folder: URL) -> URL? {
        [folder, latestCheckpoint(in: folder)].compactMap { $0?.appendingPathComponent(Self.adapterFile) }.first(where: FileTree.isRegularFile)
    }

    func latestCheckpoint(in folder: URL) -> URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name in checkpointStep(name).map { (step: $0, name: name) } }
            .filter { FileTree.isRegularFile(folder.appendingPathComponent($0.name).appendingPathComponent(Self.stateFile)) }
            .max { $0.step < $1.step }
            .map { folder.appendingPathComponent($0.name) }
    }

    /// `checkpoint-<step>` → step.
    func checkpointStep(_ name: String) -> Int? {
        name.hasPrefix(Self.checkpointPrefix) ? Int(name.dropFirst(Self.checkpointPrefix.count)) : nil
    }
}
