import Foundation

/// Reads a Hugging Face Transformers `config.json` (what `save_pretrained` writes beside the
/// weights) into the model the costs are computed for. `model_type` picks the family, as
/// Transformers' own `CONFIG_MAPPING` does; each family keeps its key names and defaults here,
/// at the edge, so inside the pipeline every run speaks `ModelConfig`'s vocabulary. The exact
/// parameter count of every family is checked against Transformers' own
/// (Tests/GQAReportTests/Fixtures/hf-configs/count_parameters.py).
enum TransformersConfigReader {
    static let fileName = "config.json"

    /// One family's key names and defaults (those of its `configuration_<family>.py`).
    struct Family: Sendable {
        var layers = "num_hidden_layers", hidden = "hidden_size", heads = "num_attention_heads"
        /// nil: multi-head attention only (GPT-2, GPT-NeoX).
        var kvHeads: String? = "num_key_value_heads"
        /// nil: 4·d (GPT-2's `n_inner` when null).
        var ffn: String? = "intermediate_size"
        var vocabulary = "vocab_size"
        var headSizeDefault: Int? = nil
        var gated = true
        var tiedByDefault = false
        var norm: Architecture.Norm = .rms
        var normsPerLayer = 2
        var queryKeyNorms = false
        var headNorms = false
        var learnedPositions: String? = nil
        /// (q, k, v biases; output bias; FFN biases) from the file's fields.
        var biases: @Sendable (JSONFields) throws -> (qkv: Bool, output: Bool, ffn: Bool) = { _ in (false, false, false) }
    }

    /// `attention_bias` on all four projections (Llama, OLMo), `mlp_bias` on the FFN (Llama).
    private static let llamaBiases: @Sendable (JSONFields) throws -> (qkv: Bool, output: Bool, ffn: Bool) = { fields in
        let attention = try fields.flag("attention_bias") ?? false
        return (attention, attention, try fields.flag("mlp_bias") ?? false)
    }

    /// The families people train GQA models with, by `model_type`.
    static let families: [String: Family] = [
        "llama": Family(biases: llamaBiases),
        "mistral": Family(),
        "qwen2": Family(biases: { _ in (true, false, false) }),
        "qwen3": Family(headNorms: true, biases: llamaBiases),
        "gemma": Family(headSizeDefault: 256, tiedByDefault: true),
        "gemma2": Family(headSizeDefault: 256, tiedByDefault: true, normsPerLayer: 4, biases: llamaBiases),
        "gemma3_text": Family(headSizeDefault: 256, tiedByDefault: true, normsPerLayer: 4, headNorms: true, biases: llamaBiases),
        "olmo": Family(norm: .nonParametric, biases: llamaBiases),
        "olmo2": Family(queryKeyNorms: true, biases: llamaBiases),
        "gpt_neox": Family(kvHeads: nil, gated: false, norm: .layerNorm, biases: { fields in
            let bias = try fields.flag("attention_bias") ?? true
            return (bias, bias, true)
        }),
        "gpt2": Family(layers: "n_layer", hidden: "n_embd", heads: "n_head", kvHeads: nil, ffn: "n_inner", gated: false,
                       tiedByDefault: true, norm: .layerNorm, learnedPositions: "n_positions", biases: { _ in (true, true, true) }),
    ]

    /// Whether the bytes are a Transformers model configuration (a JSON object with a
    /// `model_type`, as `save_pretrained` writes it).
    static func recognises(_ data: Data) -> Bool {
        guard case let .object(object)? = try? JSONValue.parse(data, path: ""), case .string? = object["model_type"] else { return false }
        return true
    }

    static func read(_ data: Data, path: String) throws -> ModelConfig {
        try read(try JSONValue.parse(data, path: path), path: path)
    }

    /// A Transformers model configuration wherever it was logged: a config.json, or the W&B
    /// configuration the Trainer's W&B callback logs (`model.config` merged into `wandb.config`).
    static func read(_ value: JSONValue, path: String) throws -> ModelConfig {
        let fields = try JSONFields(value, path: path)
        guard let type = try fields.string("model_type") else {
            throw ReportError(path: path, "no 'model_type': not a Transformers config.json as save_pretrained writes it")
        }
        guard let family = families[type] else {
            throw ReportError(path: path, "model_type '\(type)' is not a family report reads (\(families.keys.sorted().joined(separator: ", "))): declare the run's model in a runs table (site/guide-formats.html#the-runs-table)")
        }
        let hidden = try fields.requiredPositiveInteger(family.hidden)
        let heads = try fields.requiredPositiveInteger(family.heads)
        // A null or missing KV-head count means one KV head a query head, as Transformers reads it.
        let kvHeads = try family.kvHeads.flatMap { try fields.positiveInteger($0) } ?? heads
        let headSize: Int
        if let explicit = try fields.positiveInteger("head_dim") {
            headSize = explicit
        } else if let fallback = family.headSizeDefault {
            headSize = fallback
        } else {
            guard hidden % heads == 0 else {
                throw ReportError(path: path, "\(family.hidden) (\(hidden)) is not a multiple of \(family.heads) (\(heads)) and no head_dim is given")
            }
            headSize = hidden / heads
        }
        let biases = try family.biases(fields)
        let config = ModelConfig(
            layers: try fields.requiredPositiveInteger(family.layers), hiddenSize: hidden, queryHeads: heads, kvHeads: kvHeads,
            keyHeadSize: headSize, valueHeadSize: headSize,
            vocabularySize: try fields.requiredPositiveInteger(family.vocabulary),
            tiedEmbeddings: try fields.flag("tie_word_embeddings") ?? family.tiedByDefault,
            gatedFFN: family.gated,
            ffnInnerSizeOverride: try family.ffn.flatMap { try fields.positiveInteger($0) } ?? (family.gated ? nil : 4 * hidden),
            architecture: Architecture(
                family: type, norm: family.norm, normsPerLayer: family.normsPerLayer, queryKeyNorms: family.queryKeyNorms, headNorms: family.headNorms,
                qkvBias: biases.qkv, outputBias: biases.output, ffnBias: biases.ffn,
                learnedPositions: try family.learnedPositions.flatMap { try fields.positiveInteger($0) } ?? 0))
        if family.gated && config.ffnInnerSizeOverride == nil {
            throw ReportError(path: path, "missing required field '\(family.ffn ?? "intermediate_size")'")
        }
        try ModelConfigReader.checkGrouping(config, path: path, heads: family.heads, kvHeads: family.kvHeads ?? family.heads)
        return config
    }
}
