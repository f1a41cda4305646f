import Foundation

/// What a W&B run's configuration (its `config.yaml`, or the configuration inside its
/// `run-<id>.wandb`) says about the run its files belong to (`RunDiscovery`, rule 5).
enum WandbRunEvidence {
    case tie(run: Int, evidence: String)
    /// No run directory has its name, and it holds a whole configuration: a run of its own.
    case newRun(name: String)
    case leftOut(reason: String)

    /// `source` names the configuration in messages; `runID` names a run whose configuration
    /// has no `run_name`; `byName` holds the runs found so far.
    static func decide(_ config: WandbRunConfig, source: String, runID: String, byName: [String: Int]) -> WandbRunEvidence {
        if let name = config.runName, let index = byName[name] {
            return .tie(run: index, evidence: "\(source) names run_name '\(name)'")
        }
        if config.holdsRunConfiguration {
            return .newRun(name: config.runName ?? runID)
        }
        let model = "holds no model configuration (n_layer, d_model, n_head, n_kv_head, vocab_size) to make a run of it"
        return .leftOut(reason: config.runName.map { "\(source) names run_name '\($0)', which has no run directory, and \(model)" }
            ?? "\(source) names no run_name and \(model)")
    }

    /// W&B's own logs of a run folder (`wandb/run-*/logs/debug.log`): not a trainer's stdout.
    static func isDebugLog(_ relativePath: String) -> Bool {
        let name = URL(fileURLWithPath: relativePath).lastPathComponent
        return name.hasPrefix("debug") && name.hasSuffix(".log")
            && relativePath.split(separator: "/").contains { $0 == "wandb" || $0.hasPrefix("run-") || $0.hasPrefix("offline-run-") }
    }

    /// A W&B run's id: the last part of `run-<time>-<id>` (or `offline-run-…`), the folder
    /// itself or the one above `files/`.
    static func runID(_ folder: URL) -> String {
        let runFolder = folder.lastPathComponent == "files" ? folder.deletingLastPathComponent() : folder
        return runFolder.lastPathComponent.split(separator: "-").last.map(String.init) ?? runFolder.lastPathComponent
    }
}
