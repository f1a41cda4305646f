/// A fitted law with its uncertainty and goodness of fit.
public struct Fit: Sendable, Codable {
    public var law: LawKind
    public var formula: String
    public var parameterNames: [String]
    public var parameters: [Double]
    /// From the Jacobian at the optimum (s²·(JᵀJ)⁻¹); nil with as many points as parameters.
    public var standardErrors: [Double]?
    /// 95% percentile intervals over bootstrap refits; nil when too few refits succeeded.
    public var intervals: [ClosedRange<Double>]?
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

    public func parameter(_ name: String) -> Double? {
        parameterNames.firstIndex(of: name).map { parameters[$0] }
    }

    public func predict(x: Double, x2: Double = 0) -> Double {
        law.law.predict(parameters, x: x, x2: x2)
    }

    /// The 95% band of the fitted curve at x over the bootstrap refits; nil without refits.
    public func band(at x: Double) -> ClosedRange<Double>? {
        guard intervals != nil, !bootstrapDraws.isEmpty else { return nil }
        let values = bootstrapDraws.map { law.law.predict($0, x: x, x2: 0) }.filter(\.isFinite)
        guard values.count * 2 > bootstrapDraws.count else { return nil }
        return Percentile.of(values, 0.025)...Percentile.of(values, 0.975)
    }
}

public struct BootstrapSummary: Sendable, Equatable, Codable {
    public var samples: Int
    public var failures: Int
    public var seed: UInt64
}

/// How fits are made: bootstrap size and seed, and the Chinchilla starting grid.
public struct FitOptions: Sendable {
    public var bootstrapSamples = 500
    /// Fixed, so intervals are the same on every build.
    public var seed: UInt64 = 20_250_312
    public var chinchillaGrid: ChinchillaLaw.Grid = .hoffmann
    /// Bootstrap refits of the Chinchilla law, each from the full fit's optimum.
    public var chinchillaBootstrapSamples = 100
    /// L-BFGS descends from this many of the grid's starts, the best by their objective (the
    /// grid's 4,500 are all evaluated once). 20 give the optimum of all 4,500 on Epoch's
    /// 240 points and on the study's data (tested).
    public var chinchillaDescents = 20

    public init() {}
}
