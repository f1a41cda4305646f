import Foundation

/// How W&B's files are told apart in a folder walk (`RunDiscovery`, rule 5).
enum WandbRunEvidence {
    /// W&B's copy of a run's console: `files/output.log` of a run folder.
    static func isConsoleCopy(_ url: URL) -> Bool {
        url.lastPathComponent == "output.log" && url.deletingLastPathComponent().lastPathComponent == "files"
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
