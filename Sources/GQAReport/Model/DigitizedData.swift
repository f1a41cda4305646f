/// A point read off one of the paper's figures: DIGITIZED, not released data. It carries the
/// precision its source states, and the model shape inferred from its place in the series.
public struct DigitizedPoint: Sendable {
    public var series: String
    /// Position in the series, smallest model first.
    public var index: Int
    /// The shape inferred from the figures' ladder (d = aspect·L); nil where unknown (the
    /// diamond marker of Figure 1).
    public var model: ModelConfig?
    public var heads: HeadConfiguration
    public var loss: Double
    /// ± in loss units (about one standard deviation, DIGITIZED.md).
    public var lossPrecision: Double
    /// Costs as read off the figure, in the source's convention; nil when the figure has none.
    public var memory: Double?
    public var flops: Double?
    public var z: Double?
    /// ± relative, for memory, FLOPs and Z.
    public var costPrecision: Double
    public var confidence: String
    /// "cost-optimal-marker" for a marker that is not part of a ladder.
    public var role: String?
}

/// One digitized figure: where it came from, in which units its axes are, and its points.
public struct DigitizedSource: Sendable {
    public var id: String
    public var origin: String
    public var file: InputFile
    public var context: Int
    /// The cost convention of the figure's axes (see `CostConvention`).
    public var costConvention: String
    public var series: [String]
    public var points: [DigitizedPoint]

    public func points(in series: String) -> [DigitizedPoint] {
        points.filter { $0.series == series }
    }
}
