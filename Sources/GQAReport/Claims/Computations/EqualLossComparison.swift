import Foundation

/// The comparison behind C1, C2 and C7: the candidate head configuration at the size N* its
/// fitted curve needs to reach the target loss, against a fixed baseline model (Llama-3.2-1B's
/// shape), both costed at context T.
struct EqualLossComparison: Sendable {
    var targetLoss: Double
    var context: Int
    var candidate: String
    var baseline: ModelConfig
    var rule: ShapeRule

    init(_ spec: ComputationSpec) throws {
        targetLoss = try spec.number("targetLoss")
        context = try spec.integer("context")
        candidate = try spec.string("candidate")
        baseline = try spec.baselineModel()
        rule = ShapeRule(aspectRatio: try spec.number("aspectRatio"))
    }

    struct Resolved {
        var curve: SizeCurve
        var shape: RealShape
        var baselineN: Double
    }

    static let minimumRunSizes = 4

    func resolve(_ inputs: ClaimInputs, source: DataSource) -> Result<Resolved, MissingData> {
        let candidate = CurveReference.reference(self.candidate, in: source)
        // N* lies beyond the fitted sizes: from runs, 4 sizes at least (3 parameters and one
        // to spare), as the sweep rule says (site/methods.html).
        switch CurveReference.sizeCurve(candidate, family: nil, in: inputs.fits, minimumSizes: Self.minimumRunSizes) {
        case let .failure(missing): return .failure(missing)
        case let .success(curve):
            guard let n = curve.size(reaching: targetLoss) else {
                return .failure(MissingData("the \(candidate) curve never reaches loss \(targetLoss): its fitted E is \(NumberFormat.real(curve.fit.parameter("E")!))"))
            }
            guard let shape = try? rule.shape(parameters: n, family: curve.family) else {
                return .failure(MissingData("no shape with \(rule.name) has N* = \(NumberFormat.real(n))"))
            }
            return .success(Resolved(curve: curve, shape: shape, baselineN: ParameterConvention.paperFormula.count(baseline)))
        }
    }

    /// 100·(1 − candidate/baseline) for one quantity under one convention.
    func reduction(_ quantity: String, convention: String, trainingContext: Int?, _ r: Resolved, options: BuildOptions) -> Double? {
        let baseline = self.baseline
        func inference(_ c: CostConvention) -> (InferenceCost, InferenceCost) {
            (r.shape.cost(context: context, convention: c), InferenceCost(baseline, parameters: r.baselineN, context: context, convention: c))
        }
        guard let c = CostConvention.all(bytesPerValue: options.bytesPerValue).first(where: { $0.id == convention }) else { return nil }
        switch quantity {
        case "memory":
            let (a, b) = inference(c)
            return 100 * (1 - a.memory / b.memory)
        case "flops":
            let (a, b) = inference(c)
            return 100 * (1 - a.flops / b.flops)
        case "z":
            let (a, b) = inference(options.zConvention)
            return 100 * (1 - options.hardwareCost.z(a) / options.hardwareCost.z(b))
        case "training-flops":
            // Same tokens for both models, so the ratio does not depend on D.
            let t = trainingContext ?? 8192
            let a = TrainingCost(parameters: r.shape.parameters, layers: r.shape.layers, hiddenSize: r.shape.hidden,
                                 queryHeads: r.shape.queryHeads, tokens: 1, context: t)
            let b = TrainingCost(baseline, parameters: r.baselineN, tokens: 1, context: t)
            return 100 * (1 - a.flopsTable8 / b.flopsTable8)
        default:
            return nil
        }
    }

    /// `value` of the comparison under each of the inputs' shape rules.
    func underShapeRules(_ inputs: ClaimInputs, source: DataSource, _ value: (EqualLossComparison, Resolved) -> Double?) -> [(rule: String, value: Double)] {
        inputs.shapeRules.compactMap { rule in
            var comparison = self
            comparison.rule = rule
            guard case let .success(resolved) = comparison.resolve(inputs, source: source), let v = value(comparison, resolved) else { return nil }
            return (rule.name, v)
        }
    }

    func extrapolations(_ r: Resolved) -> [String] {
        r.curve.extrapolation(at: r.shape.parameters, name: "N*").map { [$0] } ?? []
    }

    func details(_ r: Resolved) -> [String] {
        let f = r.curve.fit
        return [
            "N*(\(r.curve.label)) = \(NumberFormat.real(r.shape.parameters)) at loss \(NumberFormat.real(targetLoss)), from the size-law fit of \(r.curve.provenance): a = \(NumberFormat.real(f.parameter("a")!)), b = \(NumberFormat.real(f.parameter("b")!)), E = \(NumberFormat.real(f.parameter("E")!)), R² = \(String(format: "%.5f", f.r2))",
            "shape at \(rule.name): L = \(String(format: "%.2f", r.shape.layers)), d = \(String(format: "%.0f", r.shape.hidden))",
            "baseline: L = \(baseline.layers), d = \(baseline.hiddenSize), H = \(baseline.heads), N = \(NumberFormat.real(r.baselineN)) (paper formula)",
            "context T = \(context)",
        ]
    }

    static func quantityName(_ quantity: String, convention: String, trainingContext: Int?) -> String {
        switch quantity {
        case "z": return "Z (figure-2 units)"
        case "training-flops": return "training FLOPs (Table 8, same tokens, training context \(trainingContext ?? 8192))"
        default: return "\(quantity) (\(convention))"
        }
    }
}

/// C1, C2: the reduction of one inference cost at equal loss, recomputed with the cost model;
/// optionally also read off a figure's markers (a second reading in that figure's convention).
struct ReductionAtEqualLoss: ClaimComputation {
    static let name = "reduction-at-equal-loss"
    let comparison: EqualLossComparison
    let quantity: String
    let convention: String
    let digitizedCandidate: String?
    let digitizedBaseline: String?

    init(_ spec: ComputationSpec) throws {
        comparison = try EqualLossComparison(spec)
        quantity = try spec.string("quantity")
        guard ["memory", "flops", "z", "training-flops"].contains(quantity) else {
            throw spec.error("quantity must be memory, flops, z or training-flops")
        }
        convention = spec.optionalString("convention") ?? "per-token"
        digitizedCandidate = spec.optionalString("digitizedCandidate")
        digitizedBaseline = spec.optionalString("digitizedBaseline")
    }

    var dataSources: [DataSource] { [.runs, .digitized] }

    func uncertainty(source: DataSource) -> UncertaintySource { .fitBootstrap }

    func underShapeRules(_ inputs: ClaimInputs, source: DataSource) -> [(rule: String, value: Double)]? {
        comparison.underShapeRules(inputs, source: source) { comparison, resolved in
            comparison.reduction(quantity, convention: convention, trainingContext: nil, resolved, options: inputs.options)
        }
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim { compute(inputs, source: .digitized) }

    func compute(_ inputs: ClaimInputs, source: DataSource) -> ComputedClaim {
        let basis = "cost model + size-law fit of \(CurveReference.reference(comparison.candidate, in: source))"
        switch comparison.resolve(inputs, source: source) {
        case let .failure(missing):
            return .cannotBeChecked(missing.description, basis: basis)
        case let .success(resolved):
            var result = ComputedClaim(
                value: comparison.reduction(quantity, convention: convention, trainingContext: nil, resolved, options: inputs.options),
                basis: basis + " (\(EqualLossComparison.quantityName(quantity, convention: convention, trainingContext: nil)))")
            if inputs.valueOnly { return result }
            result.details = comparison.details(resolved)
            result.extrapolations = comparison.extrapolations(resolved)
            // The figure's own markers are a reading of the digitized data only.
            if source == .digitized, let reading = figureReading(inputs) {
                result.readings.append(reading)
                explainGap(reading, &result, resolved, options: inputs.options)
            }
            return result
        }
    }

    /// Where the figure's reading and the recomputed value differ, recompute in the figure's own
    /// cost convention: if that closes most of the gap, the convention explains it.
    private func explainGap(_ reading: Reading, _ result: inout ComputedClaim, _ resolved: EqualLossComparison.Resolved,
                            options: BuildOptions) {
        guard let value = result.value, reading.convention != convention,
              let same = comparison.reduction(quantity, convention: reading.convention, trainingContext: nil, resolved, options: options)
        else { return }
        result.readings.append(Reading(label: "cost model in the figure's convention", value: same, convention: reading.convention))
        let gap = abs(reading.value - value), left = abs(reading.value - same)
        guard gap > 1 else { return }
        if left < gap / 2 {
            result.details.append(String(format: "the %.1f-point gap between the recomputed value (%@ convention) and the figure's reading is the cost convention: in the figure's %@ convention the cost model gives %.1f%%, %.1f points from the reading", gap, convention as NSString, reading.convention as NSString, same, left))
        } else {
            result.details.append(String(format: "the %.1f-point gap between the recomputed value and the figure's reading is not a cost convention: in the figure's %@ convention the cost model gives %.1f%% too; the rest comes from the shape rule and the digitized losses", gap, reading.convention as NSString, same))
        }
    }

    /// The same reduction read straight off a figure's two markers ("figure-1:Llama-3 GQA#5").
    private func figureReading(_ inputs: ClaimInputs) -> Reading? {
        guard let digitizedCandidate, let digitizedBaseline else { return nil }
        func point(_ reference: String) -> (DigitizedSource, DigitizedPoint)? {
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let source = inputs.digitized.first(where: { $0.id == parts[0] }) else { return nil }
            let seriesAndIndex = parts[1].split(separator: "#").map(String.init)
            let points = source.points(in: seriesAndIndex[0])
            let index = seriesAndIndex.count == 2 ? Int(seriesAndIndex[1]) ?? 0 : 0
            return points.indices.contains(index) ? (source, points[index]) : nil
        }
        guard let (source, a) = point(digitizedCandidate), let (_, b) = point(digitizedBaseline) else { return nil }
        let value: Double?
        switch quantity {
        case "memory": value = a.memory.flatMap { m in b.memory.map { 100 * (1 - m / $0) } }
        case "flops": value = a.flops.flatMap { f in b.flops.map { 100 * (1 - f / $0) } }
        case "z": value = a.z.flatMap { z in b.z.map { 100 * (1 - z / $0) } }
        default: value = nil
        }
        return value.map {
            Reading(label: "read off \(source.id) markers (\(digitizedCandidate) vs \(digitizedBaseline)), digitized", value: $0,
                    convention: source.costConvention)
        }
    }
}

/// C7: several readings of a reduction at equal loss (inference memory, FLOPs under each
/// convention, Z, training compute); the value is the reading closest to `closestTo`, and every
/// reading is listed, so the verdict says which reading, if any, supports the figure.
struct ClosestReduction: ClaimComputation {
    static let name = "closest-reduction-at-equal-loss"
    let comparison: EqualLossComparison
    let closestTo: Double
    let readings: [(quantity: String, convention: String, trainingContext: Int?)]

    init(_ spec: ComputationSpec) throws {
        comparison = try EqualLossComparison(spec)
        closestTo = try spec.number("closestTo")
        readings = spec.items.filter { $0.element == "reading" }.map { item in
            let value = { (key: String) in item.attributes.first { $0.name == key }?.value }
            return (value("quantity") ?? "", value("convention") ?? "per-token", value("trainingContext").flatMap { Int($0) })
        }
        guard !readings.isEmpty else { throw spec.error("needs at least one <reading>") }
    }

    var dataSources: [DataSource] { [.runs, .digitized] }

    func uncertainty(source: DataSource) -> UncertaintySource { .fitBootstrap }

    func underShapeRules(_ inputs: ClaimInputs, source: DataSource) -> [(rule: String, value: Double)]? {
        comparison.underShapeRules(inputs, source: source) { comparison, resolved in
            readings.compactMap { r in comparison.reduction(r.quantity, convention: r.convention, trainingContext: r.trainingContext, resolved, options: inputs.options) }
                .min { abs($0 - closestTo) < abs($1 - closestTo) }
        }
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim { compute(inputs, source: .digitized) }

    func compute(_ inputs: ClaimInputs, source: DataSource) -> ComputedClaim {
        let basis = "cost model + size-law fit of \(CurveReference.reference(comparison.candidate, in: source))"
        switch comparison.resolve(inputs, source: source) {
        case let .failure(missing):
            return .cannotBeChecked(missing.description, basis: basis)
        case let .success(resolved):
            let values: [Reading] = readings.compactMap { r in
                comparison.reduction(r.quantity, convention: r.convention, trainingContext: r.trainingContext, resolved, options: inputs.options)
                    .map { Reading(label: EqualLossComparison.quantityName(r.quantity, convention: r.convention, trainingContext: r.trainingContext), value: $0, convention: r.convention) }
            }
            guard let closest = values.min(by: { abs($0.value - closestTo) < abs($1.value - closestTo) }) else {
                return .cannotBeChecked("no reading could be computed", basis: basis)
            }
            var result = ComputedClaim(value: closest.value, basis: basis + "; closest reading: \(closest.label)")
            if inputs.valueOnly { return result }
            result.readings = values
            result.details = comparison.details(resolved)
            result.extrapolations = comparison.extrapolations(resolved)
            return result
        }
    }
}
