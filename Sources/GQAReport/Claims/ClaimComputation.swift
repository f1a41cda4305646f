/// What a claim's computation can read: the fitted curves, the digitized points, the runs.
public struct ClaimInputs: Sendable {
    public var fits: [FitOutcome]
    public var digitized: [DigitizedSource]
    public var runs: [Run]
    public var options: BuildOptions
    public var benchmarks: [BenchmarkResults] = []
    /// The shape rules a claim's systematic range runs over (d/L = 100, 112, 128 and the
    /// paper's recipe); empty: none is shown.
    public var shapeRules: [ShapeRule] = []
    /// Set on the replicates of a claim's interval: only the value is read, so a computation
    /// may skip its details, readings and extrapolation notes (the build makes thousands).
    public var valueOnly = false
}

/// A named computation over costs and fits. Each checks its parameters when the claims file
/// is read, and computes a value (or says which data is missing).
protocol ClaimComputation: Sendable {
    static var name: String { get }
    init(_ spec: ComputationSpec) throws
    func compute(_ inputs: ClaimInputs) -> ComputedClaim
    /// The data sources the computation can be decided from: runs and digitized points for the
    /// curve-based claims, the runs alone for C10 and C12, none for claims on published numbers
    /// or the cost model alone.
    var dataSources: [DataSource] { get }
    /// The computation on one source: its references to digitized curves read as the runs'.
    func compute(_ inputs: ClaimInputs, source: DataSource) -> ComputedClaim
    /// Where the value's 95% interval comes from on a source, or why it has none.
    func uncertainty(source: DataSource) -> UncertaintySource
    /// The value under each of `inputs.shapeRules` (a systematic range); nil where no shape
    /// rule enters the claim.
    func underShapeRules(_ inputs: ClaimInputs, source: DataSource) -> [(rule: String, value: Double)]?
}

extension ClaimComputation {
    var dataSources: [DataSource] { [] }
    func compute(_ inputs: ClaimInputs, source: DataSource) -> ComputedClaim { compute(inputs) }
    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("it rests on the cost model or on published numbers alone: nothing in it is estimated from noisy points")
    }
    func underShapeRules(_ inputs: ClaimInputs, source: DataSource) -> [(rule: String, value: Double)]? { nil }
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
    /// A reference to digitized data read in another source: `figure-2:H=(8,1)` is
    /// `runs:H=(8,1)` in the runs, and `figure-2` (a whole figure) is `runs`.
    static func reference(_ reference: String, in source: DataSource) -> String {
        guard source == .runs else { return reference }
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        return parts.count == 2 ? "runs:" + parts[1] : "runs"
    }

    /// The series name of the runs' Llama-3 curve (n_h = d/64, n_kv = 8), as in Figure 1.
    static let llama3Series = "Llama-3 GQA"

    /// `minimumSizes`: how many sizes a curve of runs needs before a claim may rest on it (the
    /// law's 3 parameters need 3; a claim that reads a size far outside them asks for more).
    static func sizeCurve(_ reference: String, family: HeadFamily?, in fits: [FitOutcome], minimumSizes: Int = 3) -> Result<SizeCurve, MissingData> {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .failure(MissingData("'\(reference)' is not source:series")) }
        let (source, series) = (parts[0], parts[1])
        let match = fits.first { outcome in
            let s = outcome.selection
            guard s.law == .sizeLaw else { return false }
            if source == "runs" {
                guard s.source == .runs else { return false }
                return s.series.map { $0 == series } ?? (s.heads.map { "H=(\($0.queryHeads),\($0.kvHeads))" } == series)
            }
            return s.source == .digitized && s.sourceID == source && s.series == series
        }
        guard let match else {
            if source == "runs" { return .failure(MissingData(runsLacking(series))) }
            return .failure(MissingData("no size-law curve for \(reference) in this data"))
        }
        let sizes = Set(match.selection.data.x).count
        if source == "runs", sizes < minimumSizes {
            return .failure(MissingData("cannot be checked by these runs: they have \(sizes) size(s) of \(series) (\(match.selection.data.labels.joined(separator: ", "))); the claim needs at least \(minimumSizes)"))
        }
        guard let fit = match.fit else {
            if source == "runs", case .insufficient = match.status {
                let sizes = match.selection.data.labels.joined(separator: ", ")
                return .failure(MissingData("the runs of \(series) cover \(Set(match.selection.data.x).count) size(s) (\(sizes)); a size-law fit needs at least 3 sizes"))
            }
            return .failure(MissingData("the size-law curve for \(reference) could not be fitted: \(match.status)"))
        }
        let resolved = family ?? match.selection.heads.map { HeadFamily.fixed($0) }
        guard let resolved else { return .failure(MissingData("\(reference) has no fixed head configuration; give its family")) }
        let provenance = source == "runs" ? "runs" : "\(source) (digitized)"
        return .success(SizeCurve(label: series, family: resolved, fit: fit, provenance: provenance))
    }

    /// What the runs lack for a series, by head configuration and size.
    static func runsLacking(_ series: String) -> String {
        if series == llama3Series {
            return "no runs of the Llama-3 GQA family (n_h = d/64, n_kv = 8) at 3 or more sizes; on the d = 128·L ladder whole-number grouping allows H = (16, 8) at L = 8, (24, 8) at L = 12 and (32, 8) at L = 16"
        }
        return "no runs with \(series), at least 3 sizes (e.g. L = 6, 8, 10 with d = 128·L)"
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
