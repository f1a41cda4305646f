import Foundation

/// C9: at the same Z as the baseline model, how much lower is the candidate's loss? The
/// candidate's size is the one whose shape has the baseline's Z (solved with MINPACK's
/// hybrd1); its loss comes from its fitted L(N); the baseline's loss from its own fitted
/// curve at its size. The value is baseline loss − candidate loss.
struct LossGapAtEqualCost: ClaimComputation {
    static let name = "loss-gap-at-equal-cost"
    let candidate: String
    let baselineCurve: String
    let baselineFamily: HeadFamily
    let baseline: ModelConfig
    let context: Int
    let rule: ShapeRule

    init(_ spec: ComputationSpec) throws {
        candidate = try spec.string("candidate")
        baselineCurve = try spec.string("baselineCurve")
        baselineFamily = try CurveReference.family(try spec.string("baselineFamily"), spec: spec)
        baseline = try spec.baselineModel()
        context = try spec.integer("context")
        rule = ShapeRule(aspectRatio: try spec.number("aspectRatio"))
    }

    var dataSources: [DataSource] { [.runs, .digitized] }

    func uncertainty(source: DataSource) -> UncertaintySource { .fitBootstrap }

    func underShapeRules(_ inputs: ClaimInputs, source: DataSource) -> [(rule: String, value: Double)]? {
        inputs.shapeRules.compactMap { rule in compute(inputs, rule: rule, source: source).value.map { (rule.name, $0) } }
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        compute(inputs, rule: rule)
    }

    func compute(_ inputs: ClaimInputs, source: DataSource) -> ComputedClaim {
        compute(inputs, rule: rule, source: source)
    }

    func compute(_ inputs: ClaimInputs, rule: ShapeRule, source: DataSource = .digitized) -> ComputedClaim {
        let candidate = CurveReference.reference(self.candidate, in: source)
        let baselineCurve = CurveReference.reference(self.baselineCurve, in: source)
        let basis = "cost model + size-law fits of \(candidate) and \(baselineCurve), Z in figure-2 units"
        let curve: SizeCurve, base: SizeCurve
        switch (CurveReference.sizeCurve(candidate, family: nil, in: inputs.fits),
                CurveReference.sizeCurve(baselineCurve, family: baselineFamily, in: inputs.fits)) {
        case let (.success(c), .success(b)): (curve, base) = (c, b)
        case let (.failure(missing), _), let (_, .failure(missing)): return .cannotBeChecked(missing.description, basis: basis)
        }
        let options = inputs.options, convention = options.zConvention
        let baselineN = ParameterConvention.paperFormula.count(baseline)
        let targetZ = options.hardwareCost.z(InferenceCost(baseline, parameters: baselineN, context: context, convention: convention))
        func z(_ n: Double) -> Double? {
            (try? rule.shape(parameters: n, family: curve.family)).map { options.hardwareCost.z($0.cost(context: context, convention: convention)) }
        }
        guard let logN = RootFinder.solve(from: log(baselineN), { z(exp($0)).map { $0 / targetZ - 1 } ?? .nan }) else {
            return .cannotBeChecked("no size of \(curve.label) has the baseline's Z = \(NumberFormat.real(targetZ))", basis: basis)
        }
        let n = exp(logN)
        let candidateLoss = curve.fit.predict(x: n), baselineLoss = base.fit.predict(x: baselineN)
        var result = ComputedClaim(value: baselineLoss - candidateLoss, basis: basis)
        if inputs.valueOnly { return result }
        result.extrapolations = [curve.extrapolation(at: n), base.extrapolation(at: baselineN)].compactMap { $0 }
        result.details = [
            "baseline \(baseline.heads), L = \(baseline.layers), d = \(baseline.hiddenSize): N = \(NumberFormat.real(baselineN)), Z = \(String(format: "%.0f", targetZ)) at T = \(context), loss \(String(format: "%.4f", baselineLoss)) on the \(baselineCurve) fit",
            "\(curve.label) at the same Z (\(rule.name)): N = \(NumberFormat.real(n)), loss \(String(format: "%.4f", candidateLoss)) on its fit (E = \(String(format: "%.4f", curve.fit.parameter("E")!)))",
        ]
        return result
    }
}

/// C11: the share of inference memory taken by the KV cache for one configuration at one
/// context length (cost model), in %.
struct KVCacheShare: ClaimComputation {
    static let name = "kv-cache-share"

    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("the cost model alone: exact arithmetic on the configurations, with nothing estimated from noisy points")
    }
    let model: ModelConfig
    let context: Int

    init(_ spec: ComputationSpec) throws {
        model = ModelConfig(layers: try spec.integer("layers"), hiddenSize: try spec.integer("hidden"),
                            queryHeads: try spec.integer("queryHeads"), kvHeads: try spec.integer("kvHeads"))
        context = try spec.integer("context")
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        let n = inputs.options.parameterConvention.count(model)
        let cost = InferenceCost(model, parameters: n, context: context, convention: .perToken())
        var result = ComputedClaim(value: 100 * cost.variantMemoryShare, basis: "cost model (Eq. 4)")
        result.details = [
            "L = \(model.layers), d = \(model.hiddenSize), H = \(model.heads), N = \(NumberFormat.real(n)), T = \(context)",
            "weights \(NumberFormat.real(cost.memoryInvariant)) values, KV cache \(NumberFormat.real(cost.memoryVariant)) values",
        ]
        return result
    }
}

/// C12: training throughput of two head configurations at a long context, from the runs'
/// iteration times: tokens per step / median `efficiency/iter_time`. The value is the ratio
/// candidate / baseline. Without such runs the claim says which logs would decide it.
struct ThroughputRatio: ClaimComputation {
    static let name = "training-throughput-ratio"

    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("it is read from the runs' logged iteration times as they are; one run per configuration gives no estimate of their spread")
    }
    let candidate: HeadConfiguration
    let baseline: HeadConfiguration
    let context: Int

    init(_ spec: ComputationSpec) throws {
        guard case let .fixed(c) = try CurveReference.family("fixed:" + (try spec.string("candidate")), spec: spec),
              case let .fixed(b) = try CurveReference.family("fixed:" + (try spec.string("baseline")), spec: spec)
        else { throw spec.error("candidate and baseline must be n_h,n_kv") }
        candidate = c
        baseline = b
        context = try spec.integer("context")
    }

    var dataSources: [DataSource] { [.runs] }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        func throughput(_ heads: HeadConfiguration) -> (String, Double)? {
            // A run whose training context is unknown cannot show it was trained at T.
            let runs = inputs.runs.filter { !$0.isExample && $0.model.heads == heads && ($0.training.contextLength ?? 0) >= context }
            for run in runs {
                guard let time = run.metrics.medianIterationTime, let tokens = run.training.tokensPerStep else { continue }
                return (run.name, Double(tokens) / time)
            }
            return nil
        }
        guard let (ours, a) = throughput(candidate), let (theirs, b) = throughput(baseline) else {
            return .cannotBeChecked(
                "needs training logs at T ≥ \(context) with iteration times (the trainer's 'time' field or efficiency/iter_time) for H = \(baseline) and H = \(candidate), on the same hardware; no such runs (examples excepted) are in the runs folders",
                basis: "runs' iteration times")
        }
        var result = ComputedClaim(value: a / b, basis: "runs' iteration times")
        result.details = ["\(ours): \(String(format: "%.0f", a)) tokens/s", "\(theirs): \(String(format: "%.0f", b)) tokens/s"]
        return result
    }
}

/// C10: the training-compute-aligned comparison of the paper's Figure 4 needs runs trained at
/// 128K with equal training FLOPs per head configuration; this computation looks for them and
/// says what is missing.
struct AlignedTrainingComparison: ClaimComputation {
    static let name = "training-aligned-reduction"

    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("it is read from the runs' final losses as logged; one run per configuration gives no estimate of their spread")
    }
    let context: Int

    init(_ spec: ComputationSpec) throws {
        context = try spec.integer("context")
    }

    var dataSources: [DataSource] { [.runs] }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        let runs = inputs.runs.filter { !$0.isExample && ($0.training.contextLength ?? 0) >= context }
        let configurations = Set(runs.map(\.model.heads))
        if configurations.count < 2 {
            return .cannotBeChecked(
                "needs runs trained at T = \(context) for several head configurations with equal training FLOPs (the paper's Figure 4), with their final losses; \(runs.count) non-example run(s) in the runs folders were trained at that context",
                basis: "runs trained at 128K")
        }
        return .cannotBeChecked(
            "\(runs.count) runs at T = \(context) over \(configurations.count) head configurations are present, but this version does not yet align them by training FLOPs; the claim is left unchecked rather than computed another way",
            basis: "runs trained at 128K")
    }
}
