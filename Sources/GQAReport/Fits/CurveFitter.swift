import Foundation

/// Fits a law to data: the optimum, standard errors from the Jacobian, bootstrap intervals,
/// R² and RMSE. Throws `FitFailure` with a reason a person can act on.
public enum CurveFitter {
    public static func fit(_ kind: LawKind, _ data: FitData, options: FitOptions = FitOptions()) throws -> Fit {
        let law = kind.law
        try validate(law, data)
        let (parameters, standardErrors) = try optimum(law, data, options: options, start: nil)
        try checkBounds(law, parameters)

        // Bootstrap: refit on resamples of the points, drawn with a fixed seed.
        var rng = SplitMix64(seed: options.seed)
        let samples = kind == .chinchilla ? options.chinchillaBootstrapSamples : options.bootstrapSamples
        var draws: [[Double]] = []
        var failures = 0
        let needed = law.parameterNames.count
        for _ in 0..<samples {
            let indices = (0..<data.count).map { _ in rng.index(below: data.count) }
            // A resample with fewer distinct points than parameters cannot determine the law:
            // it counts as a failed refit without running the optimiser into its limits.
            guard Set(indices.map { data.x[$0] }).count >= needed || (data.x2 != nil && Set(indices).count >= needed) else {
                failures += 1
                continue
            }
            let resample = data.subset(indices)
            if let refit = try? optimum(law, resample, options: options, start: parameters, needErrors: false),
               (try? checkBounds(law, refit.parameters)) != nil
            {
                draws.append(refit.parameters)
            } else {
                failures += 1
            }
        }
        // Intervals only when most refits succeeded; otherwise they would describe a biased subset.
        var intervals: [ClosedRange<Double>]?
        if samples > 0, draws.count * 2 > samples {
            intervals = parameters.indices.map { j in
                let values = draws.map { $0[j] }
                return Percentile.of(values, 0.025)...Percentile.of(values, 0.975)
            }
        }

        let fitted = data.y.indices.map { law.predict(parameters, x: data.x[$0], x2: data.x2?[$0] ?? 0) }
        let meanY = data.y.reduce(0, +) / Double(data.count)
        let rss = zip(data.y, fitted).reduce(0) { $0 + pow($1.0 - $1.1, 2) }
        let tss = data.y.reduce(0) { $0 + pow($1 - meanY, 2) }
        return Fit(
            law: kind, formula: law.formula, parameterNames: law.parameterNames, parameters: parameters,
            standardErrors: standardErrors, intervals: intervals,
            r2: tss > 0 ? 1 - rss / tss : (rss == 0 ? 1 : 0), rmse: (rss / Double(data.count)).squareRoot(),
            data: data, fitted: fitted,
            bootstrap: BootstrapSummary(samples: samples, failures: failures, seed: options.seed), bootstrapDraws: draws)
    }

    private static func validate(_ law: any ScalingLaw, _ data: FitData) throws {
        let p = law.parameterNames.count
        guard data.count >= p else {
            throw FitFailure("\(law.kind.rawValue) has \(p) parameters and needs at least \(p) points; there are \(data.count)")
        }
        guard law.inputCount == 1 || data.x2 != nil else { throw FitFailure("\(law.kind.rawValue) needs a second input (x2)") }
        for i in 0..<data.count {
            guard data.x[i].isFinite, data.y[i].isFinite, data.x2?[i].isFinite ?? true else {
                throw FitFailure("point \(data.labels[i]) is not finite")
            }
            guard data.x[i] > 0, (data.x2?[i] ?? 1) > 0 else {
                throw FitFailure("point \(data.labels[i]) has a non-positive input; power laws need x > 0")
            }
            if law.kind == .chinchilla, data.y[i] <= 0 {
                throw FitFailure("point \(data.labels[i]) has a non-positive loss; the Chinchilla fit works on ln L")
            }
        }
        guard Set(data.x).count >= 2 || (law.inputCount == 2 && Set(data.x2 ?? []).count >= 2) else {
            throw FitFailure("all points share the same x; the curve is not determined")
        }
    }

    private static func checkBounds(_ law: any ScalingLaw, _ parameters: [Double]) throws {
        for (j, range) in law.bounds.enumerated() where !range.contains(parameters[j]) || !parameters[j].isFinite {
            throw FitFailure("the fit left the law's bounds: \(law.parameterNames[j]) = \(NumberFormat.real(parameters[j].isFinite ? parameters[j] : 0)) (allowed \(range.lowerBound) … \(range.upperBound))")
        }
    }

    /// The optimum and, when asked, standard errors. `start` skips the search for a start
    /// (bootstrap refits begin at the full fit's optimum).
    private static func optimum(_ law: any ScalingLaw, _ data: FitData, options: FitOptions, start: [Double]?,
                                needErrors: Bool = true) throws -> (parameters: [Double], standardErrors: [Double]?) {
        if let law = law as? any LeastSquaresLaw {
            return try leastSquares(law, data, start: start)
        }
        return try chinchilla(data, options: options, start: start, needErrors: needErrors)
    }

    private static func leastSquares(_ law: some LeastSquaresLaw, _ data: FitData, start: [Double]?) throws
        -> ([Double], [Double]?)
    {
        guard let initial = start ?? law.startingPoint(data) else {
            throw FitFailure("no starting point: the data do not fall with x as the law requires")
        }
        let outcome = try LevenbergMarquardt.minimize(start: initial, count: data.count, model: LeastSquaresModel(law: law, data: data))
        let errors = outcome.covariance.map { c in c.indices.map { c[$0][$0].squareRoot() } }
        return (outcome.parameters, errors)
    }

    private static func chinchilla(_ data: FitData, options: FitOptions, start: [Double]?, needErrors: Bool) throws
        -> ([Double], [Double]?)
    {
        let logN = data.x.map { log($0) }, logD = data.x2!.map { log($0) }, logY = data.y.map { log($0) }
        let objective: LBFGSMinimizer.Objective = {
            ChinchillaLaw.objective($0, logN: logN, logD: logD, logY: logY)
        }
        let starts = start.map { p in [[log(p[0]), log(p[1]), p[2], log(p[3]), p[4]]] } ?? options.chinchillaGrid.points
        var best: (x: [Double], value: Double)?
        for point in starts {
            guard let result = LBFGSMinimizer.minimize(start: point, objective: objective) else { continue }
            // Strictly better only: ties keep the earlier grid point, so the result is deterministic.
            if best == nil || result.value < best!.value { best = result }
        }
        guard let theta = best?.x else { throw FitFailure("L-BFGS failed from every starting point") }
        let parameters = ChinchillaLaw.parameters(fromTheta: theta)

        // Standard errors: Gauss–Newton covariance of the log-space residuals at the optimum,
        // mapped to (E, A, α, B, β) by the delta method.
        var errors: [Double]?
        let n = data.count, p = 5
        if needErrors, n > p {
            var jacobian: [[Double]] = []
            var rss = 0.0
            for i in 0..<n {
                let (r, g) = ChinchillaLaw.residual(theta, logN: logN[i], logD: logD[i], logY: logY[i])
                jacobian.append(g)
                rss += r * r
            }
            if let inverse = SymmetricMatrix.inverse(SymmetricMatrix.gram(jacobian)) {
                let s2 = rss / Double(n - p)
                let thetaErrors = (0..<p).map { (s2 * inverse[$0][$0]).squareRoot() }
                errors = [parameters[0] * thetaErrors[0], parameters[1] * thetaErrors[1], thetaErrors[2],
                          parameters[3] * thetaErrors[3], thetaErrors[4]]
            }
        }
        return (parameters, errors)
    }
}

/// JᵀJ and its inverse for the few parameters of a law.
enum SymmetricMatrix {
    static func gram(_ rows: [[Double]]) -> [[Double]] {
        let p = rows.first?.count ?? 0
        return (0..<p).map { i in (0..<p).map { j in rows.reduce(0) { $0 + $1[i] * $1[j] } } }
    }

    /// Gauss–Jordan with partial pivoting; nil when singular.
    static func inverse(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        let scale = matrix.flatMap { $0 }.map(abs).max() ?? 0
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-13 * scale else { return nil }
            a.swapAt(column, pivot)
            let divisor = a[column][column]
            a[column] = a[column].map { $0 / divisor }
            for row in 0..<n where row != column {
                let factor = a[row][column]
                if factor != 0 { a[row] = zip(a[row], a[column]).map { $0 - factor * $1 } }
            }
        }
        return a.map { Array($0[n...]) }
    }
}
