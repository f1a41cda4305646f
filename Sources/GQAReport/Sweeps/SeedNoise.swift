import Foundation

/// How much a sweep's final losses move from seed to seed: what a comparison of single runs
/// must clear before it says anything. Taken from the sweep itself: configurations trained
/// more than once (pooled standard deviation), else the scatter of its size-law fits about
/// their curves (pooled over their residual degrees of freedom). nil where the sweep gives
/// neither: one run per configuration and no curve with a point to spare.
struct SeedNoise: Equatable {
    var sigma: Double
    /// For people: "3 configurations trained 2–3 times" or "residuals of 4 size-law curves".
    var basis: String

    static func estimate(runs: [Run], fits: [FitOutcome]) -> SeedNoise? {
        let repeated = Dictionary(grouping: runs.filter { !$0.isExample }) { "\($0.model.layers) \($0.model.hiddenSize) \($0.model.heads)" }
            .values.filter { $0.count > 1 }
        if !repeated.isEmpty {
            var squares = 0.0, freedom = 0
            for group in repeated {
                let losses = group.map(\.finalLoss.value)
                let mean = losses.reduce(0, +) / Double(losses.count)
                squares += losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                freedom += losses.count - 1
            }
            return SeedNoise(sigma: (squares / Double(freedom)).squareRoot(),
                             basis: "the spread of \(repeated.count) configuration(s) trained more than once (\(freedom) degree(s) of freedom)")
        }
        let curves = fits.filter { $0.selection.source == .runs && $0.selection.law == .sizeLaw }.compactMap(\.fit)
            .filter { $0.n > $0.parameterNames.count }
        guard !curves.isEmpty else { return nil }
        let squares = curves.reduce(0) { $0 + $1.residuals.reduce(0) { $0 + $1 * $1 } }
        let freedom = curves.reduce(0) { $0 + $1.n - $1.parameterNames.count }
        return SeedNoise(sigma: (squares / Double(freedom)).squareRoot(),
                         basis: "the residuals of \(curves.count) size-law curve(s) of the sweep about their fits (\(freedom) degree(s) of freedom): one run per configuration, so the scatter about the curves stands for a seed's noise")
    }
}

extension ClaimInputs {
    /// The inputs with each run's final loss moved by a normal draw of the sweep's seed noise.
    func perturbingRunLosses(seed: UInt64, sigma: Double) -> ClaimInputs {
        var copy = self
        var rng = SplitMix64(seed: 0x5EED_1000 &+ seed)
        func uniform() -> Double { (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        copy.runs = runs.map { run in
            var run = run
            // Box–Muller: one standard normal from two uniforms.
            run.finalLoss.value += sigma * (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
            return run
        }
        return copy
    }
}
