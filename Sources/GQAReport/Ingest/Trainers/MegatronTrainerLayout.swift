import Foundation

/// Megatron-LM: a folder holding a training log its last rank printed (`stdout.log`,
/// `*.out` of a scheduler) with `iteration N/M | … | lm loss: …` lines is a run, named by the
/// folder. That log holds no model (the argument dump is in rank 0's file only), so the run is
/// configured by a declared runs table row, or listed with its losses and no configuration.
public struct MegatronTrainerLayout: TrainerLayout {
    public init() {}

    public var name: String { "Megatron-LM" }

    public func isRun(_ folder: FolderContents) -> Bool {
        folder.files.contains { name in
            guard TrainerStdoutReader.isStdoutName(name) else { return false }
            let url = folder.url.appendingPathComponent(name)
            guard let head = try? FileHead.read(url, path: url.path) else { return false }
            return MegatronStdoutReader().recognises(head)
        }
    }

    public func runName(of folder: URL, layout: ProjectLayout) throws -> (name: String, data: Data) {
        (folder.lastPathComponent, Data())
    }

    public func configurationFiles(of folder: URL) -> [URL] { [] }

    /// Only Megatron's own training logs: another trainer's text log in the same folder (an
    /// llm.c main.log, a nanoGPT stdout, a Trainer console) is another run's, never merged into this one.
    public func chooseLogs(_ logs: [URL], run folder: URL) -> (read: [URL], left: [UntiedLog]) {
        var read: [URL] = [], left: [UntiedLog] = []
        for log in logs {
            // Past the head where it cannot tell: a Trainer console's first dict may come later.
            guard case let .metrics(other)? = try? MetricLogFormats.detect(contentsOf: log, path: log.path),
                  !(other is MegatronStdoutReader), !(other is TrainerStdoutReader) else {
                read.append(log)
                continue
            }
            left.append(UntiedLog(url: log, reason: "another trainer's log (\(other.formatName)) beside a Megatron-LM training log; it is not merged into that run"))
        }
        return (read, left)
    }

    public func configuration(of sources: RunSources, layout: ProjectLayout, provenance: inout [InputFile]) throws -> RunConfiguration {
        throw MissingConfiguration(reason: "a Megatron-LM training log holds no model configuration (its arguments are printed by rank 0 only): declare the run in a runs table (site/guide-formats.html#the-runs-table)")
    }
}
