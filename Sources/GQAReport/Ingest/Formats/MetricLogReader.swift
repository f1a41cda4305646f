import Foundation

/// One format of metric logs. A new format is one new type conforming to this protocol, listed
/// in `MetricLogFormats.readers`.
public protocol MetricLogReader: Sendable {
    /// A short name for messages and `report inspect`, with the tool that writes the format.
    var formatName: String { get }
    /// Whether the file is in this format, judged from its first bytes (`FileHead`); the name
    /// only tells apart formats whose content looks alike (a W&B summary and a one-row history).
    func recognises(_ head: FileHead) -> Bool
    /// Parses a whole file. `path` names the file in errors and warnings.
    func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet
    /// Whether counts (tokens seen) are exact; float32 event files lose exactness above 2^24.
    var countsAreExact: Bool { get }
}

extension MetricLogReader {
    public var countsAreExact: Bool { true }
}

/// How a run's logs are to be read, from its `report.json` (`RunOverrides`) and its tie.
public struct LogReadOptions: Sendable, Equatable {
    /// The metric that counts training steps in a W&B history (`"step"` in report.json).
    public var stepMetric: String?
    /// The run's columns in a file that holds many runs (a W&B chart export).
    public var run: String?
    /// A format the user declared for this log (`log-format.json`), tried before every other.
    public var declared: DeclaredLogFormat?

    public init(stepMetric: String? = nil, run: String? = nil, declared: DeclaredLogFormat? = nil) {
        self.stepMetric = stepMetric
        self.run = run
        self.declared = declared
    }
}

/// What a file is, as far as `report` can tell from its content.
public enum LogFormatDetection {
    /// A metric log, and the reader that reads it.
    case metrics(any MetricLogReader)
    /// lm-evaluation-harness results (read by `BenchmarkResultsReader`, not as a metric log).
    case benchmarkResults
    /// A format `report` knows and does not read, with what to export instead.
    case refused(format: String, advice: String)
    /// A file of 0 bytes: nothing to read, whatever its name says.
    case empty
    case unknown
}

/// The formats `report` reads, detected from a file's content (site/guide-formats.html).
public enum MetricLogFormats {
    public static func readers(_ options: LogReadOptions = LogReadOptions()) -> [any MetricLogReader] {
        // A declared format first: the user said what the file is. Then binary formats, the
        // structured text formats, and stdout last, as any text under a stdout name is taken
        // for it (its content check is the most costly).
        options.declared.map { [DeclaredLogFormatReader($0)] as [any MetricLogReader] } ?? []
        + [
            TensorBoardEventReader(), WandbTransactionLogReader(stepMetric: options.stepMetric),
            TensorBoardCSVReader(), WandbHistoryCSVReader(stepMetric: options.stepMetric), WandbChartExportReader(run: options.run), LightningMetricsCSVReader(),
            TrainerStateReader(), LlamaFactoryLogReader(),
            JSONLinesMetricsReader(), WandbHistoryJSONLReader(stepMetric: options.stepMetric), WandbSummaryReader(stepMetric: options.stepMetric),
            MLflowMetricFileReader(), MegatronStdoutReader(), LoopMetricsCSVReader(), LoopMetricsJSONLinesReader(),
        ] + TextLogGrammar.readers + [StepLossLinesReader(), TrainerStdoutReader()]
    }

    /// Names worth opening when a folder is searched for logs; the content then decides.
    public static func isCandidate(fileName name: String) -> Bool {
        EventFileName(name) != nil || TrainerStdoutReader.isStdoutName(name) || name.hasSuffix(".jsonl")
            || name.hasSuffix(".csv") || name == WandbSummaryReader.fileName || name.hasSuffix(".wandb")
            || name == TransformersTrainerLayout.stateFile
    }

    /// `whole`, where the caller holds the whole file: a Trainer console's first dict line may
    /// come after the head (model loading, dataset samples and warnings printed first).
    public static func detect(_ head: FileHead, _ options: LogReadOptions = LogReadOptions(), whole: Data? = nil) -> LogFormatDetection {
        if head.bytes.isEmpty { return .empty }
        if head.firstLine?.hasPrefix(gitLFSPointer) == true {
            return .refused(format: "Git LFS pointer (the file itself was never fetched)",
                            advice: "run 'git lfs pull' in the repository it came from, then build again")
        }
        let found = readers(options).first(where: { $0.recognises(head) })
        // Past the head of a long text file taken by no reader, or by its stdout name alone: a
        // Trainer console's first dict may come after model loading, and a log that opens with
        // code (modded-nanogpt prints its whole training script first) has its first log line
        // further on.
        if let whole, whole.count > head.bytes.count, head.isText, found == nil || found is TrainerStdoutReader,
           found == nil || !TrainerStdoutReader.printsMetricLine(head) {
            if TrainerConsoleReader.hasEvidence(whole) { return .metrics(TrainerConsoleReader()) }
            if let reader = laterLogLines(whole, name: head.name) { return .metrics(reader) }
        }
        if let reader = found { return .metrics(reader) }
        if BenchmarkResultsReader.recognises(head) { return .benchmarkResults }
        if RunConfigurationFile.recognises(head) { return RunConfigurationFile.refusal(head) }
        if TransformersMetricsSummary.recognises(head) {
            return .refused(format: TransformersMetricsSummary.formatName, advice: TransformersMetricsSummary.advice)
        }
        if WandbRunsTableExport.recognises(head) {
            return .refused(format: WandbRunsTableExport.formatName, advice: WandbRunsTableExport.advice)
        }
        return .unknown
    }

    /// A file's format from its head, reading the whole file only where the head cannot tell
    /// (no reader, or a stdout taken by its name alone, in a file longer than the head): a
    /// large log of a known format is not read twice to be recognised.
    public static func detect(contentsOf url: URL, path: String, _ options: LogReadOptions = LogReadOptions()) throws -> LogFormatDetection {
        let head = try FileHead.read(url, path: path)
        let fromHead = detect(head, options)
        switch fromHead {
        case .unknown, .metrics(is TrainerStdoutReader):
            guard head.bytes.count == FileHead.size, let whole = try? Data(contentsOf: url) else { return fromHead }
            return detect(head, options, whole: whole)
        default:
            return fromHead
        }
    }

    /// How far into a text file its first log line is looked for.
    static let laterLogLinesLimit = 8 * 1024 * 1024

    /// The text-log reader that recognises a window of the file past its head (each window starts
    /// at a line), up to `laterLogLinesLimit`: a grammar of its lines, never a name.
    static func laterLogLines(_ whole: Data, name: String) -> (any MetricLogReader)? {
        let candidates: [any MetricLogReader] = TextLogGrammar.readers + [MegatronStdoutReader(), StepLossLinesReader()]
        var offset = FileHead.size / 2
        let end = min(whole.count, laterLogLinesLimit)
        while offset < end {
            // From the line after the offset, a head's worth; windows overlap by half a head.
            guard let lineBreak = whole[(whole.startIndex + offset)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let start = lineBreak + 1
            let window = FileHead(name: name, bytes: whole[start..<min(whole.endIndex, start + FileHead.size)])
            guard window.isText else { return nil }
            if let reader = candidates.first(where: { $0.recognises(window) }) { return reader }
            offset += FileHead.size / 2
        }
        return nil
    }

    /// What Git LFS commits in place of a large file: `version https://git-lfs.github.com/spec/v1`,
    /// then the object's `oid` and `size`.
    static let gitLFSPointer = "version https://git-lfs.github.com/spec/"

    /// The formats tried, for the message about a file none of them reads.
    public static var triedFormats: [String] {
        readers().map(\.formatName) + ["lm-evaluation-harness results (results_<time>.json)"]
    }

    /// The error for a file whose format is refused or unknown.
    public static func unreadable(_ detection: LogFormatDetection, path: String) -> ReportError {
        switch detection {
        case let .refused(format, advice):
            return ReportError(path: path, "a \(format), which report does not read: \(advice)")
        case .benchmarkResults:
            return ReportError(path: path, "lm-evaluation-harness results, not a training log: put it under Results/benchmarks/")
        case .empty:
            return ReportError(path: path, "empty (0 bytes): the program never wrote to it (a run killed at its start, a copy cut short, or an offline W&B run's console, which W&B keeps in its .wandb)")
        default:
            return ReportError(path: path, "no reader recognises this file. Tried: \(triedFormats.joined(separator: "; ")). "
                + "Export instead: from TensorBoard, the logdir's event files or a scalar's 'Download CSV'; "
                + "from W&B, the run folder (wandb/run-*/files/), a chart's 'Export CSV', or run.history().to_csv()")
        }
    }
}

/// The start of a file: its name and first bytes, which format detection looks at. What every
/// reader asks of it (is it text, its first line, a CSV header) is worked out once, here, not
/// once a reader.
public struct FileHead: Sendable {
    public static let size = 64 * 1024

    public let name: String
    public let bytes: Data
    /// Text files have no NUL bytes.
    public let isText: Bool
    /// The first line that is not blank, without its line break (nil for a binary file).
    public let firstLine: String?
    /// The header cells when the file starts like CSV (a first line with a comma).
    public let csvHeader: [String]?

    public init(name: String, bytes: Data) {
        self.name = name
        self.bytes = bytes.count > Self.size ? bytes.prefix(Self.size) : bytes
        // memchr: iterating `Data` byte by byte costs more than reading the file.
        isText = self.bytes.withUnsafeBytes { $0.isEmpty || memchr($0.baseAddress!, 0, $0.count) == nil }
        firstLine = isText ? Self.firstLine(of: self.bytes) : nil
        if let line = firstLine, line.contains(","), let row = try? CSVTable.parse(line, path: name).first {
            csvHeader = row.cells
        } else {
            csvHeader = nil
        }
    }

    public static func read(_ url: URL, path: String) throws -> FileHead {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ReportError(path: path, "cannot read the file")
        }
        defer { try? handle.close() }
        return FileHead(name: url.lastPathComponent, bytes: (try? handle.read(upToCount: size)) ?? Data())
    }

    private static func firstLine(of bytes: Data) -> String? {
        bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            var start = 0
            while start < buffer.count {
                let rest = UnsafeRawBufferPointer(rebasing: buffer[start...])
                let end = memchr(rest.baseAddress!, Int32(UInt8(ascii: "\n")), rest.count)
                    .map { start + (UnsafeRawPointer($0) - rest.baseAddress!) } ?? buffer.count
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text }
                start = end + 1
            }
            return nil
        }
    }

    /// The keys of the JSON object on the first line (JSON lines), or nil.
    public var firstLineObjectKeys: Set<String>? {
        guard let line = firstLine, line.hasPrefix("{"),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return Set(object.keys)
    }

    /// Whether the bytes start like a JSON object (a whole-file object, such as a summary or
    /// lm-eval results, may be longer than the head).
    public var startsWithJSONObject: Bool {
        isText && bytes.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "{")
    }

    /// Whether the head holds one of these as a JSON key (`"key":`).
    public func mentionsKey(_ keys: [String]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return keys.contains { text.contains("\"\($0)\":") || text.contains("\"\($0)\" :") }
    }
}
