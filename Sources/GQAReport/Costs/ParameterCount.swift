/// Parameter counts of a configuration, exactly as the authors' code builds the model
/// (`src/modeling/gpt/model.py`): per layer q, k, v, o projections with decoupled head counts,
/// an FFN of inner size `ffnInnerSize` (three matrices when gated), two RMSNorm vectors; then a
/// final norm, the input embedding and, when untied, an LM head of the same size. A Transformers
/// family adds what its `Architecture` says (biases, LayerNorm's bias vectors, learned
/// positions, which count as embedding); checked against Transformers' own count
/// (Tests/GQAReportTests/Fixtures/hf-configs).
public struct ParameterCount: Equatable, Sendable, Codable {
    public var embedding: Int
    public var attentionPerLayer: Int
    public var ffnPerLayer: Int
    public var normsPerLayer: Int
    public var finalNorm: Int
    public var lmHead: Int
    public var layers: Int

    public init(_ config: ModelConfig) {
        let d = config.hiddenSize, shape = config.architecture
        let queries = config.queryHeads * config.keyHeadSize
        let keys = config.kvHeads * config.keyHeadSize, values = config.kvHeads * config.valueHeadSize
        embedding = (config.vocabularySize + shape.learnedPositions) * d
        attentionPerLayer = d * (queries + keys + values)  // q, k, v
            + config.queryHeads * config.valueHeadSize * d  // o
            + (shape.qkvBias ? queries + keys + values : 0) + (shape.outputBias ? d : 0)
        let inner = config.ffnInnerSize
        ffnPerLayer = (config.gatedFFN ? 3 : 2) * d * inner
            + (shape.ffnBias ? (config.gatedFFN ? 2 : 1) * inner + d : 0)
        normsPerLayer = shape.normsPerLayer * shape.normParameters(d)
            + (shape.queryKeyNorms ? shape.normParameters(queries) + shape.normParameters(keys) : 0)
            + (shape.headNorms ? 2 * shape.normParameters(config.keyHeadSize) : 0)
        finalNorm = shape.normParameters(d)
        lmHead = config.tiedEmbeddings ? 0 : config.vocabularySize * d
        layers = config.layers
    }

    /// Every parameter of the model.
    public var total: Int {
        embedding + layers * (attentionPerLayer + ffnPerLayer + normsPerLayer) + finalNorm + lmHead
    }

    /// Everything but the input embedding and the LM head.
    public var nonEmbedding: Int { total - embedding - lmHead }

    /// What the authors' code reports as "non-embedding" (`get_num_params(non_embedding=True)`
    /// drops only names containing "emb"), so it keeps an untied LM head.
    public var authorsCodeNonEmbedding: Int { total - embedding }
}

/// Which "N" the cost formulas use. The paper's scaling and cost work uses a non-embedding
/// count, but its text, its figures and its code each count it differently (spec §3).
public enum ParameterConvention: String, CaseIterable, Sendable, Codable {
    /// N = L·(8d² + 2·d·d_h·(n_h + n_kv)) with d_ff = 8d/3 exactly and no norms: the count that
    /// places every marker of the paper's Figures 1–2 (checked to 0.3 px). Default.
    case paperFormula = "paper"
    /// The exact layer parameters of the authors' code (int(8d/3) FFN, norms), no embedding or head.
    case exactNonEmbedding = "exact"
    /// The authors' code's own "non-embedding" count, which keeps an untied LM head.
    case authorsCode = "code"

    public static let `default` = ParameterConvention.paperFormula

    public func count(_ config: ModelConfig) -> Double {
        switch self {
        case .paperFormula:
            let d = Double(config.hiddenSize)
            let attention = d * Double(config.queryHeads * config.keyHeadSize
                + config.kvHeads * (config.keyHeadSize + config.valueHeadSize)
                + config.queryHeads * config.valueHeadSize)
            let ffnInner = config.ffnInnerSizeOverride.map(Double.init)
                ?? (config.gatedFFN ? 8 * d / 3 : 4 * d)
            let ffn = Double(config.gatedFFN ? 3 : 2) * d * ffnInner
            return Double(config.layers) * (attention + ffn)
        case .exactNonEmbedding:
            return Double(ParameterCount(config).nonEmbedding)
        case .authorsCode:
            return Double(ParameterCount(config).authorsCodeNonEmbedding)
        }
    }
}
