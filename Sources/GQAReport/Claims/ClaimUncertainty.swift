import Foundation

/// How sure a claim's value is: a 95% interval over replicates of the data it rests on, the
/// range a person's modelling choice spans (the shape rule), kept apart from it, or why the
/// claim has no interval.
public struct ClaimUncertainty: Sendable {
    public enum Method: String, Sendable {
        /// Each fitted curve the claim uses replaced by one of its bootstrap refits.
        case fitBootstrap = "fit-bootstrap"
        /// Each digitized point's loss moved within its stated precision.
        case perturbedPoints = "perturbed-points"
        /// Each run's final loss moved by the sweep's seed noise (`SeedNoise`).
        case perturbedRuns = "perturbed-runs"
        case none
    }

    public var method: Method
    /// The 2.5th and 97.5th percentiles of the replicates' values; nil with `note` saying why.
    public var interval: ClosedRange<Double>?
    public var replicates: Int = 0
    public var failedReplicates: Int = 0
    /// What the interval rests on, or why there is none.
    public var note: String
    /// The value under each shape rule (d/L = 100, 112, 128 and the paper's recipe): a
    /// systematic range, not sampling error, so it never enters the interval or the verdict.
    public var systematic: Systematic?

    public struct Systematic: Sendable {
        public var label: String
        public var range: ClosedRange<Double>
    }

    static func none(_ note: String) -> ClaimUncertainty { ClaimUncertainty(method: .none, interval: nil, note: note) }
}

/// Where a computation's uncertainty comes from, on one data source.
enum UncertaintySource: Sendable {
    case fitBootstrap
    case perturbedPoints
    /// Each run's final loss moved by a normal draw of the sweep's seed noise; `without` says
    /// why there is no interval where the sweep gives no estimate of that noise.
    case perturbedRuns(without: String)
    /// No interval, and why.
    case none(String)
}

enum ClaimUncertaintyEstimator {
    /// Replicates a claim is recomputed on: enough for the 2.5th and 97.5th percentiles to be
    /// read between five order statistics each, few enough that the build stays quick.
    static let replicates = 200

    static func estimate(_ computation: any ClaimComputation, _ inputs: ClaimInputs, source: DataSource?, value: Double?) -> ClaimUncertainty {
        guard value != nil else { return .none("no value was computed") }
        let kind = source.map { computation.uncertainty(source: $0) } ?? computation.uncertainty(source: .digitized)
        var result: ClaimUncertainty
        let method: ClaimUncertainty.Method
        switch kind {
        case let .none(reason): return withSystematic(.none(reason), computation, inputs, source: source)
        case .fitBootstrap: method = .fitBootstrap
        case .perturbedPoints: method = .perturbedPoints
        case .perturbedRuns: method = .perturbedRuns
        }
        var noise: SeedNoise?
        if case let .perturbedRuns(without) = kind {
            noise = SeedNoise.estimate(runs: inputs.runs, fits: inputs.fits)
            guard noise != nil else { return withSystematic(.none(without), computation, inputs, source: source) }
        }
        let outcomes = (try? parallelMap(Array(0..<replicates)) { r -> ComputedClaim in
            var replicate: ClaimInputs
            switch method {
            case .perturbedPoints: replicate = inputs.perturbingDigitizedLosses(seed: UInt64(r))
            case .perturbedRuns: replicate = inputs.perturbingRunLosses(seed: UInt64(r), sigma: noise!.sigma)
            case .fitBootstrap, .none: replicate = inputs.replacingFitsWithBootstrapRefit(r)
            }
            replicate.valueOnly = true
            return source.map { computation.compute(replicate, source: $0) } ?? computation.compute(replicate)
        }) ?? []
        let values = outcomes.compactMap { $0.missing == nil ? $0.value : nil }.filter(\.isFinite)
        let failed = outcomes.count - values.count
        let what = switch method {
        case .perturbedPoints: "each digitized point's loss moved uniformly within its stated precision (\(precisionRange(inputs.digitized)))"
        case .perturbedRuns: "each run's final loss moved by a normal draw of the sweep's seed noise, σ = \(NumberFormat.prose(noise!.sigma)) from \(noise!.basis)"
        case .fitBootstrap, .none: "each fitted curve it uses replaced by one of its bootstrap refits"
        }
        result = ClaimUncertainty(method: method, interval: nil, replicates: outcomes.count, failedReplicates: failed, note: "")
        if values.count * 2 > outcomes.count {
            result.interval = Percentile.of(values, 0.025)...Percentile.of(values, 0.975)
            result.note = "95% interval over \(outcomes.count) replicates, \(what)" + (failed > 0 ? "; \(failed) gave no value" : "")
        } else {
            let reasons = Dictionary(grouping: outcomes.compactMap(\.missing), by: { $0 }).max { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.key > $1.key) }
            result.note = "no interval: \(failed) of \(outcomes.count) replicates (\(what)) gave no value" + (reasons.map { ", most often: \($0.key)" } ?? "")
        }
        return withSystematic(result, computation, inputs, source: source)
    }

    /// "±0.003 to ±0.006": the stated precisions of the digitized losses that are perturbed.
    private static func precisionRange(_ sources: [DigitizedSource]) -> String {
        let precisions = sources.flatMap(\.points).map(\.lossPrecision)
        guard let low = precisions.min(), let high = precisions.max() else { return "none stated" }
        return low == high ? "±\(NumberFormat.prose(low))" : "±\(NumberFormat.prose(low)) to ±\(NumberFormat.prose(high))"
    }

    /// The value's range over the shape rules, kept beside the interval.
    private static func withSystematic(_ uncertainty: ClaimUncertainty, _ computation: any ClaimComputation, _ inputs: ClaimInputs,
                                       source: DataSource?) -> ClaimUncertainty {
        var result = uncertainty
        if let source, let spread = computation.underShapeRules(inputs, source: source), spread.count > 1,
           let low = spread.map(\.value).min(), let high = spread.map(\.value).max() {
            result.systematic = .init(label: "shape rule (" + spread.map(\.rule).joined(separator: ", ") + ")", range: low...high)
        }
        return result
    }
}

extension ClaimInputs {
    /// A curve's place among the fits of a replicate, from its id alone (FNV-1a, the same on
    /// every machine, unlike Swift's per-process `Hasher`).
    static func place(_ id: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(hash % 9973)
    }

    /// The inputs with every fitted curve replaced by one of its bootstrap refits
    /// (`Fit.replicateParameters`, its place made from the curve's id, so a curve takes the same
    /// refits whatever else the build fitted: another sweep's runs never move a claim's
    /// interval). A fit without refits cannot take part, and says so.
    func replacingFitsWithBootstrapRefit(_ r: Int) -> ClaimInputs {
        var copy = self
        copy.fits = fits.map { outcome in
            guard case let .fitted(fit) = outcome.status else { return outcome }
            var replaced = outcome
            if let parameters = fit.replicateParameters(r, place: Self.place(outcome.selection.id)) {
                var refit = fit
                refit.parameters = parameters
                replaced.status = .fitted(refit)
            } else {
                replaced.status = .undetermined("its fit has no bootstrap refits (\(fit.intervalNote ?? "none"))")
            }
            return replaced
        }
        return copy
    }

    /// The inputs with each digitized point's loss moved uniformly within its stated precision.
    func perturbingDigitizedLosses(seed: UInt64) -> ClaimInputs {
        var copy = self
        var rng = SplitMix64(seed: 0x5EED_0000 &+ seed)
        copy.digitized = digitized.map { source in
            var source = source
            source.points = source.points.map { point in
                var point = point
                point.loss += point.lossPrecision * (2 * Double(rng.next() >> 11) / 9_007_199_254_740_992 - 1)
                return point
            }
            return source
        }
        return copy
    }
}
