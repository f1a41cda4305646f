import Foundation

/// The role a folder of event files gives its tags: Keras' TensorBoard callback writes
/// `<logdir>/train/` and `<logdir>/validation/` with the same tag (`epoch_loss`) in both, so
/// the folder, not the tag, says which is the validation loss. The tags of such a folder are
/// read as `train/<tag>` and `validation/<tag>`: two series, never one merged by step.
struct LogFolderRole {
    let prefix: String

    init?(folder: URL) {
        switch folder.lastPathComponent {
        case "train": prefix = "train"
        case "validation", "val", "eval": prefix = "validation"
        default: return nil
        }
    }

    func apply(to metrics: MetricSet) -> MetricSet {
        var renamed = metrics
        for tag in metrics.tags where !tag.hasPrefix(prefix + "/") {
            renamed.rename(tag, to: prefix + "/" + tag)
        }
        return renamed
    }
}

/// Two files of one run that log one tag at the same steps with other values (beyond float32
/// rounding, as an event file keeps what a JSON log holds in double): the first such step.
struct SeriesClash {
    var commonSteps: Int
    var step: Int
    var first: Double
    var second: Double

    static func find(_ first: [MetricPoint], _ second: [MetricPoint]) -> SeriesClash? {
        let earlier = Dictionary(first.map { ($0.step, $0.value) }, uniquingKeysWith: { $1 })
        var common = 0
        var clash: (step: Int, first: Double, second: Double)?
        for point in second {
            guard let value = earlier[point.step] else { continue }
            common += 1
            let scale = max(abs(value), abs(point.value))
            if clash == nil, !(abs(value - point.value) <= 1e-6 * scale) && !(value.isNaN && point.value.isNaN) {
                clash = (point.step, value, point.value)
            }
        }
        return clash.map { SeriesClash(commonSteps: common, step: $0.step, first: $0.first, second: $0.second) }
    }
}
