import Foundation

/// Reads every run found under the runs folders (`RunDiscovery`), in name order so output
/// never depends on the order the file system lists them in.
public struct RunCollectionReader: Sendable {
    public let layout: ProjectLayout
    /// The folders searched for runs (`--runs`; default `Results/runs`).
    public let roots: [URL]
    /// Where runs read by earlier builds are reused from (see `CachedRunReader`).
    public let cache: BuildCache?

    /// The declared run table (`Results/runs.csv` or `--runs-table`), if any.
    public let declared: DeclaredRuns?

    /// Told as each run is read (the CLI draws it on a terminal).
    public let progress: (@Sendable (IngestProgress) -> Void)?

    public init(layout: ProjectLayout, roots: [URL]? = nil, cache: BuildCache? = nil, declared: DeclaredRuns? = nil,
                progress: (@Sendable (IngestProgress) -> Void)? = nil) {
        self.layout = layout
        self.roots = roots ?? [layout.runs]
        self.cache = cache
        self.declared = declared
        self.progress = progress
    }

    public struct Collection: Sendable {
        public var runs: [Run] = []
        public var withoutMetrics: [RunWithoutMetrics] = []
        public var withoutConfiguration: [RunWithoutConfiguration] = []
        /// Files and folders under the runs folders that no run reads (untied logs, folders
        /// missing a configuration file), each with why: warnings, and `--strict` fails on them.
        public var leftOut: [String] = []
    }

    public func readAll(diagnostics: inout Diagnostics) throws -> Collection {
        let found = try RunDiscovery(layout: layout, roots: roots).discover()
        var leftOut: [String] = []
        for folder in found.incomplete {
            leftOut.append("\(layout.relativePath(folder.url)): \(folder.reason)")
        }
        for log in found.untied {
            if log.isProblem {
                diagnostics.problem("\(layout.relativePath(log.url)): \(log.reason)")
            } else {
                leftOut.append("\(layout.relativePath(log.url)): not tied to any run, left out: \(log.reason)")
            }
        }
        leftOut.forEach { diagnostics.warn($0) }
        let withoutConfiguration = try readWithoutConfiguration(found.withoutConfiguration, diagnostics: &diagnostics)
        guard !found.runs.isEmpty || !withoutConfiguration.isEmpty else {
            throw ReportError(path: roots.map { layout.relativePath($0) + "/" }.joined(separator: ", "),
                              "no run directories: add at least one run as its trainer writes it (the authors' args.json and model_config.json, a Transformers Trainer output_dir, a Lightning lightning_logs/version_<n>/, a W&B run folder), or name a trainer's output folder with --runs")
        }
        // Runs are independent: read them on every core, then report in name order, so the
        // warnings and the first error do not depend on timing. Each thread holds one run's
        // logs at a time (see RunMetrics).
        let reader = CachedRunReader(reader: RunDirectoryReader(layout: layout, declared: declared), cache: cache)
        let counter = progress.map { IngestProgressCounter(total: found.runs.count, report: $0) }
        let outcomes = try parallelMap(found.runs) { sources in
            var local = Diagnostics()
            let result = Result { try reader.read(sources, diagnostics: &local) }
            counter?.runDone(bytes: (try? result.get())?.provenance.reduce(0) { $0 + $1.bytes } ?? 0)
            return (result: result, diagnostics: local)
        }
        var collection = Collection(withoutConfiguration: withoutConfiguration, leftOut: leftOut)
        for (sources, outcome) in zip(found.runs, outcomes) {
            diagnostics.append(outcome.diagnostics)
            switch outcome.result {
            case let .success(.run(run)): collection.runs.append(run)
            case let .success(.withoutMetrics(run)): collection.withoutMetrics.append(run)
            case let .success(.withoutConfiguration(run)): collection.withoutConfiguration.append(run)
            case let .failure(error):
                // One bad file never takes the other runs down (`--strict` fails on the problem).
                let run = RunWithoutMetrics.unreadable(sources, error: error, layout: layout)
                diagnostics.problem("\(run.directory): run '\(run.name)' is unreadable, left out of costs, fits and claims: \(run.reason)")
                collection.withoutMetrics.append(run)
            }
        }
        return collection
    }

    /// The runs of W&B chart exports that name no run directory: each file read once.
    func readWithoutConfiguration(_ orphans: [(run: String, url: URL)], diagnostics: inout Diagnostics) throws -> [RunWithoutConfiguration] {
        var exports: [URL: (file: InputFile, runs: WandbChartExportReader.Runs)] = [:]
        var result: [RunWithoutConfiguration] = []
        for (name, url) in orphans {
            if exports[url] == nil {
                let (data, file) = try layout.read(url)
                exports[url] = (file, try WandbChartExportReader().readAll(data, path: file.path))
            }
            let (file, runs) = exports[url]!
            let (metrics, choices) = try LossSeries.resolve(runs.series[name] ?? MetricSet(), overrides: RunOverrides(), path: file.path)
            let reason = "no run directory (args.json and model_config.json) or W&B configuration names run_name '\(name)', so its model and tokens are unknown: it is listed with its final loss and left out of costs, fits and claims"
            diagnostics.warn("\(file.path): run '\(name)' of this W&B chart export has no configuration: \(reason)")
            result.append(RunWithoutConfiguration(name: name, file: file, reason: reason, finalLoss: FinalLoss.from(metrics),
                                                  series: metrics.summaries, lossSeries: choices))
        }
        return result
    }
}
