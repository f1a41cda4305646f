import Foundation

/// What kind of training a run is: pretraining from scratch, a fine-tune of a pretrained
/// checkpoint, or unknown, with the evidence its files gave. A fine-tune's loss says nothing
/// about how a freshly initialised model of its shape scales, so no fine-tune decides a claim.
public struct RunKind: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case pretraining
        case fineTune = "fine-tune"
        case unknown
    }

    public var kind: Kind
    /// For people and runs.xml: the file and key that said so, or why nothing did.
    public var evidence: String

    public init(_ kind: Kind, evidence: String) {
        self.kind = kind
        self.evidence = evidence
    }

    public static let unknown = RunKind(.unknown, evidence: "nothing in its files says whether it was trained from scratch or fine-tuned; taken as trained from scratch")

    /// Keys of a Transformers config, a Trainer's arguments or a W&B run configuration that
    /// name the checkpoint a model was loaded from (`from_pretrained`, PEFT, LLaMA-Factory).
    static let checkpointKeys = ["_name_or_path", "model_name_or_path", "base_model_name_or_path", "base_model", "pretrained_model_name_or_path"]
    /// LLaMA-Factory's `stage` values other than pretraining.
    static let fineTuneStages: Set<String> = ["sft", "rm", "ppo", "dpo", "kto", "orpo", "simpo"]

    /// A fine-tune where `values` name a checkpoint, an adapter or a fine-tuning stage; nil
    /// where they say nothing of it. `file` names where the values were read.
    static func fromConfiguration(_ values: [String: JSONValue], file: String) -> RunKind? {
        for key in checkpointKeys {
            if case let .string(name)? = values[key], !name.trimmingCharacters(in: .whitespaces).isEmpty {
                return RunKind(.fineTune, evidence: "\(file): \(key) is '\(name)', the checkpoint its weights were loaded from")
            }
        }
        if let peft = values["peft_config"], peft != .null {
            return RunKind(.fineTune, evidence: "\(file): peft_config is set (a PEFT/LoRA adapter on a pretrained model)")
        }
        if case let .string(stage)? = values["stage"], fineTuneStages.contains(stage.lowercased()) {
            return RunKind(.fineTune, evidence: "\(file): stage is '\(stage)' (LLaMA-Factory's \(stage.uppercased()) stage)")
        }
        if case let .string(type)? = values["finetuning_type"], !type.isEmpty {
            return RunKind(.fineTune, evidence: "\(file): finetuning_type is '\(type)'")
        }
        return nil
    }

    /// TRL's trainers log series of their own in `trainer_state.json`: SFT's token accuracy,
    /// DPO's rewards.
    static func fromTrainerHistory(_ history: [JSONValue], file: String) -> RunKind? {
        let marks = [("mean_token_accuracy", "TRL's SFTTrainer (supervised fine-tuning)"), ("rewards/chosen", "TRL's DPOTrainer (preference fine-tuning)")]
        for entry in history {
            guard case let .object(values) = entry else { continue }
            for (key, trainer) in marks where values[key] != nil || values["eval_" + key] != nil {
                return RunKind(.fineTune, evidence: "\(file): its history logs '\(key)', written by \(trainer)")
            }
        }
        return nil
    }
}
