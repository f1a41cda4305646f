import Foundation

/// A run directory and the metric logs tied to it, with the evidence for each tie.
public struct RunSources: Sendable {
    /// Where a run's configuration is.
    public enum Configuration: Sendable, Equatable {
        /// Where the trainer layout of that name (`TrainerLayouts`) keeps it.
        case layout(name: String)
        /// A W&B run's configuration that holds both (no args.json anywhere): the run folder's
        /// `config.yaml`, or its `run-<id>.wandb` (an offline run has only that).
        case wandbConfig(fileName: String)
        /// None: a text log no run directory owns (nanoGPT, llm.c, a Trainer console), a run of
        /// its own, configured by a runs-table row or listed with its final loss.
        case logAlone(format: String)
    }

    /// The run's name: `run_name` of its args.json (or W&B config), else the directory's name.
    public var name: String
    public var directory: URL
    /// The bytes of its args.json (or config.yaml), read once here for the name and handed to
    /// the run reader.
    public var arguments: Data
    public var logs: [TiedLog]
    public var configuration: Configuration = .layout(name: AuthorsTrainerLayout().name)

    /// The evidence that makes these files one run, strongest first (W&B run ID, a trainer's
    /// run directory, a log file alone), for people: `report inspect` and the runs page.
    public func identityEvidence(layout: ProjectLayout) -> String {
        let shown = layout.relativePath(directory)
        switch configuration {
        case .wandbConfig:
            return "W&B run ID \(WandbRunEvidence.runID(directory)) (its run folder \(shown))"
        case let .layout(name):
            return "the run directory of \(name), \(shown)"
        case let .logAlone(format):
            if logs.count > 1 || format == RunSources.eventDirectoryFormat {
                return "the log directory \(shown) alone (\(format)): no run directory, W&B run, hparams record or printed run_name owns it"
            }
            let file = logs.first.map { layout.relativePath($0.url) } ?? shown
            return "the log file \(file) alone (\(format)): no run directory, W&B run or printed run_name owns it"
        }
    }

    /// The format of a TensorBoard log directory that is a run by itself.
    static let eventDirectoryFormat = "TensorBoard event files"

    /// A text log no run directory owns: a run by its file alone.
    public var standsAlone: Bool {
        if case .logAlone = configuration { return true }
        return false
    }

    /// A W&B run of its own (configured by its W&B configuration).
    public var isWandbRun: Bool {
        if case .wandbConfig = configuration { return true }
        return false
    }
}

/// A metric log and why it belongs to its run.
public struct TiedLog: Sendable, Equatable, Codable {
    public var url: URL
    /// For people: "below the run directory", "hparams record names run_name …".
    public var evidence: String
    /// The run's name in a file that holds many runs (a W&B chart export); nil otherwise.
    public var runInFile: String? = nil
}

/// A log file no run could be tied to, and why.
public struct UntiedLog: Sendable, Equatable {
    public var url: URL
    public var reason: String
    /// A file that could not be read for its evidence (a Git LFS pointer, a corrupt event
    /// file), which `--strict` makes an error; an untied log that reads well is only a warning.
    public var isProblem = false
}

/// Finds runs where trainers really put them (site/guide-runs.html).
///
/// Each root (`--runs`, default `Results/runs`) is walked once and searched for run
/// directories (a folder one of `TrainerLayouts.all` recognises: the authors' `args.json` and
/// `model_config.json`, a Transformers output_dir, a Lightning version folder, an MLflow run, …;
/// a layout's checkpoint folders are part of its run), TensorBoard event files and stdout logs
/// (`*.log`, `*.out`, `stdout.txt`). Every log is tied to a run by evidence the trainer wrote,
/// never by order or time alone:
/// 1. a log below a run directory belongs to it (TensorBoard's logdir rule; the nearest run
///    directory above it wins); other metric formats (JSON lines, W&B CSV) count only there;
/// 2. an event file that holds an hparams record (`init_trackers(config=...)`) belongs to the
///    run its `run_name` names, and so does every event file the same process wrote (the host
///    and process id in the file names): Accelerate writes every run of a project into one
///    shared folder, `results/<proj>/<proj>/`;
/// 3. a stdout log belongs to the run named by `'run_name'` in the arguments it printed;
/// 4. a W&B chart export (one file, many runs) gives each run's columns to the run of that name,
///    wherever the file lies;
/// 5. a log below a W&B run folder (a folder holding W&B's `config.yaml`) belongs to the run its
///    config's `run_name` names, and so does a `run-<id>.wandb` whose own configuration names
///    it; where no run directory has that name and the configuration holds the model and
///    training fields, the W&B run is a run of its own;
/// 6. a text log of a known format (`TextLogGrammar`, a Trainer console; `.txt` files are
///    judged by their lines) that nothing above ties is a run of its own, named by its folder.
/// A log with no such evidence is a warning naming it; a log two runs claim is an error. Last,
/// each run's layout adds the logs it knows by place (MLflow's `metrics/`) and chooses which it
/// reads (a Trainer run's latest state), the others listed with why.
public struct RunDiscovery: Sendable {
    public let layout: ProjectLayout
    public let roots: [URL]

    /// How much of an event file is searched for an hparams record: trackers write it first,
    /// in a file of its own; reading all of a large scalar file just for this would cost a read.
    static let hparamsPrefixBytes = 64 * 1024

    public init(layout: ProjectLayout, roots: [URL]) {
        self.layout = layout
        self.roots = roots
    }

    public struct Found: Sendable {
        public var runs: [RunSources]
        public var untied: [UntiedLog]
        /// Folders with one of args.json and model_config.json but not the other (train.py
        /// writes args.json before it builds the model: a launch that crashed in between).
        public var incomplete: [UntiedLog] = []
        /// Runs of a W&B chart export that no run directory names: metrics, no configuration.
        public var withoutConfiguration: [(run: String, url: URL)] = []
        /// Logs of a run that its trainer layout leaves unread (an older checkpoint's copy of
        /// the history), and why.
        public var left: [UntiedLog] = []
    }

    /// The run directory (not a W&B run) at `outputDir` from the folder that holds the W&B run's
    /// `wandb/` folder, where a trainer started in that folder would have written it.
    static func runDirectory(named outputDir: String, besideWandbRun folder: URL, in runs: [RunSources]) -> Int? {
        var base = folder.deletingLastPathComponent()  // wandb/
        if base.lastPathComponent == "wandb" { base = base.deletingLastPathComponent() }
        let target = (outputDir.hasPrefix("/") ? URL(fileURLWithPath: outputDir) : base.appendingPathComponent(outputDir)).standardizedFileURL.path
        return runs.firstIndex { !$0.isWandbRun && $0.directory.standardizedFileURL.path == target }
    }

    public func discover() throws -> Found {
        var runDirectories: [(url: URL, layout: any TrainerLayout)] = []
        var layoutAt: [String: any TrainerLayout] = [:]  // run directory path → its trainer's layout
        var wandbFolders: [URL] = []
        var incomplete: [UntiedLog] = []
        var logs: [URL] = []
        var pointers: [UntiedLog] = []
        var unopenedPointers: [UntiedLog] = []
        var unreadText: [UntiedLog] = []
        var seen = Set<String>()
        for root in roots {
            let shown = layout.relativePath(root)
            guard FileTree.isDirectory(root) else {
                throw ReportError(path: shown, "no runs folder: create it, or name a trainer's output folder with --runs (see site/guide-runs.html)")
            }
            let base = root.standardizedFileURL
            let entries = FileTree.entries(under: base)
            let folders = FolderContents.walk(base, entries: entries)  // one listing for every layout's evidence
            if let contents = folders[base.path], let trainer = TrainerLayouts.layout(ofRun: contents), seen.insert(base.path).inserted {
                runDirectories.append((base, trainer))
                layoutAt[base.path] = trainer
            }
            for relative in entries {
                let url = base.appendingPathComponent(relative.path)  // already clean: no ".." or "."
                guard seen.insert(url.path).inserted else { continue }
                if relative.isDirectory {
                    // A checkpoint folder is its run's, never a run of its own.
                    if let parent = layoutAt[url.deletingLastPathComponent().path], parent.isPartOfRun(folderName: url.lastPathComponent) {
                        continue
                    }
                    if let contents = folders[url.path], let trainer = TrainerLayouts.layout(ofRun: contents) {
                        runDirectories.append((url, trainer))
                        layoutAt[url.path] = trainer
                    } else if let missing = Self.missingConfiguration(url) {
                        incomplete.append(UntiedLog(url: url, reason: "missing \(missing): a run directory needs \(RunDirectoryReader.modelConfigFile) and \(RunDirectoryReader.argumentsFile) (a launch that crashed before writing it?); left out"))
                    } else if WandbRunConfig.isWandbConfig(in: url) {
                        wandbFolders.append(url)
                    }
                } else if MetricLogFormats.isCandidate(fileName: url.lastPathComponent), !WandbRunEvidence.isDebugLog(relative.path) {
                    logs.append(url)
                } else if url.pathExtension == "txt", Self.isTextLog(url, layout: layout) {
                    logs.append(url)  // build-nanogpt's log.txt, a saved console: by their lines, not their name
                } else if let pointer = Self.gitLFSPointer(url, layout: layout) {
                    // A file of a kind report reads (a config, a log by another name), never
                    // fetched: a problem, as --strict lists it. Weights and tokenizers it never
                    // opens: listed as not read, no problem.
                    if Self.readableKinds.contains(url.pathExtension.lowercased()) {
                        pointers.append(pointer)
                    } else {
                        unopenedPointers.append(UntiedLog(url: url, reason: "a Git LFS pointer (the file was never fetched) to a file report does not read (weights, a tokenizer): not read, and not needed"))
                    }
                } else if let unread = UnreadText.find(url, layout: layout) {
                    unreadText.append(unread)  // text that looks like a log no reader takes: said, never skipped silently
                }
            }
        }

        // Runs by name; a name two directories claim is an error naming both.
        var runs: [RunSources] = []
        var byName: [String: Int] = [:]
        let directories = runDirectories.sorted { $0.url.path < $1.url.path }
        // Each name is a read of args.json: on every core, as the runs themselves are read.
        let named = try parallelMap(directories) { try $0.layout.runName(of: $0.url, layout: layout) }
        let authors = RunSources.Configuration.layout(name: AuthorsTrainerLayout().name)
        for ((directory, trainer), (named, arguments)) in zip(directories, named) {
            var name = named
            if let other = byName[name] {
                // A name from a folder (Lightning's lightning_logs/version_7 of two projects) is
                // not the trainer's word: both runs are then named by their paths. Two run_names
                // that the trainer wrote are a real clash.
                guard RunSources.Configuration.layout(name: trainer.name) != authors, runs[other].configuration != authors,
                      byName[layout.relativePath(directory)] == nil, byName[layout.relativePath(runs[other].directory)] == nil else {
                    throw ReportError(path: layout.relativePath(directory), "run '\(name)' is also at \(layout.relativePath(runs[other].directory)): two run directories with one run name; keep one, or give the other its own run_name")
                }
                byName[name] = nil
                runs[other].name = layout.relativePath(runs[other].directory)
                byName[runs[other].name] = other
                name = layout.relativePath(directory)
            }
            byName[name] = runs.count
            runs.append(RunSources(name: name, directory: directory, arguments: arguments, logs: [], configuration: .layout(name: trainer.name)))
        }

        // W&B runs, one a run folder (`run-*`, `offline-run-*`): its config.yaml (in files/, or
        // beside its logs before wandb 0.10) and its run-<id>.wandb. A W&B run within a run
        // directory is that run's by path (a Trainer output_dir's wandb/, whatever its run_name).
        // Otherwise it is tied to the run its configuration's run_name names, or is a run of its
        // own, named by W&B's display name, else run_name, else its id.
        let directoryPaths = runs.map(\.directory.path)
        func isWithinRunDirectory(_ url: URL) -> Bool {
            directoryPaths.contains { url.path == $0 || url.path.hasPrefix($0 + "/") }
        }
        var wandbRuns: [String: (folder: URL, config: URL?, transactionLog: URL?)] = [:]  // run folder path → its files
        for configFolder in wandbFolders {
            let folder = configFolder.lastPathComponent == "files" ? configFolder.deletingLastPathComponent() : configFolder
            wandbRuns[folder.path, default: (folder, nil, nil)].config = configFolder.appendingPathComponent(WandbRunConfig.fileName)
        }
        for log in logs where log.pathExtension == "wandb" {
            let folder = log.deletingLastPathComponent()
            guard wandbRuns[folder.path]?.transactionLog == nil else { continue }  // one a folder; a second is read as a log
            wandbRuns[folder.path, default: (folder, nil, nil)].transactionLog = log
        }
        var wandbTies: [String: (run: Int, evidence: String)] = [:]  // W&B run folder path → the run it is tied to
        for (_, found) in wandbRuns.sorted(by: { $0.key < $1.key }) where !isWithinRunDirectory(found.folder) {
            var config = WandbRunConfig(values: [:])
            var configuration: (data: Data, fileName: String)?
            var displayName: String?
            if let url = found.transactionLog {
                let (data, _) = try layout.read(url)
                var ignored = Diagnostics()  // its warnings come when it is read as a log
                if WandbTransactionLog.recognises(data), let log = try? WandbTransactionLog.parse(data, path: url.path, diagnostics: &ignored) {
                    config = WandbRunConfig(values: log.config)
                    configuration = (data, url.lastPathComponent)
                    displayName = log.displayName
                }
            }
            if let url = found.config {
                let (data, file) = try layout.read(url)
                config = try WandbRunConfig.read(data, path: file.path)
                configuration = (data, String(url.path.dropFirst(found.folder.path.count + 1)))
            }
            let id = WandbRunEvidence.runID(found.folder)
            // Tied by name to a run directory only: two W&B run IDs are never one run.
            if let runName = config.runName, let index = byName[runName], !runs[index].isWandbRun {
                wandbTies[found.folder.path] = (index, "its W&B configuration names run_name '\(runName)'")
                continue
            }
            // The Trainer's W&B callback logs its arguments: an output_dir (relative to where it
            // ran, the folder holding wandb/) that is a run directory makes the W&B run that run's.
            if let outputDir = config.outputDirectory, let index = Self.runDirectory(named: outputDir, besideWandbRun: found.folder, in: runs) {
                wandbTies[found.folder.path] = (index, "its W&B configuration names output_dir '\(outputDir)', this run directory (the Trainer's W&B callback logs its arguments)")
                continue
            }
            guard let configuration else { continue }  // an empty or unreadable .wandb alone: said when it is read as a log
            var name = displayName ?? config.runName ?? id
            if byName[name] != nil { name += " (\(id))" }
            byName[name] = runs.count
            runs.append(RunSources(name: name, directory: found.folder, arguments: configuration.data, logs: [],
                                   configuration: .wandbConfig(fileName: configuration.fileName)))
        }

        let runAt = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($0.element.directory.path, $0.offset) })
        /// The run of the nearest run directory (or W&B run folder tied to a run) above a file,
        /// found by walking up its folders; nil when there is none.
        func enclosingRun(_ url: URL) -> (run: Int, evidence: String)? {
            var folder = url.deletingLastPathComponent()
            while folder.path.count > 1 {
                if let index = runAt[folder.path] {
                    if case .wandbConfig = runs[index].configuration { return (index, "a file of the W&B run") }
                    return (index, "below the run directory")
                }
                if let tie = wandbTies[folder.path] { return tie }
                folder = folder.deletingLastPathComponent()
            }
            return nil
        }

        var untied = pointers + unreadText
        var withoutConfiguration: [(run: String, url: URL)] = []
        var outside: [URL] = []
        for log in logs {
            if log.pathExtension == "csv", let header = try FileHead.read(log, path: layout.relativePath(log)).csvHeader,
               WandbChartExportReader.isChartExport(header) {
                // Many runs in one file: each run's columns go to the run of that name.
                for run in WandbChartExportReader.runs(inHeader: header) {
                    if let index = byName[run] {
                        runs[index].logs.append(TiedLog(url: log, evidence: "its columns '\(run) - …' name the run", runInFile: run))
                    } else {
                        withoutConfiguration.append((run, log))
                    }
                }
            } else if let tie = enclosingRun(log) {
                runs[tie.run].logs.append(TiedLog(url: log, evidence: tie.evidence))
            } else if EventFileName(log.lastPathComponent) != nil || TrainerStdoutReader.isStdoutName(log.lastPathComponent) || log.pathExtension == "txt" {
                outside.append(log)
            } else if log.pathExtension == "wandb" {
                // A .wandb that made no W&B run: empty, or not W&B's at all.
                let detection = MetricLogFormats.detect(try FileHead.read(log, path: layout.relativePath(log)))
                untied.append(UntiedLog(url: log, reason: "cannot be read, left out: \(MetricLogFormats.unreadable(detection, path: "").reason)", isProblem: true))
            } else if let head = try? FileHead.read(log, path: layout.relativePath(log)),
                      case let .metrics(reader) = MetricLogFormats.detect(head) {
                if reader is LoopMetricsCSVReader || reader is LoopMetricsJSONLinesReader {
                    outside.append(log)  // a loop's own CSV or JSON lines: a run of its own, as a text log is
                } else {
                    // A log of another format outside every run directory carries no run name:
                    // not ours to guess, and said.
                    untied.append(UntiedLog(url: log, reason: "a \(reader.formatName) outside every run directory, naming no run: put it in its run's folder"))
                }
            }
        }

        // Evidence outside run directories: hparams records and printed arguments.
        var claims: [String: [(run: String, evidence: String)]] = [:]  // log path → claims
        var unreadableOutside = Set<String>()  // named already, with the reason it cannot be read
        var writers: [String: [(run: String, file: URL)]] = [:]  // writer → runs named by its hparams
        var unclaimedText: [String: UnclaimedText] = [:]  // a text log no printed arguments claim → what it is
        for log in outside {
            if EventFileName(log.lastPathComponent) != nil {
                let prefix = try Self.prefix(of: log, layout: layout)
                let hparams: [String: String]
                do {
                    hparams = try HParamsRecord.read(prefix, path: layout.relativePath(log))
                } catch {
                    // A corrupt event file, or a pointer named like one: named, never fatal to the others.
                    let detection = MetricLogFormats.detect(FileHead(name: log.lastPathComponent, bytes: prefix))
                    let reason = switch detection {
                    case .refused, .empty: MetricLogFormats.unreadable(detection, path: "").reason
                    default: "\(ReportError.describing(error).reason)"
                    }
                    untied.append(UntiedLog(url: log, reason: "cannot be read, left out: \(reason)", isProblem: true))
                    unreadableOutside.insert(log.path)
                    continue
                }
                guard let run = hparams["run_name"] else { continue }
                claims[log.path, default: []].append((run, "its hparams record names run_name '\(run)'"))
                if let writer = EventFileName(log.lastPathComponent)?.writer { writers[writer, default: []].append((run, log)) }
            } else {
                let (data, _) = try layout.read(log)
                for run in Set(LaunchArguments.runNames(in: data)).sorted() {
                    claims[log.path, default: []].append((run, "the arguments it printed name run_name '\(run)'"))
                }
                if claims[log.path] == nil {
                    unclaimedText[log.path] = UnclaimedText(log.lastPathComponent, data, declared: try DeclaredLogFormat.applying(to: log, layout: layout))
                }
            }
        }
        for log in outside {
            guard let writer = EventFileName(log.lastPathComponent)?.writer, claims[log.path] == nil else { continue }
            for (run, file) in writers[writer] ?? [] where !(claims[log.path] ?? []).contains(where: { $0.run == run }) {
                claims[log.path, default: []].append((run, "written by the process (\(writer)) whose hparams record \(layout.relativePath(file)) names run_name '\(run)'"))
            }
        }
        var alone: [(url: URL, format: String)] = []
        var unclaimedEvents: [URL] = []
        for log in outside where !unreadableOutside.contains(log.path) {
            let shown = layout.relativePath(log)
            guard let found = claims[log.path], !found.isEmpty else {
                switch unclaimedText[log.path] {
                case nil:
                    unclaimedEvents.append(log)
                case let .alone(format)?:
                    alone.append((log, format))
                case let .untied(reason, isProblem)?:
                    untied.append(UntiedLog(url: log, reason: reason, isProblem: isProblem))
                }
                continue
            }
            let names = Set(found.map(\.run))
            if names.count > 1 {
                throw ReportError(path: shown, "claimed by runs \(names.sorted().map { "'\($0)'" }.joined(separator: " and ")): \(found.map(\.evidence).joined(separator: "; ")); one log file must belong to one run")
            }
            guard let index = byName[found[0].run] else {
                untied.append(UntiedLog(url: log, reason: "it names run '\(found[0].run)', which has no run directory (args.json and model_config.json) under the runs folders"))
                continue
            }
            runs[index].logs.append(TiedLog(url: log, evidence: found[0].evidence))
        }
        // A TensorBoard log directory that nothing names (a SummaryWriter with no trainer around
        // it): a run of its own, named by its folder, Keras' train/ and validation/ by the
        // folder above them. Where the folder also holds event files tied to runs (Accelerate's
        // shared folder of every run's scalars), an unnamed file there is left untied.
        let tiedFolders = Set(outside.filter { claims[$0.path]?.isEmpty == false }.map { $0.deletingLastPathComponent().path })
        func logDirectory(_ url: URL) -> URL {
            let folder = url.deletingLastPathComponent()
            return LogFolderRole(folder: folder) != nil ? folder.deletingLastPathComponent() : folder
        }
        for (path, files) in Dictionary(grouping: unclaimedEvents, by: { logDirectory($0).path }).sorted(by: { $0.key < $1.key }) {
            if files.contains(where: { tiedFolders.contains($0.deletingLastPathComponent().path) }) {
                for log in files {
                    untied.append(UntiedLog(url: log, reason: "no hparams record names its run, and no event file of its writer's process does"))
                }
                continue
            }
            let folder = URL(fileURLWithPath: path, isDirectory: true)
            var name = folder.lastPathComponent
            if byName[name] != nil { name = layout.relativePath(folder) }
            byName[name] = runs.count
            runs.append(RunSources(name: name, directory: folder, arguments: Data(),
                                   logs: files.sorted { $0.path < $1.path }.map {
                                       TiedLog(url: $0, evidence: "an event file of a TensorBoard log directory that no run directory, hparams record or printed arguments names: the directory is a run of its own (TensorBoard's rule: one log directory, one run)")
                                   },
                                   configuration: .logAlone(format: RunSources.eventDirectoryFormat)))
        }

        // Text logs no run directory owns: each a run of its own, named by its folder (by its
        // file stem where the folder holds several, by both where that name is taken).
        let aloneByFolder = Dictionary(grouping: alone) { $0.url.deletingLastPathComponent().path }
        for (url, format) in alone.sorted(by: { $0.url.path < $1.url.path }) {
            let folder = url.deletingLastPathComponent()
            let stem = url.deletingPathExtension().lastPathComponent
            var name = aloneByFolder[folder.path]!.count == 1 ? folder.lastPathComponent : stem
            if byName[name] != nil { name = folder.lastPathComponent + "/" + stem }
            if byName[name] != nil { name = layout.relativePath(url) }
            byName[name] = runs.count
            runs.append(RunSources(name: name, directory: folder, arguments: Data(),
                                   logs: [TiedLog(url: url, evidence: "a \(format) log that no run directory owns: a run of its own")],
                                   configuration: .logAlone(format: format)))
        }

        // Each trainer decides which of its run's logs are read (the latest checkpoint state).
        var left: [UntiedLog] = unopenedPointers
        for index in runs.indices {
            if let trainer = layoutAt[runs[index].directory.path] {
                let tied = Set(runs[index].logs.map(\.url))
                runs[index].logs += trainer.logs(in: runs[index].directory).filter { !tied.contains($0) }
                    .map { TiedLog(url: $0, evidence: "a log of its \(trainer.name) run, below it") }
                let choice = trainer.chooseLogs(runs[index].logs.map(\.url), run: runs[index].directory)
                let read = Set(choice.read)
                runs[index].logs.removeAll { !read.contains($0.url) }
                left += choice.left
            }
            runs[index].logs.sort { $0.url.path < $1.url.path }
        }
        return Found(runs: runs.sorted { $0.name < $1.name }, untied: untied.sorted { ($0.url.path, $0.reason) < ($1.url.path, $1.reason) },
                     incomplete: incomplete, withoutConfiguration: withoutConfiguration.sorted { ($0.run, $0.url.path) < ($1.run, $1.url.path) },
                     left: left.sorted { $0.url.path < $1.url.path })
    }

    /// The one configuration file a folder lacks when it has the other; nil otherwise.
    static func missingConfiguration(_ url: URL) -> String? {
        let hasArguments = FileTree.isRegularFile(url.appendingPathComponent(RunDirectoryReader.argumentsFile))
        let hasModel = FileTree.isRegularFile(url.appendingPathComponent(RunDirectoryReader.modelConfigFile))
        switch (hasArguments, hasModel) {
        case (true, false): return RunDirectoryReader.modelConfigFile
        case (false, true): return RunDirectoryReader.argumentsFile
        default: return nil
        }
    }


    /// What a text log that no printed arguments claim is, told from its bytes: another
    /// trainer's log (a run of its own), or untied and why.
    enum UnclaimedText {
        case alone(format: String)
        case untied(reason: String, isProblem: Bool)

        init(_ name: String, _ data: Data, declared: DeclaredLogFormat? = nil) {
            let head = FileHead(name: name, bytes: data)
            switch MetricLogFormats.detect(head, LogReadOptions(declared: declared), whole: data) {
            case let .metrics(reader) where reader is TrainerStdoutReader:
                // Taken by its name alone: say what its lines look like where they hold numbers.
                let sample = UnreadText.sampleLine(head).map { "; its lines hold numbers as a log's do (like '\($0)'): if it is a training log, declare its format (site/guide-formats.html#declare-a-format)" } ?? ""
                self = .untied(reason: TrainerStdoutReader.printsMetricLine(head)
                    ? "it prints no arguments block ('================ args ================' with a 'run_name')"
                    : Self.noMetricLine + sample, isProblem: false)
            case let .metrics(reader):
                self = .alone(format: reader.formatName)
            case let detection:
                let isProblem = switch detection { case .refused, .empty: true; default: false }
                self = .untied(reason: isProblem ? "cannot be read, left out: \(MetricLogFormats.unreadable(detection, path: "").reason)" : Self.noMetricLine,
                               isProblem: isProblem)
            }
        }

        private static let noMetricLine = "it holds no metric line of a format report reads (site/guide-formats.html)"
    }

    /// Extensions of files report may read (configurations, logs and tables by any name): a
    /// Git LFS pointer in their place is a file the build needs and does not have.
    static let readableKinds: Set<String> = ["", "txt", "json", "jsonl", "yaml", "yml", "csv", "tsv", "log", "out", "md", "wandb", "xml"]

    /// A Git LFS pointer (a file of a few hundred bytes that starts with the LFS spec line) that
    /// discovery would not open as a log, named as a problem; nil for any other file.
    static func gitLFSPointer(_ url: URL, layout: ProjectLayout) -> UntiedLog? {
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_size < 1024, let head = try? FileHead.read(url, path: layout.relativePath(url)),
              head.firstLine?.hasPrefix(MetricLogFormats.gitLFSPointer) == true else { return nil }
        return UntiedLog(url: url, reason: "cannot be read, left out: \(MetricLogFormats.unreadable(MetricLogFormats.detect(head), path: "").reason)", isProblem: true)
    }

    /// Whether a `.txt` file is a trainer's text log, judged by its lines (a note or a README
    /// beside a run is not opened as a log): its first 64 KiB, or the whole of a text file for
    /// a Trainer console's dict lines or a log below the code it printed first, which come later.
    static func isTextLog(_ url: URL, layout: ProjectLayout) -> Bool {
        guard let head = try? FileHead.read(url, path: layout.relativePath(url)), head.isText else { return false }
        if TextLogGrammar.reader(recognising: head) != nil || StepLossLinesReader().recognises(head) { return true }
        // A text file beside a declared format that reads it (a bad format file is said when the log is read).
        if let declared = try? DeclaredLogFormat.applying(to: url, layout: layout), DeclaredLogFormatReader(declared).recognises(head) { return true }
        guard head.bytes.count == FileHead.size, let whole = try? Data(contentsOf: url) else { return false }
        return TrainerConsoleReader.hasEvidence(whole) || MetricLogFormats.laterLogLines(whole, name: url.lastPathComponent) != nil
    }

    private static func prefix(of url: URL, layout: ProjectLayout) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ReportError(path: layout.relativePath(url), "cannot read the file")
        }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: hparamsPrefixBytes)) ?? Data()
    }
}
