import Foundation

/// Which logged series is a run's validation loss and which its training loss (the formats
/// guide, site/guide-formats.html). Trainers name them differently; the study's final loss is the last validation
/// loss, so taking the wrong series (or none, and falling back to the training loss) changes
/// every fit. The rule: the series a run's `report.json` names; else the first of the known
/// names below that the run logged. The chosen series is renamed to the authors' tag
/// (`loss/val`, `train/loss`) and the choice is kept with the run for `report inspect`.
public enum LossSeries {
    /// Known names, in order of preference (TensorBoard's CSV download writes "/" as "_").
    public static let validationNames = [
        MetricTag.validationLoss, "val/loss", "eval/loss", "validation/loss", "valid/loss", "val_loss",
        "eval_loss", "validation_loss", "valid_loss", "loss_val", "loss/validation", "loss/eval",
        // Keras' validation/ folder (LogFolderRole); Lightning's on_epoch name.
        "validation/epoch_loss", "val_loss_epoch",
    ]
    public static let trainingNames = [
        MetricTag.trainLoss, "train_loss", "loss/train", "training/loss", "training_loss", "loss_train", "loss",
        // Keras' train/ folder (LogFolderRole); Lightning's on_step name.
        "train/epoch_loss", "train_loss_step",
    ]

    /// Every name the loss checks apply to (a NaN loss is an error, `MetricValueCheck`).
    static let allNames = Set(validationNames + trainingNames)

    /// How many points the longest loss series under a known name holds: how much of a run's
    /// losses one log has, to choose between two copies of them.
    static func pointCount(_ metrics: MetricSet) -> Int {
        allNames.map { metrics[$0].count }.max() ?? 0
    }

    public static func resolve(_ metrics: MetricSet, overrides: RunOverrides, path: String) throws -> (MetricSet, [LossSeriesChoice]) {
        var metrics = metrics
        var choices: [LossSeriesChoice] = []
        for (role, canonical, known, named) in [
            ("validation loss", MetricTag.validationLoss, validationNames, overrides.validationLoss),
            ("training loss", MetricTag.trainLoss, trainingNames, overrides.trainingLoss),
        ] {
            let chosen: String, reason: String
            if let named {
                guard !metrics[named].isEmpty else {
                    throw ReportError(path: path, "names '\(named)' as the \(role), and the run's logs hold no such series; they hold \(metrics.tags.map { "'\($0)'" }.joined(separator: ", "))")
                }
                (chosen, reason) = (named, "named in \(RunOverrides.fileName)")
            } else if let index = known.firstIndex(where: { !metrics[$0].isEmpty }) {
                let others = known[(index + 1)...].filter { !metrics[$0].isEmpty }
                (chosen, reason) = (known[index], "known name #\(index + 1) of \(known.count)"
                    + (others.isEmpty ? "" : "; also logged, not used: \(others.map { "'\($0)'" }.joined(separator: ", "))"))
            } else {
                continue
            }
            choices.append(LossSeriesChoice(role: role, series: chosen, reason: reason))
            if chosen != canonical { metrics.rename(chosen, to: canonical) }
        }
        return (metrics, choices)
    }
}

/// The series taken for a role, and why.
public struct LossSeriesChoice: Equatable, Sendable, Codable {
    public var role: String
    public var series: String
    public var reason: String

    public var line: String { "\(role): '\(series)' (\(reason))" }
}

/// A run's `report.json`: what its logs cannot say. Every key is optional:
/// `{"step": "iter", "validationLoss": "eval/loss", "trainingLoss": "loss"}`.
public struct RunOverrides: Equatable, Sendable {
    public static let fileName = "report.json"
    static let keys = ["step", "validationLoss", "trainingLoss"]

    public var step: String?
    public var validationLoss: String?
    public var trainingLoss: String?

    public init(step: String? = nil, validationLoss: String? = nil, trainingLoss: String? = nil) {
        self.step = step
        self.validationLoss = validationLoss
        self.trainingLoss = trainingLoss
    }

    /// Whether the file names this series as a loss.
    func names(_ tag: String) -> Bool { tag == validationLoss || tag == trainingLoss }

    static func read(_ data: Data, path: String) throws -> RunOverrides {
        let fields = try JSONFields(try JSONValue.parse(data, path: path), path: path)
        if let unknown = fields.object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw ReportError(path: path, "unknown field '\(unknown)'; \(fileName) takes \(keys.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return RunOverrides(step: try fields.string("step"), validationLoss: try fields.string("validationLoss"),
                            trainingLoss: try fields.string("trainingLoss"))
    }
}
