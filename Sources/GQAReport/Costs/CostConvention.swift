/// How a cost figure counts memory and FLOPs. The paper uses three conventions (spec §3,
/// NOTES §2.3), so each is data here, not a code path:
///
/// memory = unitFactor × (N + T·L·n_kv·(d_k + d_v))                        (values × factor)
/// FLOPs  = T^e × 2N + c·T^(e+1) × 2·L·n_h·(d_k + d_v)
///
/// e = 0, c = 1 gives the per-token cost of Eq. 3; e = 1, c = 1 one non-causal pass over T
/// tokens (Figure 2); e = 1, c = ½ the causal sum over positions (Figure 1's scatter).
public struct CostConvention: Hashable, Sendable, Codable {
    public var id: String
    public var summary: String
    public var memoryUnit: String
    public var flopsUnit: String
    /// Multiplies a count of values: 1 (values), bytes per value, or bytes per value / 2^30.
    public var memoryFactor: Double
    /// e above: 0 for per-token FLOPs, 1 for FLOPs over a whole context.
    public var contextExponent: Int
    /// c above: the share of the T² attention pairs a pass computes.
    public var attentionCoefficient: Double

    /// Eq. 3–4: values held in memory, FLOPs per token.
    public static func perToken() -> CostConvention {
        CostConvention(
            id: "per-token", summary: "Eq. 3-4: memory in values, FLOPs per generated token",
            memoryUnit: "values", flopsUnit: "FLOPs/token", memoryFactor: 1, contextExponent: 0,
            attentionCoefficient: 1)
    }

    /// Figure 2's axes: bytes at `bytesPerValue`, FLOPs of one pass over the whole context.
    public static func figure2(bytesPerValue: Double = 2) -> CostConvention {
        CostConvention(
            id: "figure-2", summary: "Figure 2: memory in bytes, FLOPs of one forward pass over T tokens",
            memoryUnit: "bytes", flopsUnit: "FLOPs", memoryFactor: bytesPerValue, contextExponent: 1,
            attentionCoefficient: 1)
    }

    /// 2³⁰: memory is shown in GiB everywhere (figures, explorer, `report recommend`).
    public static let bytesPerGiB = 1_073_741_824.0

    /// Figure 1's scatter: GiB at `bytesPerValue`, FLOPs summed causally over positions.
    public static func figure1Scatter(bytesPerValue: Double = 2) -> CostConvention {
        CostConvention(
            id: "figure-1-scatter", summary: "Figure 1 scatter: memory in GiB, FLOPs summed causally over T positions",
            memoryUnit: "GiB", flopsUnit: "FLOPs", memoryFactor: bytesPerValue / bytesPerGiB,
            contextExponent: 1, attentionCoefficient: 0.5)
    }

    public static func all(bytesPerValue: Double = 2) -> [CostConvention] {
        [perToken(), figure2(bytesPerValue: bytesPerValue), figure1Scatter(bytesPerValue: bytesPerValue)]
    }
}
