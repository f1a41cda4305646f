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
