/// What a claim's computation can read: the fitted curves, the digitized points, the runs.
public struct ClaimInputs: Sendable {
    public var fits: [FitOutcome]
    public var digitized: [DigitizedSource]
    public var runs: [Run]
    public var options: BuildOptions
    public var benchmarks: [BenchmarkResults] = []
}

/// A named computation over costs and fits. Each checks its parameters when the claims file
/// is read, and computes a value (or says which data is missing).
protocol ClaimComputation: Sendable {
    static var name: String { get }
    init(_ spec: ComputationSpec) throws
    func compute(_ inputs: ClaimInputs) -> ComputedClaim
}

enum ClaimComputations {
    static let all: [any ClaimComputation.Type] = [
        ReductionAtEqualLoss.self, ClosestReduction.self, HeadsCurvesCrossing.self, DominatingPair.self,
        BaselineSuboptimal.self, MinimumFitQuality.self, BenchmarkAverage.self, LossGapAtEqualCost.self,
        AlignedTrainingComparison.self, KVCacheShare.self, ThroughputRatio.self,
    ]

    static var known: Set<String> { Set(all.map { $0.name }) }

    static func make(_ spec: ComputationSpec) throws -> any ClaimComputation {
        guard let type = all.first(where: { $0.name == spec.name }) else { throw spec.error("unknown computation") }
        return try type.init(spec)
    }
}

/// Finds fitted size-law curves by reference: "figure-2:H=(8,1)" (a digitized source and
/// series) or "runs:H=(8,1)" (runs from logs, by head configuration).
enum CurveReference {
    static func sizeCurve(_ reference: String, family: HeadFamily?, in fits: [FitOutcome]) -> Result<SizeCurve, MissingData> {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .failure(MissingData("'\(reference)' is not source:series")) }
        let (source, series) = (parts[0], parts[1])
        let match = fits.first { outcome in
            let s = outcome.selection
            guard s.law == .sizeLaw else { return false }
            if source == "runs" { return s.source == .runs && s.heads.map { "H=(\($0.queryHeads),\($0.kvHeads))" } == series }
            return s.source == .digitized && s.sourceID == source && s.series == series
        }
        guard let match else { return .failure(MissingData("no size-law curve for \(reference) in this data")) }
        guard let fit = match.fit else {
            return .failure(MissingData("the size-law curve for \(reference) could not be fitted: \(match.status)"))
        }
        let resolved = family ?? match.selection.heads.map { HeadFamily.fixed($0) }
        guard let resolved else { return .failure(MissingData("\(reference) has no fixed head configuration; give its family")) }
        let provenance = source == "runs" ? "runs" : "\(source) (digitized)"
        return .success(SizeCurve(label: series, family: resolved, fit: fit, provenance: provenance))
    }

    /// "llama3:8" (n_h = d/64, n_kv = 8), "llama3:quarter" (n_kv = n_h/4), "fixed:8,1".
    static func family(_ text: String, spec: ComputationSpec) throws -> HeadFamily {
        if text == "llama3:quarter" { return .llama3(kvHeads: nil) }
        if text.hasPrefix("llama3:"), let kv = Int(text.dropFirst(7)) { return .llama3(kvHeads: kv) }
        if text.hasPrefix("fixed:") {
            let numbers = text.dropFirst(6).split(separator: ",").compactMap { Int($0) }
            if numbers.count == 2 { return .fixed(HeadConfiguration(queryHeads: numbers[0], kvHeads: numbers[1])) }
        }
        throw spec.error("family '\(text)' is not llama3:N, llama3:quarter or fixed:n_h,n_kv")
    }
}

struct MissingData: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
