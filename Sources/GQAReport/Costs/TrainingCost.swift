/// Training compute and memory of a run (App. C, Table 8).
public struct TrainingCost: Equatable, Sendable {
    /// Table 8: 6·D·N + 12·D·T·L·d_h·n_h.
    public var flopsTable8: Double
    /// Eq. 11 with the mean context T̄ = T/2 of fixed-length examples: 6·D·N + 6·D·T·L·d_h·n_h.
    /// Table 8's attention term is twice this one (NOTES §7, item 7); both are reported.
    public var flopsEquation11: Double
    /// Eq. 12, in values: 4N (weights, gradients, Adam states) + T·d·L (activations).
    public var memoryValues: Double

    public init(_ config: ModelConfig, parameters: Double, tokens: Double, context: Int) {
        self.init(parameters: parameters, layers: Double(config.layers), hiddenSize: Double(config.hiddenSize),
                  queryHeads: Double(config.queryHeads), headDim: Double(config.keyHeadSize + config.valueHeadSize) / 2,
                  tokens: tokens, context: context)
    }

    /// For a shape that need not be whole.
    public init(parameters: Double, layers: Double, hiddenSize: Double, queryHeads: Double, headDim: Double = 64,
                tokens: Double, context: Int) {
        let t = Double(context)
        let attention = t * layers * headDim * queryHeads
        flopsTable8 = 6 * tokens * parameters + 12 * tokens * attention
        flopsEquation11 = 6 * tokens * parameters + 6 * tokens * attention
        memoryValues = 4 * parameters + t * hiddenSize * layers
    }
}
