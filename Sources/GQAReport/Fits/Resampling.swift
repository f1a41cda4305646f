import Foundation

/// How a fit's bootstrap draws its resamples.
public enum BootstrapMethod: String, Sendable, Codable {
    /// Resample the points (cases) with replacement: robust to noise that varies from point to
    /// point, but a resample of few points often holds fewer distinct x than the law has
    /// parameters, and those that do not are the least stable.
    case cases
    /// Keep every x and add to the fitted curve residuals drawn with replacement, each first
    /// divided by √(1 − leverage) and centred (Davison & Hinkley 1997, §6.2.3): every resample
    /// has the points' design, so a refit fails only when the noise really unsettles the law.
    case residuals

    /// The stated rule: cases where the points have at least `minimumDistinct` distinct
    /// inputs (resamples then keep the law's shape), and two-input laws always (Hoffmann et
    /// al.'s and Epoch's practice); residuals on fewer.
    static func suited(to data: FitData, inputCount: Int, minimumDistinct: Int) -> BootstrapMethod {
        inputCount == 2 || Set(data.x).count >= minimumDistinct ? .cases : .residuals
    }
}

/// One bootstrap refit: its parameters, or in a few words why it failed.
enum Refit {
    case parameters([Double])
    case failed(String)
}

/// The refits of a bootstrap and why the others failed.
struct BootstrapDraws {
    var method: BootstrapMethod
    var samples: Int
    var draws: [[Double]] = []
    var failures: [String: Int] = [:]

    var failureCount: Int { failures.values.reduce(0, +) }
}

enum Resampling {
    /// What is drawn: the points, or residuals added to the fitted curve.
    enum Scheme {
        case cases
        /// `residuals` already leverage-adjusted, centred and widened (`adjustedResiduals`).
        case residuals(fitted: [Double], residuals: [Double])

        var method: BootstrapMethod {
            if case .cases = self { return .cases }
            return .residuals
        }
    }

    /// Refits on `samples` resamples, all drawn with the seeded generator before any refit
    /// and refitted on every core, so the draws do not depend on timing. `needed` is the law's
    /// parameter count: a resample of cases with fewer distinct points cannot determine it.
    static func run(_ scheme: Scheme, _ data: FitData, samples: Int, seed: UInt64, needed: Int, _ refit: (FitData) -> Refit) -> BootstrapDraws {
        var rng = SplitMix64(seed: seed)
        let resamples = (0..<samples).map { _ in (0..<data.count).map { _ in rng.index(below: data.count) } }
        let outcomes = (try? parallelMap(resamples) { indices -> Refit in
            switch scheme {
            case .cases:
                // A resample with fewer distinct points than parameters cannot determine the
                // law: a failed refit, without running the search. Two-input points are
                // distinct by index, one-input points by x.
                let distinct = data.x2 != nil ? Set(indices).count : Set(indices.map { data.x[$0] }).count
                guard distinct >= needed else { return .failed("the resample holds fewer distinct points than the law has parameters") }
                return refit(data.subset(indices))
            case let .residuals(fitted, residuals):
                var resample = data
                resample.y = indices.indices.map { fitted[$0] + residuals[indices[$0]] }
                return refit(resample)
            }
        }) ?? []
        var result = BootstrapDraws(method: scheme.method, samples: samples)
        for outcome in outcomes {
            switch outcome {
            case let .parameters(values): result.draws.append(values)
            case let .failed(reason): result.failures[reason, default: 0] += 1
            }
        }
        return result
    }

    /// Residuals rᵢ/√(1 − hᵢ), centred, times t₀.₉₇₅(n − p)/z₀.₉₇₅. Raw residuals of a
    /// least-squares fit are smaller than the noise, most of all at points of high leverage
    /// (with 5 points and 3 parameters the leverages sum to 3); and with n − p degrees of
    /// freedom the noise itself is known only roughly, so a 95% interval must reach Student's
    /// t quantile, not the normal one (×2.2 at n − p = 2, ×1.04 at 30). Leverages from the
    /// Jacobian; 1 − h is kept ≥ 0.05 so an interpolated point does not blow its (near-zero)
    /// residual up.
    static func adjustedResiduals(_ residuals: [Double], jacobian: [[Double]]) -> [Double] {
        let leverages = Covariance.leverages(jacobian: jacobian) ?? residuals.map { _ in 0 }
        let adjusted = zip(residuals, leverages).map { $0 / max(1 - $1, 0.05).squareRoot() }
        let mean = adjusted.reduce(0, +) / Double(max(adjusted.count, 1))
        let widening = StudentT.quantile975(degreesOfFreedom: residuals.count - (jacobian.first?.count ?? 0)) / StudentT.normalQuantile975
        return adjusted.map { ($0 - mean) * widening }
    }
}

/// The 97.5% quantile of Student's t, for the small-sample widening of residuals.
enum StudentT {
    static let normalQuantile975 = 1.959963984540054

    /// Exact to 6 digits for ν ≤ 30 (a table); the Cornish–Fisher series beyond.
    static func quantile975(degreesOfFreedom nu: Int) -> Double {
        let table = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
                     2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
                     2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272]
        if nu < 1 { return .infinity }
        if nu <= table.count { return table[nu - 1] }
        let z = normalQuantile975, v = Double(nu)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
    }
}
