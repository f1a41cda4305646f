import Foundation

/// C5: is the Llama-3 GQA configuration cost-optimal at (L*, T)? Runs the paper's three-step
/// search over every fitted size-law curve of one source and compares the winner with the
/// baseline family at the same loss. The value is the winner's saving in the objective, in %
/// (positive: the baseline is suboptimal).
struct BaselineSuboptimal: ClaimComputation {
    static let name = "baseline-suboptimal"
    let search: CostOptimalSearch
    let candidates: String
    let baseline: String
    let baselineFamily: HeadFamily

    init(_ spec: ComputationSpec) throws {
        guard let objective = CostObjective(rawValue: spec.optionalString("objective") ?? "z") else {
            throw spec.error("objective must be memory, flops or z")
        }
        search = CostOptimalSearch(context: try spec.integer("context"), targetLoss: try spec.number("targetLoss"),
                                   objective: objective, shapeRule: ShapeRule(aspectRatio: try spec.number("aspectRatio")))
        candidates = try spec.string("candidates")
        baseline = try spec.string("baseline")
        baselineFamily = try CurveReference.family(try spec.string("baselineFamily"), spec: spec)
    }

    var dataSources: [DataSource] { [.runs, .digitized] }

    func uncertainty(source: DataSource) -> UncertaintySource { .fitBootstrap }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim { compute(inputs, source: .digitized) }

    func compute(_ inputs: ClaimInputs, source: DataSource) -> ComputedClaim {
        let candidates = CurveReference.reference(self.candidates, in: source)
        let baseline = CurveReference.reference(self.baseline, in: source)
        let curves = inputs.fits.compactMap { outcome -> SizeCurve? in
            let s = outcome.selection
            guard s.law == .sizeLaw, let fit = outcome.fit, let heads = s.heads,
                  candidates == "runs" ? s.source == .runs : (s.source == .digitized && s.sourceID == candidates)
            else { return nil }
            return SizeCurve(label: s.series ?? "H=\(heads)", family: .fixed(heads), fit: fit,
                             provenance: candidates == "runs" ? "runs" : "\(candidates) (digitized)")
        }
        let basis = "three-step search over the size-law fits of \(candidates) against \(baseline)"
        guard !curves.isEmpty else { return .cannotBeChecked("no fitted size-law curves from \(candidates)", basis: basis) }
        let baselineCurve: SizeCurve
        switch CurveReference.sizeCurve(baseline, family: baselineFamily, in: inputs.fits) {
        case let .failure(missing): return .cannotBeChecked(missing.description, basis: basis)
        case let .success(curve): baselineCurve = curve
        }
        let reference = search.evaluate(baselineCurve)
        let (found, winner) = search.search(curves)
        guard let winner, let best = found[winner].value(search.objective), let base = reference.value(search.objective) else {
            return .cannotBeChecked(reference.problem ?? "no candidate reaches loss \(search.targetLoss)", basis: basis)
        }
        var result = ComputedClaim(value: 100 * (1 - best / base), basis: basis)
        if inputs.valueOnly { return result }
        let objective = search.objective.rawValue
        result.details = found.map { c in
            c.value(search.objective).map { "\(c.curve.label): N* = \(NumberFormat.real(c.shape!.parameters)), \(objective) = \(NumberFormat.real($0))" }
                ?? "\(c.curve.label): \(c.problem ?? "no value")"
        }
        result.details.append("winner: \(found[winner].curve.label); baseline \(baselineFamily.description): N* = \(NumberFormat.real(reference.shape!.parameters)), \(objective) = \(NumberFormat.real(base))")
        result.extrapolations = found.compactMap { c in c.shape.flatMap { c.curve.extrapolation(at: $0.parameters, name: "N*") } }
            + (reference.shape.flatMap { baselineCurve.extrapolation(at: $0.parameters, name: "N*") }.map { [$0] } ?? [])
        result.details.append("only the configurations this data covers can win: \(curves.count) of the paper's 21 candidates")
        return result
    }
}
