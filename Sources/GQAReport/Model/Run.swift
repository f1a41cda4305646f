import Foundation

/// A training run: what was trained, on how much data, what it logged, and where that came from.
public struct Run: Sendable, Codable {
    /// The run directory's name (`<exp_group>_<model_config>_<train_config>_<comment>`).
    public var name: String
    public var model: ModelConfig
    public var training: TrainingConfig
    /// What the report keeps of the logs (summaries and a thinned loss curve; see `RunMetrics`).
    public var metrics: RunMetrics
    /// The loss the study compares runs by; see `FinalLoss`.
    public var finalLoss: FinalLoss
    /// Tokens trained on; see `TokenCount`.
    public var tokens: TokenCount
    /// Every input file with its hash.
    public var provenance: [InputFile]
    /// Set when the directory holds an `EXAMPLE.txt`: its text says why the run is not study data.
    public var exampleNote: String?
    /// Each metric log and why it was taken as this run's (see `RunDiscovery`).
    public var logs: [LogTie] = []
    /// Which series were taken as the validation and training loss, and why (`LossSeries`).
    public var lossSeries: [LossSeriesChoice] = []
    /// Where the model and training configuration came from ("args.json and model_config.json").
    public var configuredBy: String = ""
    /// Pretraining from scratch, a fine-tune, or unknown, with its evidence (`RunKind`).
    public var kind: RunKind = .unknown
    /// The sweep the runs table's `sweep` column names for it, if any.
    public var declaredSweep: String? = nil
    /// How this one run was told from the others: logs of one training that were read as
    /// separate runs and joined, and why (`RunIdentity`). Empty when nothing was joined.
    public var identity: [String] = []
    /// The evidence that makes its files one run (`RunSources.identityEvidence`).
    public var identifiedBy: String = ""
    /// A text log that no run directory owns, a run of its own by its file alone (`RunIdentity`).
    public var standsAlone = false

    public var isExample: Bool { exampleNote != nil }
}

/// A metric log of a run and the evidence that tied it to the run.
public struct LogTie: Equatable, Sendable, Codable {
    public var path: String
    public var evidence: String
    /// The reader that took the file (`MetricLogReader.formatName`).
    public var format: String = ""
    /// The run's name in a file that holds many runs.
    public var runInFile: String? = nil
}

/// The final loss of a run and the rule that produced it.
///
/// Rule (site/methods.html, "Conventions in detail"): the last `loss/val` point if the run logged any; otherwise
/// the mean of the last 5% of `train/loss` points (at least one point).
public struct FinalLoss: Equatable, Sendable, Codable {
    public enum Source: String, Sendable, Codable {
        case validation = "last-val-loss"
        case trainingTail = "mean-last-5pct-train-loss"
    }

    public var value: Double
    public var source: Source
    /// How many points the value summarises (1 for a validation loss).
    public var points: Int
    /// The step of the last point used.
    public var step: Int

    public static let trainingTailFraction = 0.05

    /// Applies the rule to a run's metrics; nil when the run logged no loss at all.
    public static func from(_ metrics: MetricSet) -> FinalLoss? {
        if let last = metrics[MetricTag.validationLoss].last {
            return FinalLoss(value: last.value, source: .validation, points: 1, step: last.step)
        }
        let train = metrics[MetricTag.trainLoss]
        guard let last = train.last else { return nil }
        let count = max(1, Int((Double(train.count) * trainingTailFraction).rounded(.up)))
        let tail = train.suffix(count)
        let mean = tail.reduce(0) { $0 + $1.value } / Double(tail.count)
        return FinalLoss(value: mean, source: .trainingTail, points: tail.count, step: last.step)
    }
}

/// Tokens trained on: exact from the log where it counts them, else planned from `args.json`,
/// else unknown (never a guess).
public struct TokenCount: Equatable, Sendable, Codable {
    public enum Source: String, Sendable, Codable {
        /// The last `tokens` count of the trainer's log (exact).
        case log
        /// steps × GPUs × accumulation × batch × context from `args.json`.
        case arguments = "args"
        /// The `tokens` column of the declared run table.
        case declared = "runs-table"
        /// The files give neither a count nor every factor of one.
        case unknown
    }

    public var value: Int?
    public var source: Source

    public static let unknown = TokenCount(value: nil, source: .unknown)

    /// For people: "counted in the log", "planned from the configuration", "unknown".
    public var sourceDescription: String {
        switch source {
        case .log: return "counted in the log"
        case .arguments: return "planned from the configuration"
        case .declared: return "declared in the runs table"
        case .unknown: return "unknown: the run's files count no tokens and do not give steps × batch × sequence length"
        }
    }
}

/// An input file and its identity, so every number can be traced to the bytes it came from.
public struct InputFile: Equatable, Sendable, Codable {
    /// Path relative to the project root, with `/` separators.
    public var path: String
    public var sha256: String
    public var bytes: Int

    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }

    /// The identity of `data`, read from `path`.
    public init(path: String, data: Data) {
        self.init(path: path, sha256: FileDigest.sha256Hex(data), bytes: data.count)
    }
}
