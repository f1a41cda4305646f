import Foundation

/// Fits a law to data: the optimum, standard errors from the Jacobian, bootstrap intervals,
/// R² and RMSE. Throws `FitFailure` with a reason a person can act on.
public enum CurveFitter {
    public static func fit(_ kind: LawKind, _ data: FitData, options: FitOptions = FitOptions()) throws -> Fit {
        let law = kind.law
        try validate(law, data)
        if let law = law as? any LeastSquaresLaw { return try projected(law, data, options: options) }
        return try chinchilla(law as! ChinchillaLaw, data, options: options)
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
        var parameters = try optimum(law, data, answer: VariableProjection.solve(x: data.x, y: data.y)).get()
        // Polish: Levenberg–Marquardt from the projection's optimum (as scipy would finish), kept
        // only when it lowers the residual and stays in the law's bounds.
        if !interpolation, let polished = LevenbergMarquardt.minimize(start: parameters, count: data.count, model: LeastSquaresModel(law: law, data: data)),
           outsideBounds(law, polished) == nil,
           residualSum(law, polished, data) <= residualSum(law, parameters, data) {
            parameters = polished
        }
        if let failure = outsideBounds(law, parameters) { throw failure }
        let jacobian = self.jacobian(law, parameters, data)
        let errors = Covariance.standardErrors(jacobian: jacobian, rss: residualSum(law, parameters, data), names: law.parameterNames)

        // Bootstrap: each refit by the same projection, walking from the full fit's exponent.
        let fitted = data.x.map { law.predict(parameters, x: $0, x2: 0) }
        let scheme: Resampling.Scheme = BootstrapMethod.suited(to: data, inputCount: 1, minimumDistinct: options.caseResamplingMinimumDistinct) == .cases
            ? .cases : .residuals(fitted: fitted, residuals: Resampling.adjustedResiduals(zip(data.y, fitted).map { $0 - $1 }, jacobian: jacobian))
        let draws = interpolation ? nil : Resampling.run(scheme, data, samples: options.bootstrapSamples, seed: options.seed, needed: p) { resample in
            switch optimum(law, resample, answer: VariableProjection.solve(x: resample.x, y: resample.y, from: law.exponent(parameters))) {
            case let .success(refit): return outsideBounds(law, refit).map { _ in .failed("a parameter left the law's range") } ?? .parameters(refit)
            case let .failure(failure): return .failed(failure.refitReason)
            }
        }
        return summarize(law, data, parameters: parameters, standardErrors: errors, draws: draws, seed: options.seed)
    }

    /// The law's parameters for the projection's answer, or why the points determine none.
    private static func optimum(_ law: some LeastSquaresLaw, _ data: FitData, answer: VariableProjection.Answer) -> Result<[Double], FitFailure> {
        switch answer {
        case let .optimum(solution):
            let parameters = law.parameters(k: solution.k, b: solution.b, c: solution.c)
            if let minimum = law.floorMinimum, solution.c < minimum {
                return .failure(floorUndetermined(law, data, because: "the best fit puts the floor \(law.floorName) at \(NumberFormat.prose(solution.c)), below \(NumberFormat.prose(minimum))",
                                                  short: "the floor \(law.floorName) fell below \(NumberFormat.prose(minimum))"))
            }
            return .success(parameters)
        case .floorUndetermined:
            return .failure(floorUndetermined(law, data, because: "the points lie along a straight line in log x (the best exponent is below \(VariableProjection.smallestExponent), where the floor runs to −∞)",
                                              short: "the points lay along a straight line in log x"))
        case .steeperThanAllowed:
            let shape = PointShape.problem(x: data.x, y: data.y).map { "; \($0)" } ?? ""
            return .failure(FitFailure("no power law with a floor and exponent b ≤ \(NumberFormat.prose(VariableProjection.largestExponent)) passes near these points: they fall and flatten more abruptly than x^(−\(NumberFormat.prose(VariableProjection.largestExponent)))\(shape)",
                                       refitReason: "the points bent more sharply than x^(−\(NumberFormat.prose(VariableProjection.largestExponent)))"))
        case .doesNotFall:
            let shape = PointShape.problem(x: data.x, y: data.y).map { ": \($0)" } ?? ""
            return .failure(FitFailure("no power law with a floor passes near these points: they do not fall with x\(shape)", refitReason: "the points did not fall with x"))
        }
    }

    private static func floorUndetermined(_ law: some LeastSquaresLaw, _ data: FitData, because reason: String, short: String) -> FitFailure {
        let slope = VariableProjection.slopePerDoubling(x: data.x, y: data.y) ?? 0
        return FitFailure("the floor \(law.floorName) is not determined: \(reason); what the points determine is their slope, \(NumberFormat.prose(slope)) per doubling of x",
                          kind: .floorUndetermined(slopePerDoubling: slope), refitReason: short)
    }

    private static func residualSum(_ law: some LeastSquaresLaw, _ parameters: [Double], _ data: FitData) -> Double {
        data.x.indices.reduce(0) { $0 + pow(law.predict(parameters, x: data.x[$1], x2: 0) - data.y[$1], 2) }
    }

    /// ∂ŷᵢ/∂p, one row a point.
    private static func jacobian(_ law: some LeastSquaresLaw, _ parameters: [Double], _ data: FitData) -> [[Double]] {
        var row = [Double](repeating: 0, count: parameters.count)
        return data.x.map { x -> [Double] in
            row.withUnsafeMutableBufferPointer { law.gradient(parameters, x: x, into: $0.baseAddress!, stride: 1) }
            return row
        }
    }

    // MARK: Chinchilla, in log space with the Huber loss (or squares)

    /// The starts of the grid from which L-BFGS descends: the grid's objective is evaluated at
    /// every point once, and only the best `chinchillaDescents` are followed (the tests check
    /// that the optimum equals the one from every start, on Epoch's data and the study's).
    private static func chinchilla(_ law: ChinchillaLaw, _ data: FitData, options: FitOptions) throws -> Fit {
        let problem = ChinchillaProblem(data, law: law, delta: options.chinchillaLoss.delta)
        let grid = law.startingPoints(options.chinchillaGrid)
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
        let parameters = law.parameters(fromTheta: theta)
        if let failure = outsideBounds(law, parameters) { throw failure }
        let draws = Resampling.run(.cases, data, samples: options.chinchillaBootstrapSamples, seed: options.seed, needed: law.parameterNames.count) { resample in
            guard let refit = LBFGSMinimizer.minimize(start: theta, objective: ChinchillaProblem(resample, law: law, delta: options.chinchillaLoss.delta).objective) else {
                return .failed("the descent did not converge")
            }
            let values = law.parameters(fromTheta: refit.x)
            return outsideBounds(law, values).map { _ in .failed("a parameter left the law's range") } ?? .parameters(values)
        }
        return summarize(law, data, parameters: parameters, standardErrors: problem.standardErrors(theta), draws: draws, seed: options.seed)
    }

    // MARK: shared

    private static func summarize(_ law: some ScalingLaw, _ data: FitData, parameters: [Double], standardErrors: Result<[Double], Covariance.Unavailable>,
                                  draws: BootstrapDraws?, seed: UInt64) -> Fit {
        let reasons = (draws?.failures ?? [:]).map { BootstrapSummary.FailureCount(reason: $0.key, count: $0.value) }
            .sorted { $0.count > $1.count || ($0.count == $1.count && $0.reason < $1.reason) }
        // Intervals only when most refits succeeded; otherwise they would describe a biased subset.
        var intervals: [ClosedRange<Double>]?
        let intervalNote: String?
        if let draws, draws.samples > 0, draws.draws.count * 2 > draws.samples {
            intervals = parameters.indices.map { j in
                let values = draws.draws.map { $0[j] }
                return Percentile.of(values, 0.025)...Percentile.of(values, 0.975)
            }
            intervalNote = nil
        } else if let draws {
            intervalNote = draws.samples == 0 ? "no resampling was asked for" : reasons.first.map {
                "\(draws.failureCount) of \(draws.samples) refits failed (most often: \($0.reason)), so intervals from the others would describe a biased subset"
            }
        } else {
            intervalNote = "an interpolation (as many points as parameters) is not resampled"
        }
        let fitted = data.y.indices.map { law.predict(parameters, x: data.x[$0], x2: data.x2?[$0] ?? 0) }
        let meanY = data.y.reduce(0, +) / Double(data.count)
        let rss = zip(data.y, fitted).reduce(0) { $0 + pow($1.0 - $1.1, 2) }
        let tss = data.y.reduce(0) { $0 + pow($1 - meanY, 2) }
        var errors: [Double]?, errorNote: String?
        switch standardErrors {
        case let .success(values): errors = values
        case let .failure(unavailable): errorNote = unavailable.reason
        }
        return Fit(
            law: law.kind, formula: law.formula, parameterNames: law.parameterNames, parameters: parameters,
            standardErrors: errors, standardErrorNote: errorNote, intervals: intervals, intervalNote: intervalNote,
            r2: tss > 0 ? 1 - rss / tss : (rss == 0 ? 1 : 0), rmse: (rss / Double(data.count)).squareRoot(),
            data: data, fitted: fitted,
            bootstrap: BootstrapSummary(samples: draws?.samples ?? 0, failures: draws?.failureCount ?? 0, seed: seed,
                                        method: (draws?.samples ?? 0) > 0 ? draws?.method : nil, failureReasons: reasons),
            bootstrapDraws: draws?.draws ?? [])
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
            if law.kind.isChinchilla, data.y[i] <= 0 {
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

    /// Why the parameters are no fit of the law (one outside its range), or nil.
    private static func outsideBounds(_ law: any ScalingLaw, _ parameters: [Double]) -> FitFailure? {
        for (j, range) in law.bounds.enumerated() where !range.contains(parameters[j]) || !parameters[j].isFinite {
            return FitFailure("the best fit puts \(law.parameterNames[j]) at \(NumberFormat.prose(parameters[j].isFinite ? parameters[j] : 0)), outside the law's range \(range.lowerBound) … \(range.upperBound): the points do not determine the law there")
        }
        return nil
    }
}

/// Chinchilla's objective on one set of points, with the logs taken once.
private struct ChinchillaProblem {
    let law: ChinchillaLaw
    let delta: Double
    let logN: [Double], logD: [Double], logY: [Double]

    init(_ data: FitData, law: ChinchillaLaw, delta: Double) {
        self.law = law
        self.delta = delta
        logN = data.x.map { log($0) }
        logD = data.x2!.map { log($0) }
        logY = data.y.map { log($0) }
    }

    var objective: LBFGSMinimizer.Objective {
        { [law, logN, logD, logY, delta] theta in
            let (value, gradient) = ChinchillaLaw.objective(law.fullTheta(theta), logN: logN, logD: logD, logY: logY, delta: delta)
            return (value, law.foldGradient(gradient))
        }
    }

    func value(_ theta: [Double]) -> Double {
        ChinchillaLaw.objective(law.fullTheta(theta), logN: logN, logD: logD, logY: logY, delta: delta).value
    }

    /// Gauss–Newton covariance of the log-space residuals at the optimum (in θ, whose scale
    /// parameters are already logarithms), mapped to E, A, B by the delta method (se(eᵗ) =
    /// eᵗ·se(t)).
    func standardErrors(_ theta: [Double]) -> Result<[Double], Covariance.Unavailable> {
        var jacobian: [[Double]] = []
        var rss = 0.0
        for i in logY.indices {
            let (r, g) = ChinchillaLaw.residual(law.fullTheta(theta), logN: logN[i], logD: logD[i], logY: logY[i])
            jacobian.append(law.foldGradient(g))
            rss += r * r
        }
        let parameters = law.parameters(fromTheta: theta)
        return Covariance.standardErrors(jacobian: jacobian, rss: rss, names: law.parameterNames).map { e in
            e.indices.map { j in j == 2 || j == 4 ? e[j] : parameters[j] * e[j] }
        }
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
