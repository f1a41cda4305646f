import Foundation

/// How often a fit's 95% intervals hold the truth: points drawn from a known law with
/// Gaussian noise, fitted many times with the options a build uses. The coverage
/// table of methods.html and a test come from here, so the intervals the report prints are checked, not hoped.
public enum IntervalCoverage {
    public struct Setting: Sendable {
        public var law: LawKind
        public var truth: [Double]
        public var x: [Double]
        /// The standard deviation of the noise added to each y.
        public var noise: Double
        /// Where the fitted curve's band is checked too (beyond the points: an extrapolation).
        public var predictAt: Double

        public init(law: LawKind, truth: [Double], x: [Double], noise: Double, predictAt: Double) {
            self.law = law
            self.truth = truth
            self.x = x
            self.noise = noise
            self.predictAt = predictAt
        }

        /// A size law like the study's (Figure 2's H = (8, 8): a = 3.75·10⁷, b = 0.226,
        /// E = 2.12) on n sizes spaced evenly in log N from 50 M to 600 M, with the digitized
        /// losses' noise (0.003), its band checked at twice the largest size.
        public static func studySizeLaw(points n: Int, noise: Double = 0.003) -> Setting {
            let x = (0..<n).map { 5e7 * pow(12, Double($0) / Double(max(n - 1, 1))) }
            return Setting(law: .sizeLaw, truth: [3.75e7, 0.226, 2.12], x: x, noise: noise, predictAt: 2 * x.last!)
        }
    }

    public struct Result: Sendable {
        public var trials: Int
        /// Trials whose points determined the law and gave intervals.
        public var withIntervals: Int
        /// Of those, how many intervals held each parameter's true value, and the band the curve's.
        public var covered: [Int]
        public var predictionCovered: Int

        public func rate(_ parameter: Int) -> Double { Double(covered[parameter]) / Double(max(withIntervals, 1)) }
        public var predictionRate: Double { Double(predictionCovered) / Double(max(withIntervals, 1)) }
    }

    public static func measure(_ setting: Setting, trials: Int, seed: UInt64, options: FitOptions = FitOptions()) -> Result {
        var rng = SplitMix64(seed: seed)
        let law = setting.law.law
        let truthAt = law.predict(setting.truth, x: setting.predictAt, x2: 0)
        var result = Result(trials: trials, withIntervals: 0, covered: setting.truth.map { _ in 0 }, predictionCovered: 0)
        for trial in 0..<trials {
            let y = setting.x.map { law.predict(setting.truth, x: $0, x2: 0) + setting.noise * rng.gaussian() }
            var options = options
            options.seed = seed &+ UInt64(trial)
            guard let fit = try? CurveFitter.fit(setting.law, FitData(x: setting.x, y: y), options: options),
                  let intervals = fit.intervals, let band = fit.band(at: setting.predictAt) else { continue }
            result.withIntervals += 1
            for j in setting.truth.indices where intervals[j].contains(setting.truth[j]) { result.covered[j] += 1 }
            if band.contains(truthAt) { result.predictionCovered += 1 }
        }
        return result
    }
}

extension SplitMix64 {
    /// A standard normal draw (Box–Muller), from two uniforms in (0, 1].
    mutating func gaussian() -> Double {
        let u1 = (Double(next() >> 11) + 1) / 9_007_199_254_740_992
        let u2 = Double(next() >> 11) / 9_007_199_254_740_992
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
