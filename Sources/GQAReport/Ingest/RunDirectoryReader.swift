import Foundation

/// Reads one run directory in the authors' layout (`<output_dir>/<proj_name>/<run_name>/`):
/// `model_config.json`, `args.json` and at least one metric log any `MetricLogReader` accepts.
public struct RunDirectoryReader: Sendable {
    public static let modelConfigFile = "model_config.json"
    public static let argumentsFile = "args.json"
    /// An optional note that marks a run as an example, not study data; its text is shown.
    public static let exampleNoteFile = "EXAMPLE.txt"

    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    public func read(_ directory: URL, diagnostics: inout Diagnostics) throws -> Run {
        let name = directory.lastPathComponent
        let shownDirectory = layout.relativePath(directory)
        var provenance: [InputFile] = []

        func load(_ url: URL) throws -> Data {
            let (data, file) = try layout.read(url)
            provenance.append(file)
            return data
        }
        func required(_ file: String) throws -> URL {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ReportError(path: shownDirectory, "missing \(file): a run directory needs \(Self.modelConfigFile), \(Self.argumentsFile) and a metric log")
            }
            return url
        }

        let modelURL = try required(Self.modelConfigFile)
        let model = try ModelConfigReader.read(try load(modelURL), path: layout.relativePath(modelURL))
        let argumentsURL = try required(Self.argumentsFile)
        let training = try TrainingConfigReader.read(try load(argumentsURL), path: layout.relativePath(argumentsURL))

        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var metrics = MetricSet()
        var exactTokens: [MetricPoint] = []
        var logCount = 0
        for entry in entries where !entry.hasPrefix(".") {
            guard let reader = MetricLogFormats.reader(for: entry) else { continue }
            let url = directory.appendingPathComponent(entry)
            guard FileTree.isRegularFile(url) else { continue }
            let read = try reader.read(try load(url), path: layout.relativePath(url), diagnostics: &diagnostics)
            if reader.countsAreExact { exactTokens += read[MetricTag.tokensSeen] }
            metrics.merge(read)
            logCount += 1
        }
        guard logCount > 0 else {
            throw ReportError(path: shownDirectory, "no metric log: expected TensorBoard event files (events.out.tfevents.*), the trainer's stdout (*.log, stdout.txt), JSON-lines metrics (*.jsonl) or a W&B history export (*.csv)")
        }
        guard let finalLoss = FinalLoss.from(metrics) else {
            throw ReportError(path: shownDirectory, "the logs hold no loss (no '\(MetricTag.trainLoss)' or '\(MetricTag.validationLoss)' values)")
        }

        var exampleNote: String?
        let noteURL = directory.appendingPathComponent(Self.exampleNoteFile)
        if FileManager.default.fileExists(atPath: noteURL.path) {
            exampleNote = String(decoding: try load(noteURL), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        let tokens: TokenCount
        if let logged = exactTokens.max(by: { $0.step < $1.step }), let count = WholeNumber.exact(logged.value), count >= 0 {
            tokens = TokenCount(value: count, source: .log)
        } else {
            tokens = TokenCount(value: training.plannedTokens, source: .arguments)
            if training.gpus == nil {
                diagnostics.warn("\(shownDirectory): no token count in the log and no n_gpus in args.json; assuming \(TrainingConfig.assumedGPUs) GPUs as in the authors' setup")
            }
        }

        return Run(
            name: name, model: model, training: training, metrics: RunMetrics(metrics), finalLoss: finalLoss,
            tokens: tokens, provenance: provenance.sorted { $0.path < $1.path }, exampleNote: exampleNote)
    }
}
