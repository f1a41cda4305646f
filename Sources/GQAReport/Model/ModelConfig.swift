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

    public init(
        layers: Int, hiddenSize: Int, queryHeads: Int, kvHeads: Int,
        keyHeadSize: Int = 64, valueHeadSize: Int = 64, vocabularySize: Int = 50304,
        tiedEmbeddings: Bool = false, gatedFFN: Bool = true, ffnInnerSizeOverride: Int? = nil
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
