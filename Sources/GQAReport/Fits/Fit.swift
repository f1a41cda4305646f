/// A fitted law with its uncertainty and goodness of fit.
public struct Fit: Sendable, Codable {
    public var law: LawKind
    public var formula: String
    public var parameterNames: [String]
    public var parameters: [Double]
    /// s²·(JᵀJ)⁻¹ at the optimum, computed in scaled columns (`Covariance`); nil with
    /// `standardErrorNote` saying why.
    public var standardErrors: [Double]?
    public var standardErrorNote: String?
    /// 95% percentile intervals over the bootstrap refits; nil with `intervalNote` saying why.
    public var intervals: [ClosedRange<Double>]?
    public var intervalNote: String?
    public var r2: Double
    public var rmse: Double
    public var data: FitData
    public var fitted: [Double]
    public var residuals: [Double] { zip(data.y, fitted).map { $0 - $1 } }
    public var bootstrap: BootstrapSummary
    /// The parameters of every successful bootstrap refit, for confidence bands.
    public var bootstrapDraws: [[Double]] = []

    public var n: Int { data.count }

    /// As many points as parameters: the curve passes through them, with no standard errors
    /// or intervals (nothing is left to estimate them from).
    public var isInterpolation: Bool { n == parameterNames.count }

    /// The range of each input the law was fitted on: x, then x2 for two-input laws.
    public var ranges: [ClosedRange<Double>] {
        [data.x.min()!...data.x.max()!] + (data.x2.map { [$0.min()!...$0.max()!] } ?? [])
    }

    public func parameter(_ name: String) -> Double? {
        parameterNames.firstIndex(of: name).map { parameters[$0] }
    }

    public func predict(x: Double, x2: Double = 0) -> Double {
        law.law.predict(parameters, x: x, x2: x2)
    }

    /// Whether the fit's bootstrap refits can stand for it (most of them succeeded).
    public var hasRefits: Bool { intervals != nil && !bootstrapDraws.isEmpty }

    /// The parameters this fit takes in replicate r of an interval computed from several fits:
    /// refit (r + 97·i) mod count, where i is the fit's place among them, so two fits of one
    /// replicate do not share a resample's index pattern (their resamples are drawn with the
    /// same seed). nil without refits. Claims, `recommend` and the explorer all pair this way.
    public func replicateParameters(_ r: Int, place i: Int) -> [Double]? {
        hasRefits ? bootstrapDraws[(r + 97 * i) % bootstrapDraws.count] : nil
    }

    /// The 95% band of the fitted curve at x over the bootstrap refits; nil without refits.
    public func band(at x: Double, x2: Double = 0) -> ClosedRange<Double>? {
        guard hasRefits else { return nil }
        let values = bootstrapDraws.map { law.law.predict($0, x: x, x2: x2) }.filter(\.isFinite)
        guard values.count * 2 > bootstrapDraws.count else { return nil }
        return Percentile.of(values, 0.025)...Percentile.of(values, 0.975)
    }
}

public struct BootstrapSummary: Sendable, Equatable, Codable {
    /// Resamples asked for (0: none, or an interpolation, which is never resampled).
    public var samples: Int
    public var failures: Int
    public var seed: UInt64
    /// nil when nothing was resampled.
    public var method: BootstrapMethod?
    /// Why refits failed, most frequent first.
    public var failureReasons: [FailureCount] = []

    public struct FailureCount: Sendable, Equatable, Codable {
        public var reason: String
        public var count: Int
    }
}

/// How fits are made: bootstrap size, method and seed, and the Chinchilla starting grid and loss.
public struct FitOptions: Sendable {
    public var bootstrapSamples = 500
    /// Fixed, so intervals are the same on every build.
    public var seed: UInt64 = 20_250_312
    /// One-input laws resample their points (cases) from this many distinct x, their
    /// residuals below it (`BootstrapMethod.suited`).
    public var caseResamplingMinimumDistinct = 10
    public var chinchillaGrid: ChinchillaLaw.Grid = .hoffmann
    /// Bootstrap refits of the Chinchilla law, each from the full fit's optimum.
    public var chinchillaBootstrapSamples = 100
    /// L-BFGS descends from this many of the grid's starts, the best by their objective (the
    /// grid's 4,500 are all evaluated once). 20 give the optimum of all 4,500 on Epoch's
    /// 240 points and on the study's data (tested).
    public var chinchillaDescents = 20
    /// The loss on ln L residuals: Hoffmann et al.'s Huber (δ = 10⁻³), or plain squares.
    public var chinchillaLoss: ChinchillaLoss = .huber(delta: ChinchillaLaw.huberDelta)

    public init() {}
}

/// The objective of a Chinchilla fit on the residuals rᵢ = ln L̂ᵢ − ln Lᵢ.
public enum ChinchillaLoss: Sendable, Equatable, CustomStringConvertible {
    /// Σ Huber_δ(rᵢ): quadratic within δ, linear beyond (outliers weigh less).
    case huber(delta: Double)
    /// Σ rᵢ²/2: least squares on ln L.
    case squares

    /// The Huber δ that gives this loss (∞ for squares).
    var delta: Double {
        switch self {
        case let .huber(delta): return delta
        case .squares: return .infinity
        }
    }

    public var description: String {
        switch self {
        case let .huber(delta): return "Huber loss on ln L, δ = \(delta)"
        case .squares: return "least squares on ln L"
        }
    }
}
