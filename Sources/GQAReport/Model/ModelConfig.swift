/// A model configuration as the authors' `model_config.json` describes it (their `GPTConfig`).
///
/// Field names follow the authors' JSON keys; defaults are `GPTConfig`'s where the key is
/// optional. Only what shapes parameter counts and costs is kept.
public struct ModelConfig: Equatable, Sendable, Codable {
    /// `n_layer`: transformer blocks (L).
    public var layers: Int
    /// `d_model`: hidden size (d).
    public var hiddenSize: Int
    /// `n_head`: query heads (n_h), decoupled from d in this study.
    public var queryHeads: Int
    /// `n_kv_head`: key/value heads (n_kv); n_h must be a multiple of it.
    public var kvHeads: Int
    /// `dim_k`: size of a query/key head (d_h, 64 in the study).
    public var keyHeadSize: Int
    /// `dim_v`: size of a value head (64 in the study).
    public var valueHeadSize: Int
    /// `vocab_size`: 50,304 in the study (GPT-2's, padded).
    public var vocabularySize: Int
    /// `tie_emb`: whether the LM head shares the input embedding (code default: false).
    public var tiedEmbeddings: Bool
    /// `ffn_is_gated`: SwiGLU (three matrices) when true.
    public var gatedFFN: Bool
    /// `ffn_d_mid`: the FFN inner size when set; otherwise `int(8d/3)` (gated) or `4d`.
    public var ffnInnerSizeOverride: Int?
    /// What a model family adds that the study's formulas leave out (biases, norm kind, learned
    /// positions); the authors' `GPTConfig` has none of it. Only exact parameter counts use it.
    public var architecture: Architecture = .authorsGPT

    public init(
        layers: Int, hiddenSize: Int, queryHeads: Int, kvHeads: Int,
        keyHeadSize: Int = 64, valueHeadSize: Int = 64, vocabularySize: Int = 50304,
        tiedEmbeddings: Bool = false, gatedFFN: Bool = true, ffnInnerSizeOverride: Int? = nil,
        architecture: Architecture = .authorsGPT
    ) {
        self.layers = layers
        self.hiddenSize = hiddenSize
        self.queryHeads = queryHeads
        self.kvHeads = kvHeads
        self.keyHeadSize = keyHeadSize
        self.valueHeadSize = valueHeadSize
        self.vocabularySize = vocabularySize
        self.tiedEmbeddings = tiedEmbeddings
        self.gatedFFN = gatedFFN
        self.ffnInnerSizeOverride = ffnInnerSizeOverride
        self.architecture = architecture
    }

    /// The FFN inner size as the authors' code builds it: `ffn_d_mid` if set, else `int(8·d/3)`
    /// for a gated FFN (truncated, as Python's `int` does) and `4·d` otherwise.
    public var ffnInnerSize: Int {
        if let override = ffnInnerSizeOverride { return override }
        return gatedFFN ? (8 * hiddenSize) / 3 : 4 * hiddenSize
    }

    /// The head configuration H = (n_h, n_kv).
    public var heads: HeadConfiguration { HeadConfiguration(queryHeads: queryHeads, kvHeads: kvHeads) }
}

/// The parts of a decoder block that differ between model families and change only the exact
/// parameter count: which projections have biases, what a norm holds, learned positions.
public struct Architecture: Equatable, Sendable, Codable {
    public enum Norm: String, Equatable, Sendable, Codable {
        /// RMSNorm: one weight vector (the authors' code, Llama, Mistral, Qwen2, Gemma, OLMo 2).
        case rms
        /// LayerNorm: a weight and a bias vector (GPT-2, GPT-NeoX).
        case layerNorm
        /// LayerNorm without learned parameters (OLMo 1).
        case nonParametric
    }

    /// Where the configuration came from, for people: "authors' GPTConfig", "llama", …
    public var family: String
    public var norm: Norm = .rms
    /// Norms in each block (2: before attention and before the FFN; OLMo 2 puts its 2 after;
    /// Gemma 2 and 3 have 4, before and after each).
    public var normsPerLayer: Int = 2
    /// OLMo 2 normalises all queries and all keys of a layer (RMSNorm over n_h·d_k and n_kv·d_k).
    public var queryKeyNorms: Bool = false
    /// Qwen3 and Gemma 3 normalise each head's query and key (one RMSNorm of d_k each, shared by the heads).
    public var headNorms: Bool = false
    /// Biases on the q, k, v projections (Qwen2; GPT-2 and GPT-NeoX, whose qkv is one matrix).
    public var qkvBias: Bool = false
    /// A bias on the attention output projection.
    public var outputBias: Bool = false
    /// Biases on the FFN's matrices.
    public var ffnBias: Bool = false
    /// Learned position embeddings (GPT-2's `n_positions`), 0 for rotary ones.
    public var learnedPositions: Int = 0

    public init(family: String, norm: Norm = .rms, normsPerLayer: Int = 2, queryKeyNorms: Bool = false, headNorms: Bool = false,
                qkvBias: Bool = false, outputBias: Bool = false, ffnBias: Bool = false, learnedPositions: Int = 0) {
        self.family = family
        self.norm = norm
        self.normsPerLayer = normsPerLayer
        self.queryKeyNorms = queryKeyNorms
        self.headNorms = headNorms
        self.qkvBias = qkvBias
        self.outputBias = outputBias
        self.ffnBias = ffnBias
        self.learnedPositions = learnedPositions
    }

    /// The authors' `GPTConfig`: RMSNorm, no biases, rotary positions.
    public static let authorsGPT = Architecture(family: "authors' GPTConfig")

    /// Parameters of one norm over `width` values.
    func normParameters(_ width: Int) -> Int {
        switch norm {
        case .rms: return width
        case .layerNorm: return 2 * width
        case .nonParametric: return 0
        }
    }
}

/// H = (n_h, n_kv): the unit the study compares.
public struct HeadConfiguration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var queryHeads: Int
    public var kvHeads: Int

    public init(queryHeads: Int, kvHeads: Int) {
        self.queryHeads = queryHeads
        self.kvHeads = kvHeads
    }

    public var description: String { "(\(queryHeads), \(kvHeads))" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.queryHeads, a.kvHeads) < (b.queryHeads, b.kvHeads)
    }
}
