import Foundation
import Yams

/// The configuration a W&B run folder keeps in `config.yaml` (`wandb/run-<time>-<id>/files/`,
/// or the run folder itself before wandb 0.10): `wandb_version: 1`, then every key of
/// `wandb.config` as `key: {desc: null, value: …}` (newer versions drop `desc`), and W&B's
/// own `_wandb`. The values are what a trainer passed to `wandb.init(config=…)`, typically
/// its arguments (`vars(args)`), so they can name the run (`run_name`) and, when the model's
/// fields were logged too, stand in for `args.json` and `model_config.json`.
struct WandbRunConfig: Sendable {
    static let fileName = "config.yaml"

    /// Each key's value, W&B's own keys left out.
    var values: [String: JSONValue]

    /// Whether a folder holds a W&B config.yaml: one that starts with `wandb_version` (wandb
    /// before 0.24), or has W&B's own top-level `_wandb` key (0.24 and later write no version).
    static func isWandbConfig(in folder: URL) -> Bool {
        let url = folder.appendingPathComponent(fileName)
        guard FileTree.isRegularFile(url), let head = try? FileHead.read(url, path: url.path), head.isText else { return false }
        if head.firstLine?.hasPrefix("wandb_version") == true { return true }
        let text = String(decoding: head.bytes, as: UTF8.self)
        return text.hasPrefix("_wandb:") || text.contains("\n_wandb:")
    }

    static func read(_ data: Data, path: String) throws -> WandbRunConfig {
        let loaded: Any?
        do {
            loaded = try YAMLDocument.load(String(decoding: data, as: UTF8.self))
        } catch {
            throw ReportError(path: path, "malformed YAML: \(error)")
        }
        guard let top = loaded as? [String: Any] else {
            throw ReportError(path: path, "expected a W&B config.yaml: a mapping of keys to {value: …}")
        }
        var values: [String: JSONValue] = [:]
        for (key, entry) in top where key != "wandb_version" && (!key.hasPrefix("_") || key == "_name_or_path") {
            // W&B wraps each value; a plain value (a hand-edited file) is taken as it is.
            if let wrapped = entry as? [String: Any], let value = wrapped["value"] {
                values[key] = JSONValue(yaml: value)
            } else {
                values[key] = JSONValue(yaml: entry)
            }
        }
        return WandbRunConfig(values: values)
    }

    /// `run_name` when the trainer logged its arguments.
    var runName: String? {
        if case let .string(name)? = values["run_name"], !name.isEmpty { return name }
        return nil
    }

    /// `output_dir` of a Trainer's arguments.
    var outputDirectory: String? {
        if case let .string(path)? = values["output_dir"], !path.isEmpty { return path }
        return nil
    }

    /// Whether it holds what a run needs from args.json and model_config.json.
    var holdsRunConfiguration: Bool {
        let required = ["n_layer", "d_model", "n_head", "n_kv_head", "vocab_size", "max_len", "batch_size", "n_train_steps"]
        return required.allSatisfy { values[$0] != nil }
    }

    /// The `model_type` of a Transformers model configuration in it (the Trainer's W&B
    /// callback logs the model's whole config), when it is a family report reads.
    var transformersModelType: String? {
        guard case let .string(type)? = values["model_type"], TransformersConfigReader.families[type] != nil else { return nil }
        return type
    }

    /// The values of the keys one reader reads (`ModelConfigReader`, `TrainingConfigReader`),
    /// so a key of the other file is not taken for a misspelling of one of this file's.
    func fields(_ keys: [String]) -> JSONValue {
        .object(values.filter { keys.contains($0.key) })
    }
}

extension JSONValue {
    /// A value Yams loaded (Int, Double, Bool, String, NSNull, arrays, mappings).
    init(yaml value: Any) {
        switch value {
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let number as Double: self = .double(number)
        case let text as String: self = .string(text)
        case let list as [Any]: self = .array(list.map(JSONValue.init(yaml:)))
        case let mapping as [String: Any]: self = .object(mapping.mapValues(JSONValue.init(yaml:)))
        default: self = .null
        }
    }
}
