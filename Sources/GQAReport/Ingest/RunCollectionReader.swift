import Foundation

/// Reads every run directory under `Results/runs/`, in name order so output never depends on
/// the order the file system lists them in.
public struct RunCollectionReader: Sendable {
    public let layout: ProjectLayout
    /// Where runs read by earlier builds are reused from (see `CachedRunReader`).
    public let cache: BuildCache?

    public init(layout: ProjectLayout, cache: BuildCache? = nil) {
        self.layout = layout
        self.cache = cache
    }

    public func readAll(diagnostics: inout Diagnostics) throws -> [Run] {
        let shown = layout.relativePath(layout.runs) + "/"
        guard FileTree.isDirectory(layout.runs) else {
            throw ReportError(path: shown, "no runs folder: create it and put one directory per run in it (see README, 'Adding your own runs')")
        }
        let directories = try FileManager.default.contentsOfDirectory(atPath: layout.runs.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
            .map { layout.runs.appendingPathComponent($0, isDirectory: true) }
            .filter(FileTree.isDirectory)
        guard !directories.isEmpty else {
            throw ReportError(path: shown, "no run directories: add at least one run in the authors' layout (args.json, model_config.json, the trainer's log)")
        }
        // Runs are independent: read them on every core, then report in name order, so the
        // warnings and the first error do not depend on timing. Each thread holds one run's
        // logs at a time (see RunMetrics).
        let reader = CachedRunReader(reader: RunDirectoryReader(layout: layout), cache: cache)
        let outcomes = try parallelMap(directories) { directory in
            var local = Diagnostics()
            let result = Result { try reader.read(directory, diagnostics: &local) }
            return (result: result, diagnostics: local)
        }
        return try outcomes.map { outcome in
            diagnostics.append(outcome.diagnostics)
            return try outcome.result.get()
        }
    }
}
