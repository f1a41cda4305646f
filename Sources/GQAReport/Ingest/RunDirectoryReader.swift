import Foundation

/// What reading one run gave: a run with metrics, or a run that logged none (a launch that
/// crashed before its first step), which is listed but never fails the build.
public enum RunReading: Sendable, Codable {
    case run(Run)
    case withoutMetrics(RunWithoutMetrics)
    /// A run whose trainer's files hold metrics but no model configuration (`MissingConfiguration`).
    case withoutConfiguration(RunWithoutConfiguration)

    /// Every input file it was read from.
    public var provenance: [InputFile] {
        switch self {
        case let .run(run): return run.provenance
        case let .withoutMetrics(run): return run.provenance
        case let .withoutConfiguration(run): return [run.file]
        }
    }
}

/// A run directory whose logs hold no loss, or that could not be read at all (a corrupt or
/// cut-short log, a broken configuration): the files found, and why.
public struct RunWithoutMetrics: Sendable, Codable, Equatable {
    public var name: String
    public var directory: String
    public var reason: String
    public var provenance: [InputFile]
    /// True when reading it failed (`reason` holds the error, naming the file); the build goes on
    /// with the other runs, and `--strict` fails.
    public var unreadable: Bool = false

    /// A run whose reading failed with `error`: listed with it, read no further.
    static func unreadable(_ sources: RunSources, error: Error, layout: ProjectLayout) -> RunWithoutMetrics {
        RunWithoutMetrics(name: sources.name, directory: layout.relativePath(sources.directory),
                          reason: ReportError.describing(error).description, provenance: [], unreadable: true)
    }
}

/// Reads one run: its configuration (a declared runs table's row, else where its trainer's
/// layout keeps it, else its W&B configuration) and the metric logs `RunDiscovery` tied to it,
/// merged by step (a later file wins on a repeated step; files in path order).
public struct RunDirectoryReader: Sendable {
    public static let modelConfigFile = "model_config.json"
    public static let argumentsFile = "args.json"
    /// An optional note that marks a run as an example, not study data; its text is shown.
    public static let exampleNoteFile = "EXAMPLE.txt"

    public let layout: ProjectLayout
    /// The declared run table, whose rows win over what a trainer's files say.
    public let declared: DeclaredRuns?

    public init(layout: ProjectLayout, declared: DeclaredRuns? = nil) {
        self.layout = layout
        self.declared = declared
    }

    /// The files a run is read from, in reading order: configuration, note, overrides, then logs.
    public static func inputs(of sources: RunSources) -> [URL] {
        var urls: [URL]
        switch sources.configuration {
        case let .layout(name): urls = TrainerLayouts.named(name)?.configurationFiles(of: sources.directory) ?? []
        case let .wandbConfig(fileName): urls = [sources.directory.appendingPathComponent(fileName)]
        case .logAlone: urls = []
        }
        for optional in [exampleNoteFile, RunOverrides.fileName] {
            let url = sources.directory.appendingPathComponent(optional)
            if FileTree.isRegularFile(url) { urls.append(url) }
        }
        return urls + sources.logs.map(\.url).filter { !urls.contains($0) }
    }

    /// What the relaunch rule did to one log, naming the launches and the points dropped; nil
    /// where its steps never go back.
    static func relaunchWarning(_ read: MetricSet, path: String) -> String? {
        guard let widest = read.relaunches.max(by: { ($0.value.restarts.count, $1.key) < ($1.value.restarts.count, $0.key) }) else { return nil }
        let dropped = read.relaunches.keys.sorted().map { "\(read.relaunches[$0]!.dropped) of '\($0)'" }.joined(separator: ", ")
        return "\(path): the step of '\(widest.key)' goes back \(widest.value.restarts.count) time(s) (\(widest.value.description)): \(widest.value.restarts.count + 1) launches logged here; each later launch wins from the step it restarts at, as TensorBoard does with orphaned events, and the earlier launches' points from that step on are dropped (\(dropped) point(s))"
    }

    public func read(_ sources: RunSources, diagnostics: inout Diagnostics) throws -> RunReading {
        let shownDirectory = layout.relativePath(sources.directory)
        var provenance: [InputFile] = []

        func load(_ url: URL) throws -> Data {
            let (data, file) = try layout.read(url)
            provenance.append(file)
            return data
        }
        /// A log the configuration was read from too (trainer_state.json) is listed once.
        func loadOnce(_ url: URL) throws -> Data {
            let (data, file) = try layout.read(url)
            if !provenance.contains(file) { provenance.append(file) }
            return data
        }
        // nil with `missingConfiguration` set: the run's files hold no model (listed with its losses).
        let configured: RunConfiguration?
        var missingConfiguration: MissingConfiguration?
        var declaredTokens: Int?
        let row = declared?.row(for: sources)
        if let table = declared, let row {
            provenance.append(table.file)
            var training = TrainingConfig(contextLength: row.context, batchSize: nil, trainSteps: nil)
            training.authorsSetup = false
            configured = RunConfiguration(model: row.model, training: training,
                                          source: "\(table.file.path):\(row.line) (declared runs table, row '\(row.pattern)')",
                                          kind: row.kind ?? .unknown)
            declaredTokens = row.tokens
        } else {
            switch sources.configuration {
            case let .layout(name):
                guard let trainer = TrainerLayouts.named(name) else { throw ReportError(path: shownDirectory, "no trainer layout named '\(name)'") }
                do {
                    configured = try trainer.configuration(of: sources, layout: layout, provenance: &provenance)
                    configured?.notes.forEach { diagnostics.warn($0) }
                } catch let missing as MissingConfiguration {
                    // Its metrics are still read: the run is listed with its final loss.
                    configured = nil
                    missingConfiguration = missing
                }
            case let .logAlone(format):
                configured = nil
                let what = format == RunSources.eventDirectoryFormat ? "a TensorBoard log directory" : "a text log (\(format))"
                missingConfiguration = MissingConfiguration(reason: "\(what) that no run directory owns, with no model configuration: give it a row in a runs table (site/guide-formats.html#the-runs-table)")
            case let .wandbConfig(fileName):
                let path = layout.relativePath(sources.directory.appendingPathComponent(fileName))
                provenance.append(InputFile(path: path, data: sources.arguments))
                var ignored = Diagnostics()  // the log's own warnings come when it is read as a log
                let config = fileName.hasSuffix(".yaml") ? try WandbRunConfig.read(sources.arguments, path: path)
                    : WandbRunConfig(values: try WandbTransactionLog.parse(sources.arguments, path: path, diagnostics: &ignored).config)
                let kind = RunKind.fromConfiguration(config.values, file: path)
                if config.holdsRunConfiguration {
                    var training = try TrainingConfigReader.read(config.fields(TrainingConfigReader.readKeys + TrainingConfigReader.otherKeys), path: path)
                    // A script that logs the Trainer's name for it (`gradient_accumulation_steps`) beside the authors' keys.
                    if config.values["grad_accum_steps"] == nil,
                       let steps = try JSONFields(.object(config.values), path: path).positiveInteger("gradient_accumulation_steps") {
                        training.gradientAccumulationSteps = steps
                    }
                    configured = RunConfiguration(
                        model: try ModelConfigReader.read(config.fields(ModelConfigReader.readKeys + ModelConfigReader.otherKeys), path: path),
                        training: training,
                        source: "\(path) (W&B run configuration)",
                        kind: kind ?? AuthorsTrainerLayout.kind(sources.arguments, path: path))
                } else if let type = config.transformersModelType {
                    // The Trainer's W&B callback logs the model's config beside its arguments.
                    // Its TrainingArguments too: the batch a device and the accumulation steps.
                    let arguments = try JSONFields(.object(config.values), path: path)
                    var training = TrainingConfig(contextLength: nil, batchSize: try arguments.positiveInteger("per_device_train_batch_size"),
                                                  gradientAccumulationSteps: try arguments.positiveInteger("gradient_accumulation_steps") ?? 1,
                                                  trainSteps: try arguments.integer("max_steps").flatMap { $0 > 0 ? $0 : nil })
                    training.authorsSetup = false
                    configured = RunConfiguration(model: try TransformersConfigReader.read(.object(config.values), path: path), training: training,
                                                  source: "\(path) (W&B run configuration, Transformers \(type))",
                                                  kind: kind ?? RunKind(.unknown, evidence: "\(path) names no checkpoint the model was loaded from (no _name_or_path): taken as trained from scratch"))
                } else {
                    configured = nil
                    missingConfiguration = MissingConfiguration(reason: "its W&B configuration (\(path)) holds no model: neither the authors' keys (n_layer, d_model, n_head, n_kv_head, vocab_size) nor a Transformers config (model_type and that family's keys); give it a row in a runs table (site/guide-formats.html#the-runs-table)")
                }
            }
        }

        var exampleNote: String?
        let noteURL = sources.directory.appendingPathComponent(Self.exampleNoteFile)
        if FileTree.isRegularFile(noteURL) {
            exampleNote = String(decoding: try load(noteURL), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        var overrides = RunOverrides()
        let overridesURL = sources.directory.appendingPathComponent(RunOverrides.fileName)
        if FileTree.isRegularFile(overridesURL) {
            overrides = try RunOverrides.read(try load(overridesURL), path: layout.relativePath(overridesURL))
        }

        var metrics = MetricSet()
        var firstFile: [String: String] = [:]  // tag → the file it was first read from
        var exactTokens: [MetricPoint] = []
        var ties: [LogTie] = []
        var consoleCopies: [(log: TiedLog, path: String, reader: any MetricLogReader, metrics: MetricSet)] = []
        var wandbLosses: Int?
        /// Merges one log's series into the run's. `underneath`: a log merged out of path order
        /// that comes first in it (a W&B console copy), so the later file still wins.
        func merge(_ read: MetricSet, of log: TiedLog, path: String, reader: any MetricLogReader, underneath: Bool = false) {
            if reader.countsAreExact { exactTokens += read[MetricTag.tokensSeen] }
            // Only a loss decides anything; timings of two evaluations at one step differ by nature.
            // Where both logs hold a loss, the one written with more decimals wins at their
            // common steps (an event file's float32 over a stdout's 4 decimals, whichever comes
            // later in path order); at equal precision, and for every other tag (timings a
            // stdout converts, in other units), the later file in path order.
            var kept: Set<String> = underneath ? Set(read.tags) : []
            var resumes: [String] = []
            for tag in read.tags where LossSeries.allNames.contains(tag) || overrides.names(tag) {
                defer { firstFile[tag] = firstFile[tag] ?? path }
                guard let other = firstFile[tag] else { continue }
                // A later launch that continues where the earlier stopped: a resume, merged.
                if !underneath, let last = metrics[tag].last?.step, let first = read[tag].first?.step, first > last {
                    resumes.append("'\(tag)' continues \(other) from step \(first) (it stopped at \(last)): a resume, merged")
                    continue
                }
                let mine = SeriesClash.decimals(of: metrics[tag]), theirs = SeriesClash.decimals(of: read[tag])
                if mine != theirs { if mine > theirs { kept.insert(tag) } else { kept.remove(tag) } }
                guard let clash = SeriesClash.find(metrics[tag], read[tag], places: min(mine, theirs)) else { continue }
                if mine == theirs, !underneath, let first = read[tag].first?.step, let last = metrics[tag].last?.step, first < last {
                    // Written alike, restarting inside the earlier file's steps with other
                    // values: a relaunch into a new file. The later launch wins from its first
                    // step, and the earlier points from there on are dropped (TensorBoard's rule).
                    let dropped = metrics[tag].filter { $0.step >= first }.count
                    metrics.truncate(tag, from: first)
                    diagnostics.warn("\(shownDirectory): '\(tag)' of \(path) restarts at step \(first), before \(other) reached its step \(last), with other values (step \(clash.step): \(NumberFormat.real(clash.first)) and \(NumberFormat.real(clash.second))): a relaunch; the later launch wins from step \(first), and the \(dropped) earlier point(s) from there on are dropped, as TensorBoard does with orphaned events")
                } else {
                    let why = mine == theirs ? "written with as many decimals, so the later file in path order" : "the one written with more decimals"
                    diagnostics.warn("\(shownDirectory): '\(tag)' is in both \(other) and \(path) at \(clash.commonSteps) common step(s), with other values (step \(clash.step): \(NumberFormat.real(clash.first)) and \(NumberFormat.real(clash.second))), beyond the precision either was written with; the values of \(kept.contains(tag) ? other : path) were taken (\(why))")
                }
            }
            metrics.merge(read, keepingOwn: kept)
            ties.append(LogTie(path: path, evidence: ([log.evidence] + resumes).joined(separator: "; "), format: reader.formatName, runInFile: log.runInFile))
        }
        for log in sources.logs {
            let path = layout.relativePath(log.url)
            // A W&B transaction log can be both the run's configuration and its history.
            let isConfiguration = sources.configuration == .wandbConfig(fileName: log.url.lastPathComponent)
                && log.url.deletingLastPathComponent() == sources.directory
            let data = isConfiguration ? sources.arguments : try loadOnce(log.url)
            let detection = MetricLogFormats.detect(FileHead(name: log.url.lastPathComponent, bytes: data),
                                                    LogReadOptions(stepMetric: overrides.step, run: log.runInFile,
                                                                   declared: try DeclaredLogFormat.applying(to: log.url, layout: layout)), whole: data)
            guard case let .metrics(reader) = detection else {
                // Not a log report reads (or a pointer to one): named, skipped, the run read on.
                diagnostics.problem("\(MetricLogFormats.unreadable(detection, path: path)); skipped, the rest of run '\(sources.name)' is read")
                continue
            }
            // A summary holds each metric's last value: never a point of a history the run has.
            if reader is WandbSummaryReader, sources.logs.contains(where: { $0.url != log.url }) {
                ties.append(LogTie(path: path, evidence: log.evidence + "; a run summary (each metric's last value), not merged into the history the run's other logs hold",
                                   format: reader.formatName, runInFile: log.runInFile))
                continue
            }
            var read = try reader.read(data, path: path, diagnostics: &diagnostics)
            if let warning = Self.relaunchWarning(read, path: path) { diagnostics.warn(warning) }
            if reader is TensorBoardEventReader, let role = LogFolderRole(folder: log.url.deletingLastPathComponent()) {
                read = role.apply(to: read)
            }
            if WandbRunEvidence.isConsoleCopy(log.url) {
                consoleCopies.append((log, path, reader, read))  // decided once the run's .wandb is read
                continue
            }
            if reader is WandbTransactionLogReader { wandbLosses = max(wandbLosses ?? 0, LossSeries.pointCount(read)) }
            merge(read, of: log, path: path, reader: reader)
        }
        // W&B keeps the run's console in files/output.log beside the history in its .wandb. The
        // console is read only where it holds more losses on the same axis (nanoGPT prints every
        // iteration it logs every eval); a Trainer console numbers its entries, not the steps.
        for (log, path, reader, read) in consoleCopies {
            let numbersEntries = reader is TrainerConsoleReader && !metrics.tags.isEmpty
            if let wandbLosses, numbersEntries || LossSeries.pointCount(read) <= wandbLosses {
                ties.append(LogTie(path: path, evidence: log.evidence + "; the console copy of the W&B run's history, which its .wandb holds with \(wandbLosses) loss point(s) on the run's steps: not merged",
                                   format: reader.formatName, runInFile: log.runInFile))
            } else if numbersEntries {
                ties.append(LogTie(path: path, evidence: log.evidence + "; the W&B run's console, whose entries are numbered, not stepped: not merged with the run's other logs",
                                   format: reader.formatName, runInFile: log.runInFile))
            } else {
                // No .wandb was read: a clone without it (W&B keeps the history there, often
                // over a repository's size limit), or an offline run never synced.
                var tied = log
                if wandbLosses == nil { tied.evidence += "; read as the run's history, as its .wandb (where W&B keeps the history) is not here" }
                merge(read, of: tied, path: path, reader: reader, underneath: true)
            }
        }
        if !consoleCopies.isEmpty { ties.sort { $0.path < $1.path } }  // they were read out of path order
        let (resolved, lossSeries) = try LossSeries.resolve(metrics, overrides: overrides, path: layout.relativePath(overridesURL))
        metrics = resolved
        // Logs with no series at all say nothing a configuration would change: no metrics.
        if missingConfiguration != nil, metrics.tags.isEmpty, !ties.isEmpty {
            let reason = "its \(ties.count) log file(s) hold no series (launches that stopped before their first step?)"
            diagnostics.warn("\(shownDirectory): run '\(sources.name)' has no metrics: \(reason); it is listed and left out of fits and claims")
            return .withoutMetrics(RunWithoutMetrics(name: sources.name, directory: shownDirectory, reason: reason,
                                                     provenance: provenance.sorted { $0.path < $1.path }))
        }
        if let missingConfiguration, let logFile = provenance.first(where: { file in ties.contains { $0.path == file.path } }) {
            let reason = missingConfiguration.reason + "; the run is listed with its final loss and left out of costs, fits and claims"
            diagnostics.warn("\(shownDirectory): run '\(sources.name)' has no configuration: \(reason)")
            let curves = RunMetrics(metrics)
            return .withoutConfiguration(RunWithoutConfiguration(name: sources.name, file: logFile, reason: reason, finalLoss: FinalLoss.from(metrics),
                                                                 series: metrics.summaries, lossSeries: lossSeries,
                                                                 trainingCurve: curves.trainingCurve, validationCurve: curves.validationCurve,
                                                                 standsAlone: sources.standsAlone))
        }
        guard let configured else {  // no model and no log: nothing to list
            throw ReportError(path: shownDirectory, missingConfiguration?.reason ?? "no configuration")
        }
        let training = configured.training
        let loggedSteps = metrics.tags.compactMap { metrics[$0].last?.step }.max() ?? 0
        guard let finalLoss = FinalLoss.from(metrics) else {
            var reason = sources.logs.isEmpty
                ? "no metric log found for it: expected TensorBoard event files (events.out.tfevents.*) below the run directory or tied to it by an hparams record, the trainer's stdout (*.log, *.out, stdout.txt), or below it a W&B run (run-<id>.wandb, wandb-history.jsonl, wandb-summary.json, a run.history() CSV), a TensorBoard CSV download or JSON-lines metric records; or a W&B chart export whose columns name the run"
                : "its \(sources.logs.count) log file(s) hold no training or validation loss under a known name (site/guide-formats.html#which-series-is-the-loss; name the series in \(RunOverrides.fileName))"
                    + (metrics.tags.isEmpty ? " (a launch that stopped before its first step?); they hold no series"
                        : "; they hold \(metrics.tags.map { "'\($0)'" }.joined(separator: ", "))" + (loggedSteps > 0 ? ", up to step \(loggedSteps)" : " (a launch that stopped before its first step?)"))
            // A W&B run whose history was never fetched is a run left out for a missing file,
            // not a launch that stopped: `--strict` stops on it.
            let isWandbRun = sources.logs.contains { WandbRunEvidence.isConsoleCopy($0.url) || $0.url.lastPathComponent == WandbSummaryReader.fileName }
            let historyMissing = isWandbRun && !sources.logs.contains(where: { $0.url.pathExtension == "wandb" })
            if historyMissing {
                reason += "; its .wandb, where W&B keeps the run's history, is not here (a clone without it, or a folder copied without it): copy it beside files/, or export the history (run.history().to_csv())"
            }
            let message = "\(shownDirectory): run '\(sources.name)' has no metrics: \(reason); it is listed and left out of fits and claims"
            if historyMissing { diagnostics.problem(message) } else { diagnostics.warn(message) }
            return .withoutMetrics(RunWithoutMetrics(name: sources.name, directory: shownDirectory, reason: reason,
                                                     provenance: provenance.sorted { $0.path < $1.path }))
        }
        // Against the losses' own axis: other series may count something else (Keras logs
        // epoch_* by epoch and batch_* by iteration).
        if let lastStep = [MetricTag.trainLoss, MetricTag.validationLoss].compactMap({ metrics[$0].last?.step }).max(), lastStep > 0,
           Double(lastStep - finalLoss.step) > FinalLoss.trainingTailFraction * Double(lastStep) {
            diagnostics.warn("\(shownDirectory): the final loss of '\(sources.name)' (\(finalLoss.source.rawValue)) is from step \(finalLoss.step), \(lastStep - finalLoss.step) steps before the run's last logged step \(lastStep) (more than 5% of the run): the trainer evaluates at the top of its loop, so its last validation comes before the end")
        }

        let tokens: TokenCount
        if let logged = exactTokens.max(by: { $0.step < $1.step }), let count = WholeNumber.exact(logged.value), count >= 0 {
            tokens = TokenCount(value: count, source: .log)
        } else if let declaredTokens {
            tokens = TokenCount(value: declaredTokens, source: .declared)
        } else if let planned = training.plannedTokens {
            tokens = TokenCount(value: planned, source: .arguments)
            if training.gpus == nil && training.authorsSetup {
                diagnostics.warn("\(shownDirectory): no token count in the log and no n_gpus in args.json; assuming \(TrainingConfig.assumedGPUs) GPUs as in the authors' setup")
            }
        } else {
            tokens = .unknown
        }

        return .run(Run(
            name: sources.name, model: configured.model, training: training, metrics: RunMetrics(metrics), finalLoss: finalLoss,
            tokens: tokens, provenance: provenance.sorted { $0.path < $1.path }, exampleNote: exampleNote, logs: ties,
            lossSeries: lossSeries, configuredBy: configured.source, kind: configured.kind, declaredSweep: row?.sweep,
            identifiedBy: sources.identityEvidence(layout: layout), standsAlone: sources.standsAlone))
    }
}
