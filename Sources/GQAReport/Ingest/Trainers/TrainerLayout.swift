import Foundation

/// How one trainer lays a run out on disk: the evidence that makes a folder one of its runs,
/// where the run's configuration is and how it maps to the model, and which of the logs below
/// the run are read. A new trainer is one type conforming to this protocol, listed in
/// `TrainerLayouts.all`, which `RunDiscovery` applies; inside the pipeline every run then
/// speaks one vocabulary (`ModelConfig`, `TrainingConfig`), each trainer's names stay here.
public protocol TrainerLayout: Sendable {
    /// A stable name, kept with a run (`RunSources.Configuration.layout`) and shown to people.
    var name: String { get }
    /// Whether the folder is one of this trainer's runs, from the files in it (listed by
    /// discovery's one walk of the tree).
    func isRun(_ folder: FolderContents) -> Bool
    /// Whether a folder below one of its runs is part of that run (a checkpoint), never a run.
    func isPartOfRun(folderName: String) -> Bool
    /// The run's name (the trainer's own, else the folder's) and the bytes it was read from
    /// (handed back to `configuration`, so a file is read once).
    func runName(of folder: URL, layout: ProjectLayout) throws -> (name: String, data: Data)
    /// The files `configuration` reads, for the build cache to see when one changes.
    func configurationFiles(of folder: URL) -> [URL]
    /// The run's model and training configuration; `provenance` gets every file read.
    func configuration(of sources: RunSources, layout: ProjectLayout, provenance: inout [InputFile]) throws -> RunConfiguration
    /// Files below the run that are its logs whatever their names (MLflow's `metrics/<name>`),
    /// beyond those discovery finds by name.
    func logs(in folder: URL) -> [URL]
    /// Of the logs below the run, those read and those left (an older checkpoint's copy of a
    /// history the run holds whole), each with why.
    func chooseLogs(_ logs: [URL], run folder: URL) -> (read: [URL], left: [UntiedLog])
}

extension TrainerLayout {
    public func isPartOfRun(folderName: String) -> Bool { false }
    public func logs(in folder: URL) -> [URL] { [] }
    public func chooseLogs(_ logs: [URL], run folder: URL) -> (read: [URL], left: [UntiedLog]) { (logs, []) }
}

/// What a trainer's files say about a run's model and training, and where that came from.
public struct RunConfiguration: Sendable {
    public var model: ModelConfig
    public var training: TrainingConfig
    /// For people and runs.xml: "args.json and model_config.json", "config.json (Transformers, llama)".
    public var source: String
    /// What the build should warn of (an MLflow run that never ended).
    public var notes: [String] = []
    /// Pretraining or a fine-tune, where the trainer's files say (`RunKind`).
    public var kind: RunKind = .unknown
}

/// Every trainer layout `report` finds runs in, in the order they are tried (the runs
/// guide, site/guide-runs.html). W&B run folders are found by `WandbRunEvidence`: they hold a
/// configuration in logs, not beside them.
public enum TrainerLayouts {
    public static let all: [any TrainerLayout] = [
        AuthorsTrainerLayout(), TransformersTrainerLayout(), LightningTrainerLayout(), MLflowTrainerLayout(), MegatronTrainerLayout(),
    ]

    public static func named(_ name: String) -> (any TrainerLayout)? {
        all.first { $0.name == name }
    }

    /// The layout whose run the folder is, if any.
    public static func layout(ofRun folder: FolderContents) -> (any TrainerLayout)? {
        all.first { $0.isRun(folder) }
    }
}
