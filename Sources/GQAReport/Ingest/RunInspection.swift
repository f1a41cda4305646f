import Foundation

/// What a run directory parses into, for `report inspect` (text for people, JSON for machines).
public struct RunInspection: Codable, Sendable {
    public typealias Series = MetricSet.Summary

    public var name: String
    public var example: Bool
    public var exampleNote: String?
    public var model: ModelConfig
    public var training: TrainingConfig
    public var parameters: ParameterCount
    public var parametersTotal: Int
    public var nonEmbeddingParameters: Int
    public var paperFormulaN: Double
    public var finalLoss: FinalLoss
    public var tokens: TokenCount
    /// Where the model and training configuration came from.
    public var configuredBy: String
    public var series: [Series]
    public var files: [InputFile]
    /// Each metric log, the reader that took it and the evidence that tied it to this run.
    public var logs: [LogTie]
    /// Which series were taken as the validation and training loss, and why.
    public var lossSeries: [LossSeriesChoice]
    public var warnings: [String]
    /// Pretraining, a fine-tune or unknown, with its evidence.
    public var kind: RunKind
    /// The sweep it belongs to (`SweepGrouping`); nil outside every sweep.
    public var sweep: String?
    /// Logs of one training read as separate runs and joined into this one (`RunIdentity`).
    public var identity: [String]
    /// The evidence that makes its files one run.
    public var identifiedBy: String

    static func inspect(_ run: Run, warnings: [String], sweep: String? = nil) -> RunInspection {
        let counts = ParameterCount(run.model)
        return RunInspection(
            name: run.name, example: run.isExample, exampleNote: run.exampleNote, model: run.model,
            training: run.training, parameters: counts, parametersTotal: counts.total,
            nonEmbeddingParameters: counts.nonEmbedding,
            paperFormulaN: ParameterConvention.paperFormula.count(run.model),
            finalLoss: run.finalLoss, tokens: run.tokens, configuredBy: run.configuredBy,
            series: run.metrics.summaries,
            files: run.provenance, logs: run.logs, lossSeries: run.lossSeries, warnings: warnings,
            kind: run.kind, sweep: sweep, identity: run.identity, identifiedBy: run.identifiedBy)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public var text: String {
        let m = model, t = training
        var lines = ["run \(name)" + (example ? "  [example]" : "")]
        if let exampleNote { lines.append("  note: \(exampleNote)") }
        lines.append("  model: L=\(m.layers) d=\(m.hiddenSize) H=\(m.heads) d_k=\(m.keyHeadSize) d_v=\(m.valueHeadSize) vocab=\(m.vocabularySize) ffn=\(m.ffnInnerSize)\(m.gatedFFN ? " (gated)" : "") \(m.tiedEmbeddings ? "tied" : "untied") embeddings, \(m.architecture.family)")
        lines.append("  parameters: total \(parametersTotal), non-embedding \(nonEmbeddingParameters), authors' code \(parameters.authorsCodeNonEmbedding), paper formula \(NumberFormat.real(paperFormulaN))")
        func known(_ value: Int?) -> String { value.map(String.init) ?? "unknown" }
        lines.append("  configured by: \(configuredBy)")
        lines.append("  training: context \(known(t.contextLength)), batch \(known(t.batchSize)) x accum \(t.gradientAccumulationSteps) x \(t.gpus.map(String.init) ?? t.effectiveGPUs.map { "\($0) (assumed)" } ?? "unknown") GPUs, \(known(t.trainSteps)) steps, \(known(t.tokensPerStep)) tokens/step")
        lines.append("  tokens: \(known(tokens.value)) (\(tokens.sourceDescription))")
        lines.append("  final loss: \(NumberFormat.real(finalLoss.value)) (\(finalLoss.source.rawValue), \(finalLoss.points) point(s), step \(finalLoss.step))")
        lines.append("  series:")
        for s in series {
            lines.append("    " + s.line)
        }
        lines.append("  losses (site/guide-formats.html#which-series-is-the-loss):")
        for choice in lossSeries { lines.append("    " + choice.line) }
        lines.append("  files:")
        for file in files { lines.append("    \(file.path)  sha256 \(file.sha256)  \(file.bytes) bytes") }
        lines.append("  why each log is this run's (and the format its content was read as):")
        for log in logs {
            lines.append("    \(log.path)" + (log.runInFile.map { " [run '\($0)']" } ?? "") + " (\(log.format)): \(log.evidence)")
        }
        lines.append("  one run by: \(identifiedBy)")
        lines.append("  kind: \(kind.kind.rawValue) (\(kind.evidence))")
        lines.append("  sweep: " + (sweep ?? "none: outside every sweep (see the end of this listing)"))
        for note in identity { lines.append("  one run: \(note)") }
        for warning in warnings { lines.append("  warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}

/// What a folder holds for `report inspect FOLDER`: every run found in it (as `report build
/// --runs FOLDER` would find them), the tie of each log file, and the files no run claims.
public struct FolderInspection: Codable, Sendable {
    public var folder: String
    public var runs: [RunInspection]
    public var runsWithoutMetrics: [RunWithoutMetrics]
    public var runsWithoutConfiguration: [UnconfiguredRun]
    /// A run without configuration as `inspect` shows it (its curves kept for the build only).
    public struct UnconfiguredRun: Codable, Sendable {
        public var name: String
        public var file: InputFile
        public var reason: String
        public var finalLoss: FinalLoss?
        public var series: [MetricSet.Summary]
        public var lossSeries: [LossSeriesChoice]
        public var identity: [String]
        public var alsoIn: [InputFile]

        init(_ run: RunWithoutConfiguration) {
            (name, file, reason, finalLoss, series, lossSeries, identity, alsoIn) =
                (run.name, run.file, run.reason, run.finalLoss, run.series, run.lossSeries, run.identity, run.alsoIn)
        }
    }
    /// Runs that can be compared, and the runs left out of every sweep, as the build groups them.
    public var sweeps: [Sweep]
    public var outsideSweeps: [RunOutsideSweeps]
    public struct Untied: Codable, Sendable {
        public var path: String
        public var reason: String
    }
    public var untied: [Untied]
    /// Logs of a run its trainer layout leaves unread (an older checkpoint's state), and why.
    public var notRead: [Untied]
    /// What the build would warn of (files that are no logs, unreadable runs).
    public var warnings: [String]

    /// `runsTable`: the declared runs table (`--runs-table`); nil: `Results/runs.csv` where it exists.
    public static func inspect(_ folder: URL, layout: ProjectLayout, runsTable: URL? = nil) throws -> FolderInspection {
        let found = try RunDiscovery(layout: layout, roots: [folder]).discover()
        var ignored = Diagnostics()  // each says what its reason says
        var withoutConfiguration = try RunCollectionReader(layout: layout).readWithoutConfiguration(found.withoutConfiguration, diagnostics: &ignored)
        let reader = RunDirectoryReader(layout: layout, declared: try DeclaredRuns.load(runsTable, layout: layout))
        var read: [(run: Run, warnings: [String])] = []
        var withoutMetrics: [RunWithoutMetrics] = []
        var warnings: [String] = []
        for sources in found.runs {
            var diagnostics = Diagnostics()
            do {
                switch try reader.read(sources, diagnostics: &diagnostics) {
                case let .run(run):
                    read.append((run, diagnostics.warnings))  // a run shows its own warnings
                    continue
                case let .withoutMetrics(run): withoutMetrics.append(run)
                case let .withoutConfiguration(run): withoutConfiguration.append(run)
                }
            } catch {
                // As the build does: this run is listed as unreadable, the others are read.
                withoutMetrics.append(.unreadable(sources, error: error, layout: layout))
            }
            warnings += diagnostics.warnings
        }
        // As the build's runs-and-sweeps step: one training is one run, then sweeps.
        let (joined, notes) = RunIdentity.join(read.map(\.run))
        let (unconfigured, moreNotes) = RunIdentity.join(withoutConfiguration)
        warnings += notes + moreNotes
        let ownWarnings = Dictionary(read.map { ($0.run.name, $0.warnings) }, uniquingKeysWith: { a, _ in a })
        let (sweeps, outside) = SweepGrouping.group(joined)
        let sweepOf = Sweep.names(byRun: sweeps)
        let runs = joined.map { RunInspection.inspect($0, warnings: ownWarnings[$0.name] ?? [], sweep: sweepOf[$0.name]) }
        return FolderInspection(folder: layout.relativePath(folder), runs: runs, runsWithoutMetrics: withoutMetrics,
                                runsWithoutConfiguration: unconfigured.map(UnconfiguredRun.init), sweeps: sweeps, outsideSweeps: outside,
                                untied: found.untied.map { Untied(path: layout.relativePath($0.url), reason: $0.reason) },
                                notRead: found.left.map { Untied(path: layout.relativePath($0.url), reason: $0.reason) },
                                warnings: warnings)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public var text: String {
        var blocks = runs.map(\.text)
        for run in runsWithoutMetrics {
            blocks.append((["run \(run.name)  [\(run.unreadable ? "unreadable" : "no metrics")]", "  directory: \(run.directory)", "  \(run.reason)", "  files:"]
                + run.provenance.map { "    \($0.path)  sha256 \($0.sha256)  \($0.bytes) bytes" }).joined(separator: "\n"))
        }
        for run in runsWithoutConfiguration {
            blocks.append((["run \(run.name)  [no configuration]", "  in: \(run.file.path)", "  \(run.reason)",
                            "  final loss: " + (run.finalLoss.map { "\(NumberFormat.real($0.value)) (\($0.source.rawValue), step \($0.step))" } ?? "none")]
                + run.series.map { "    " + $0.line } + run.lossSeries.map { "    " + $0.line }
                + run.alsoIn.map { "  also in: \($0.path)" } + run.identity.map { "  one run: \($0)" }).joined(separator: "\n"))
        }
        if !sweeps.isEmpty || !outsideSweeps.isEmpty {
            var lines = ["sweeps (runs that can be compared; a claim from runs is decided by one, site/methods.html#the-sweep-rule):"]
            for sweep in sweeps {
                lines.append("  \(sweep.name)\(sweep.isExample ? " [example]" : "")\(sweep.declared ? " (named in the runs table)" : ""): \(sweep.runs.count) run(s), \(sweep.shared)")
                lines += sweep.notes.map { "    note: \($0)" }
                lines.append("    runs: " + sweep.runs.joined(separator: ", "))
            }
            if sweeps.isEmpty { lines.append("  none") }
            for run in outsideSweeps { lines.append("  outside every sweep: \(run.run): \(run.reason)") }
            blocks.append(lines.joined(separator: "\n"))
        }
        if !untied.isEmpty {
            blocks.append((["files tied to no run (left out):"] + untied.map { "  \($0.path): \($0.reason)" }).joined(separator: "\n"))
        }
        if !notRead.isEmpty {
            blocks.append((["files of a run not read (its trainer's layout reads another):"] + notRead.map { "  \($0.path): \($0.reason)" }).joined(separator: "\n"))
        }
        if !warnings.isEmpty { blocks.append(warnings.map { "warning: \($0)" }.joined(separator: "\n")) }
        if blocks.isEmpty { blocks.append("\(folder): no runs found (run directories of the authors' trainer or a Transformers Trainer output_dir, W&B run folders, or logs tied to them)") }
        return blocks.joined(separator: "\n\n")
    }
}
