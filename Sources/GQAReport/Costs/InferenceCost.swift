import Foundation

/// Inference memory and FLOPs of a model at context length T, split into the time-invariant
/// part (weights; 2N FLOPs) and the time-variant part (KV cache; attention over the context).
public struct InferenceCost: Equatable, Sendable {
    public var memoryInvariant: Double
    public var memoryVariant: Double
    public var flopsInvariant: Double
    public var flopsVariant: Double

    public var memory: Double { memoryInvariant + memoryVariant }
    public var flops: Double { flopsInvariant + flopsVariant }

    /// Costs of `config` with `parameters` (N) at context `context` under `convention`.
    public init(_ config: ModelConfig, parameters: Double, context: Int, convention: CostConvention) {
        self.init(parameters: parameters, layers: Double(config.layers), queryHeads: Double(config.queryHeads),
                  kvHeads: Double(config.kvHeads), headDims: Double(config.keyHeadSize + config.valueHeadSize),
                  context: context, convention: convention)
    }

    /// d_k + d_v of the study's models (64 + 64), for shapes that have no configuration.
    public static let studyHeadDims = 128.0

    /// Costs of a shape that need not be whole (the recipe's real-valued N*(H) → (L, d)).
    /// `headDims` is d_k + d_v.
    public init(parameters: Double, layers: Double, queryHeads: Double, kvHeads: Double, headDims: Double = InferenceCost.studyHeadDims,
                context: Int, convention: CostConvention) {
        let t = Double(context)
        let passTokens = pow(t, Double(convention.contextExponent))
        // Values in the KV cache: a key and a value vector per KV head, layer and position.
        memoryInvariant = parameters * convention.memoryFactor
        memoryVariant = t * layers * kvHeads * headDims * convention.memoryFactor
        // 2N per token; QKᵀ and AV cost 2·d_k and 2·d_v per query head, layer and context position.
        flopsInvariant = 2 * parameters * passTokens
        flopsVariant = convention.attentionCoefficient * passTokens * t * 2 * layers * queryHeads * headDims
    }

    /// The share of memory taken by the KV cache and of FLOPs by attention over the context.
    public var variantMemoryShare: Double { memoryVariant / memory }
    public var variantFlopsShare: Double { flopsVariant / flops }
}

/// The paper's hardware-aware cost Z = λ·M^α + (1 − λ)·C^β (Eq. 5). Its figures compute Z from
/// Figure 2's units (bytes, FLOPs of one pass over T tokens), which reproduces all 40
/// digitized Z values; that is the default convention here.
public struct HardwareCost: Equatable, Sendable, Codable {
    public var lambda: Double
    public var alpha: Double
    public var beta: Double

    /// The paper's defaults (§4.1): λ = 0.9, α = 1/2, β = 1/3.
    public static let paperDefault = HardwareCost(lambda: 0.9, alpha: 0.5, beta: 1.0 / 3.0)

    public init(lambda: Double, alpha: Double, beta: Double) {
        self.lambda = lambda
        self.alpha = alpha
        self.beta = beta
    }

    public func z(memory: Double, flops: Double) -> Double {
        lambda * pow(memory, alpha) + (1 - lambda) * pow(flops, beta)
    }

    public func z(_ cost: InferenceCost) -> Double {
        z(memory: cost.memory, flops: cost.flops)
    }
}
