import Foundation

/// Fits a law to data: the optimum, standard errors from the Jacobian, bootstrap intervals,
/// R² and RMSE. Throws `FitFailure` with a reason a person can act on.
public enum CurveFitter {
    public static func fit(_ kind: LawKind, _ data: FitData, options: FitOptions = FitOptions()) throws -> Fit {
        let law = kind.law
        try validate(law, data)
        if let law = law as? any LeastSquaresLaw { return try projected(law, data, options: options) }
        return try chinchilla(data, options: options)
    }

    // MARK: y = c + k·x^(−b), by variable projection

    private static func projected(_ law: some LeastSquaresLaw, _ data: FitData, options: FitOptions) throws -> Fit {
        let p = law.parameterNames.count
        // As many points as parameters: the curve, if any, passes through them all. Only falling,
        // convex points admit one, which is checked on the points before any search.
        let interpolation = data.count == p
        if interpolation, let problem = PointShape.problem(x: data.x, y: data.y) {
            throw FitFailure("no power law with a floor passes through these \(p) points: \(problem)")
        }
        var parameters = try optimum(law, data, answer: VariableProjection.solve(x: data.x, y: data.y))
        // Polish: Levenberg–Marquardt from the projection's optimum (as scipy would finish), kept
        // only when it lowers the residual and stays in the law's bounds.
        if !interpolation, let polished = LevenbergMarquardt.minimize(start: parameters, count: data.count, model: LeastSquaresModel(law: law, data: data)),
           (try? checkBounds(law, polished)) != nil,
           residualSum(law, polished, data) <= residualSum(law, parameters, data) {
            parameters = polished
        }
        try checkBounds(law, parameters)
        let errors = interpolation ? nil : standardErrors(law, parameters, data)

        // Bootstrap: each resample by the same projection, walking from the full fit's exponent.
        let draws = interpolation ? BootstrapDraws(samples: 0) : bootstrap(data, samples: options.bootstrapSamples, seed: options.seed, needed: p) { resample in
            let answer = VariableProjection.solve(x: resample.x, y: resample.y, from: law.exponent(parameters))
            guard let refit = try? optimum(law, resample, answer: answer), (try? checkBounds(law, refit)) != nil else { return nil }
            return refit
        }
        return summarize(law, data, parameters: parameters, standardErrors: errors, draws: draws, seed: options.seed)
    }

    /// The law's parameters for the projection's answer, or why the points determine none.
    private static func optimum(_ law: some LeastSquaresLaw, _ data: FitData, answer: VariableProjection.Answer) throws -> [Double] {
        switch answer {
        case let .optimum(solution):
            let parameters = law.parameters(k: solution.k, b: solution.b, c: solution.c)
            if let minimum = law.floorMinimum, solution.c < minimum {
                throw floorUndetermined(law, data, because: "the best fit puts the floor \(law.floorName) at \(NumberFormat.prose(solution.c)), below \(NumberFormat.prose(minimum))")
            }
            return parameters
        case .floorUndetermined:
            throw floorUndetermined(law, data, because: "the points lie along a straight line in log x (the best exponent is below \(VariableProjection.smallestExponent), where the floor runs to −∞)")
        case .steeperThanAllowed:
            let shape = PointShape.problem(x: data.x, y: data.y).map { "; \($0)" } ?? ""
            throw FitFailure("no power law with a floor and exponent b ≤ \(NumberFormat.prose(VariableProjection.largestExponent)) passes near these points: they fall and flatten more abruptly than x^(−\(NumberFormat.prose(VariableProjection.largestExponent)))\(shape)")
        case .doesNotFall:
            let shape = PointShape.problem(x: data.x, y: data.y).map { ": \($0)" } ?? ""
            throw FitFailure("no power law with a floor passes near these points: they do not fall with x\(shape)")
        }
    }

    private static func floorUndetermined(_ law: some LeastSquaresLaw, _ data: FitData, because reason: String) -> FitFailure {
        let slope = VariableProjection.slopePerDoubling(x: data.x, y: data.y) ?? 0
        return FitFailure("the floor \(law.floorName) is not determined: \(reason); what the points determine is their slope, \(NumberFormat.prose(slope)) per doubling of x",
                          kind: .floorUndetermined(slopePerDoubling: slope))
    }

    private static func residualSum(_ law: some LeastSquaresLaw, _ parameters: [Double], _ data: FitData) -> Double {
        data.x.indices.reduce(0) { $0 + pow(law.predict(parameters, x: data.x[$1], x2: 0) - data.y[$1], 2) }
    }

    /// s²·(JᵀJ)⁻¹ at the optimum, s² = RSS/(m − n), as scipy's `curve_fit` reports; nil when J
    /// is rank-deficient.
    private static func standardErrors(_ law: some LeastSquaresLaw, _ parameters: [Double], _ data: FitData) -> [Double]? {
        let p = parameters.count
        var row = [Double](repeating: 0, count: p)
        let jacobian = data.x.map { x -> [Double] in
            row.withUnsafeMutableBufferPointer { law.gradient(parameters, x: x, into: $0.baseAddress!, stride: 1) }
            return row
        }
        guard let inverse = SymmetricMatrix.inverse(SymmetricMatrix.gram(jacobian)) else { return nil }
        let s2 = residualSum(law, parameters, data) / Double(data.count - p)
        return (0..<p).map { (s2 * inverse[$0][$0]).squareRoot() }
    }

    // MARK: Chinchilla, in log space with the Huber loss

    /// The starts of the grid from which L-BFGS descends: the grid's objective is evaluated at
    /// every point once, and only the best `chinchillaDescents` are followed (the tests check
    /// that the optimum equals the one from every start, on Epoch's data and the study's).
    private static func chinchilla(_ data: FitData, options: FitOptions) throws -> Fit {
        let problem = ChinchillaProblem(data)
        let grid = options.chinchillaGrid.points
        let values = try parallelMap(grid) { problem.value($0) }
        let order = grid.indices.filter { values[$0].isFinite }.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let starts = order.prefix(options.chinchillaDescents).map { grid[$0] }
        let results = try parallelMap(starts) { LBFGSMinimizer.minimize(start: $0, objective: problem.objective) }
        var best: (x: [Double], value: Double)?
        // Strictly better only: ties keep the better-ranked start, so the result is deterministic.
        for result in results.compactMap({ $0 }) where best == nil || result.value < best!.value { best = result }
        guard let theta = best?.x else {
            throw FitFailure("no start of the grid descends to a finite optimum: the points do not determine the law")
        }
        let parameters = ChinchillaLaw.parameters(fromTheta: theta)
        try checkBounds(ChinchillaLaw(), parameters)
        let draws = bootstrap(data, samples: options.chinchillaBootstrapSamples, seed: options.seed, needed: 5, twoInputs: true) { resample in
            guard let refit = LBFGSMinimizer.minimize(start: theta, objective: ChinchillaProblem(resample).objective) else { return nil }
            let values = ChinchillaLaw.parameters(fromTheta: refit.x)
            return (try? checkBounds(ChinchillaLaw(), values)) != nil ? values : nil
        }
        return summarize(ChinchillaLaw(), data, parameters: parameters, standardErrors: problem.standardErrors(theta), draws: draws, seed: options.seed)
    }

    // MARK: shared

    private struct BootstrapDraws {
        var samples: Int
        var draws: [[Double]] = []
        var failures = 0
    }

    /// Refits on `samples` resamples of the points, drawn with a fixed seed before any refit
    /// and refitted on every core, so the draws do not depend on timing.
    private static func bootstrap(_ data: FitData, samples: Int, seed: UInt64, needed: Int, twoInputs: Bool = false,
                                  _ one: (FitData) -> [Double]?) -> BootstrapDraws {
        var rng = SplitMix64(seed: seed)
        let resamples = (0..<samples).map { _ in (0..<data.count).map { _ in rng.index(below: data.count) } }
        let refits = (try? parallelMap(resamples) { indices -> [Double]? in
            // A resample with fewer distinct points than parameters cannot determine the law:
            // a failed refit, without running the search.
            guard Set(indices.map { data.x[$0] }).count >= needed || (twoInputs && Set(indices).count >= needed) else { return nil }
            return one(data.subset(indices))
        }) ?? []
        return BootstrapDraws(samples: samples, draws: refits.compactMap { $0 }, failures: refits.filter { $0 == nil }.count)
    }

    private static func summarize(_ law: some ScalingLaw, _ data: FitData, parameters: [Double], standardErrors: [Double]?,
                                  draws: BootstrapDraws, seed: UInt64) -> Fit {
        // Intervals only when most refits succeeded; otherwise they would describe a biased subset.
        var intervals: [ClosedRange<Double>]?
        if draws.samples > 0, draws.draws.count * 2 > draws.samples {
            intervals = parameters.indices.map { j in
                let values = draws.draws.map { $0[j] }
                return Percentile.of(values, 0.025)...Percentile.of(values, 0.975)
            }
        }
        let fitted = data.y.indices.map { law.predict(parameters, x: data.x[$0], x2: data.x2?[$0] ?? 0) }
        let meanY = data.y.reduce(0, +) / Double(data.count)
        let rss = zip(data.y, fitted).reduce(0) { $0 + pow($1.0 - $1.1, 2) }
        let tss = data.y.reduce(0) { $0 + pow($1 - meanY, 2) }
        return Fit(
            law: law.kind, formula: law.formula, parameterNames: law.parameterNames, parameters: parameters,
            standardErrors: standardErrors, intervals: intervals,
            r2: tss > 0 ? 1 - rss / tss : (rss == 0 ? 1 : 0), rmse: (rss / Double(data.count)).squareRoot(),
            data: data, fitted: fitted,
            bootstrap: BootstrapSummary(samples: draws.samples, failures: draws.failures, seed: seed), bootstrapDraws: draws.draws)
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
        if law.inputCount == 1, Set(data.x).count < p {
            throw FitFailure("\(Set(data.x).count) distinct x value(s); the law has \(p) parameters, so its curve is not determined")
        }
        guard Set(data.x).count >= 2 || (law.inputCount == 2 && Set(data.x2 ?? []).count >= 2) else {
            throw FitFailure("all points share the same x; the curve is not determined")
        }
    }

    private static func checkBounds(_ law: any ScalingLaw, _ parameters: [Double]) throws {
        for (j, range) in law.bounds.enumerated() where !range.contains(parameters[j]) || !parameters[j].isFinite {
            throw FitFailure("the best fit puts \(law.parameterNames[j]) at \(NumberFormat.prose(parameters[j].isFinite ? parameters[j] : 0)), outside the law's range \(range.lowerBound) … \(range.upperBound): the points do not determine the law there")
        }
    }
}

/// Chinchilla's objective on one set of points, with the logs taken once.
private struct ChinchillaProblem {
    let logN: [Double], logD: [Double], logY: [Double]

    init(_ data: FitData) {
        logN = data.x.map { log($0) }
        logD = data.x2!.map { log($0) }
        logY = data.y.map { log($0) }
    }

    var objective: LBFGSMinimizer.Objective {
        { ChinchillaLaw.objective($0, logN: logN, logD: logD, logY: logY) }
    }

    func value(_ theta: [Double]) -> Double {
        ChinchillaLaw.objective(theta, logN: logN, logD: logD, logY: logY).value
    }

    /// Gauss–Newton covariance of the log-space residuals at the optimum, mapped to
    /// (E, A, α, B, β) by the delta method; nil with as many points as parameters.
    func standardErrors(_ theta: [Double]) -> [Double]? {
        let n = logY.count, p = 5
        guard n > p else { return nil }
        var jacobian: [[Double]] = []
        var rss = 0.0
        for i in 0..<n {
            let (r, g) = ChinchillaLaw.residual(theta, logN: logN[i], logD: logD[i], logY: logY[i])
            jacobian.append(g)
            rss += r * r
        }
        guard let inverse = SymmetricMatrix.inverse(SymmetricMatrix.gram(jacobian)) else { return nil }
        let parameters = ChinchillaLaw.parameters(fromTheta: theta)
        let s2 = rss / Double(n - p)
        let e = (0..<p).map { (s2 * inverse[$0][$0]).squareRoot() }
        return [parameters[0] * e[0], parameters[1] * e[1], e[2], parameters[3] * e[3], e[4]]
    }
}

/// What makes points unfit for a falling power law with a floor, in words: they must fall
/// with x and flatten (be convex). nil when they do both. Points of equal x are averaged.
enum PointShape {
    static func problem(x: [Double], y: [Double]) -> String? {
        let grouped = Dictionary(grouping: x.indices, by: { x[$0] }).map { key, indices in
            (x: key, y: indices.reduce(0) { $0 + y[$1] } / Double(indices.count))
        }.sorted { $0.x < $1.x }
        guard grouped.count >= 2 else { return nil }
        func point(_ p: (x: Double, y: Double)) -> String { "(\(NumberFormat.prose(p.x)), \(NumberFormat.prose(p.y)))" }
        for (a, b) in zip(grouped, grouped.dropFirst()) where b.y >= a.y {
            return "y does not fall from x = \(NumberFormat.prose(a.x)) to \(NumberFormat.prose(b.x)) (\(NumberFormat.prose(a.y)) → \(NumberFormat.prose(b.y))); the points (x, y): " + grouped.map(point).joined(separator: ", ")
        }
        let slopes = zip(grouped, grouped.dropFirst()).map { ($1.y - $0.y) / ($1.x - $0.x) }
        for i in slopes.indices.dropLast() where slopes[i + 1] <= slopes[i] {
            return "the fall does not flatten: it is as steep or steeper from x = \(NumberFormat.prose(grouped[i + 1].x)) to \(NumberFormat.prose(grouped[i + 2].x)) as before; the points (x, y): " + grouped.map(point).joined(separator: ", ")
        }
        return nil
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
