import Foundation

/// How far the paper can be reproduced from this data: how the headline numbers move with
/// the shape rule, Table 4 recomputed, the digitized points against the cost model, and the
/// published Appendix I fits checked against each other.
public struct Reproduction: Sendable {
    public struct RuleRow: Sendable {
        public var rule: String
        public var memory: Double?
        public var flops: Double?
        public var lossGap: Double?
    }

    public struct Table4Cell: Sendable {
        public var loss: Double
        public var context: Int
        public var paper: HeadConfiguration
        public var computed: HeadConfiguration?
        /// Whether the paper's winner is among the curves this data has.
        public var paperCandidateCovered: Bool
        public var matches: Bool { computed == paper }
    }

    public struct Residual: Sendable {
        public var source: String
        public var label: String
        public var quantity: String
        public var digitized: Double
        public var computed: Double
        public var precision: Double
        public var percent: Double { 100 * (digitized / computed - 1) }
        /// Within twice the stated 1σ precision.
        public var withinPrecision: Bool { abs(percent) <= 200 * precision }
    }

    public var rules: [RuleRow] = []
    /// The aspect ratio d/L at which each headline number comes out as printed.
    public var aspectForPaperMemory: Double?
    public var aspectForPaperFlops: Double?
    public var table4: [Table4Cell] = []
    public var candidatesCovered: [HeadConfiguration] = []
    public var candidatesMissing: [HeadConfiguration] = []
    public var residuals: [Residual] = []
    public var crossings: [(first: String, second: String, heads: Double?)] = []
    /// Largest gap between the two published 470M-at-1K fits over 1 ≤ n_h ≤ 128, and where.
    public var appendixIGap: (gap: Double, heads: Double)?

    /// The paper's candidate set (§4.1): n_h, n_kv ∈ {1, 2, 4, 8, 16, 32}, n_kv ≤ n_h.
    public static let paperCandidates: [HeadConfiguration] = {
        let powers = [1, 2, 4, 8, 16, 32]
        return powers.flatMap { nh in powers.filter { $0 <= nh }.map { HeadConfiguration(queryHeads: nh, kvHeads: $0) } }
    }()
}

/// Computes the `Reproduction` from the fits, claims and published tables.
public struct ReproductionStep: BuildStep {
    public init() {}

    public var name: String { "reproduce the paper's tables" }

    public func run(_ context: inout BuildContext) throws {
        var r = Reproduction()
        let inputs = ClaimInputs(fits: context.curveFits, digitized: context.digitized, runs: context.runs, options: context.options)
        shapeRules(&r, context, inputs)
        table4(&r, context)
        residuals(&r, context)
        appendixI(&r, context)
        context.reproduction = r
    }

    private func declaration(_ context: BuildContext, _ name: String, quantity: String? = nil) -> ComputationSpec? {
        context.claims.map(\.declaration.computation).first { spec in
            spec.name == name && (quantity == nil || spec.optionalString("quantity") == quantity)
        }
    }

    private func shapeRules(_ r: inout Reproduction, _ context: BuildContext, _ inputs: ClaimInputs) {
        guard let spec = declaration(context, ReductionAtEqualLoss.name, quantity: "memory"),
              var comparison = try? EqualLossComparison(spec) else { return }
        let gap = declaration(context, LossGapAtEqualCost.name).flatMap { try? LossGapAtEqualCost($0) }
        func row(_ rule: ShapeRule) -> Reproduction.RuleRow {
            comparison.rule = rule
            guard case let .success(resolved) = comparison.resolve(inputs, source: context.curveSource) else { return .init(rule: rule.name) }
            return .init(rule: rule.name,
                         memory: comparison.reduction("memory", convention: "per-token", trainingContext: nil, resolved, options: context.options),
                         flops: comparison.reduction("flops", convention: "per-token", trainingContext: nil, resolved, options: context.options),
                         lossGap: gap?.compute(inputs, rule: rule, source: context.curveSource).value)
        }
        r.rules = ShapeRule.sensitivity(recipe: context.paper.recipeShapeRule).map(row)
        // The fixed d/L at which each printed number comes out (NOTES: about 112).
        func aspect(_ quantity: String, _ target: Double) -> Double? {
            RootFinder.roots(in: log(20), log(400), steps: 80) { u in
                comparison.rule = ShapeRule(aspectRatio: exp(u))
                guard case let .success(resolved) = comparison.resolve(inputs, source: context.curveSource),
                      let value = comparison.reduction(quantity, convention: "per-token", trainingContext: nil, resolved, options: context.options)
                else { return .nan }
                return value - target
            }.first.map(exp)
        }
        r.aspectForPaperMemory = aspect("memory", 50.8)
        r.aspectForPaperFlops = aspect("flops", 57.8)
    }

    private func table4(_ r: inout Reproduction, _ context: BuildContext) {
        let paper = context.paper
        let covered = Set(context.curveFits.compactMap { o -> HeadConfiguration? in
            let s = o.selection
            let mine = context.curveSource == .runs ? s.source == .runs : s.sourceID == "figure-2"
            return s.law == .sizeLaw && o.fit != nil && mine ? s.heads : nil
        })
        r.candidatesCovered = Reproduction.paperCandidates.filter(covered.contains)
        r.candidatesMissing = Reproduction.paperCandidates.filter { !covered.contains($0) }
        for (row, loss) in paper.table4Losses.enumerated() {
            for (column, t) in paper.table4Contexts.enumerated() {
                let recommendation = Recommendation.make(
                    fits: context.curveFits, search: CostOptimalSearch(context: t, targetLoss: loss, objective: .z, hardwareCost: context.options.hardwareCost),
                    source: context.recommendationSource, intervals: false)
                var computed: HeadConfiguration?
                if let winner = recommendation.winner, case let .fixed(h) = recommendation.candidates[winner].curve.family { computed = h }
                let expected = paper.table4[row][column]
                r.table4.append(.init(loss: loss, context: t, paper: expected, computed: computed, paperCandidateCovered: covered.contains(expected)))
            }
        }
    }

    private func residuals(_ r: inout Reproduction, _ context: BuildContext) {
        let options = context.options
        for source in context.digitized {
            guard let convention = CostConvention.all(bytesPerValue: options.bytesPerValue).first(where: { $0.id == source.costConvention }) else { continue }
            for point in source.points {
                guard let model = point.model else { continue }
                let cost = InferenceCost(model, parameters: ParameterConvention.paperFormula.count(model), context: source.context, convention: convention)
                let label = "\(point.series) L=\(model.layers)"
                if let m = point.memory { r.residuals.append(.init(source: source.id, label: label, quantity: "memory", digitized: m, computed: cost.memory, precision: point.costPrecision)) }
                if let f = point.flops { r.residuals.append(.init(source: source.id, label: label, quantity: "FLOPs", digitized: f, computed: cost.flops, precision: point.costPrecision)) }
                if let z = point.z, convention.id == options.zConvention.id {
                    // Z is read on a finer axis: half the relative error of memory and FLOPs.
                    r.residuals.append(.init(source: source.id, label: label, quantity: "Z", digitized: z, computed: options.hardwareCost.z(cost), precision: point.costPrecision / 2))
                }
            }
        }
    }

    private func appendixI(_ r: inout Reproduction, _ context: BuildContext) {
        let fits = context.paper.appendixIFits
        func value(_ f: (label: String, model: String, context: Int, a: Double, b: Double, c: Double), _ n: Double) -> Double { f.a * pow(n, f.b) + f.c }
        let bySize = fits.filter { $0.context == 1024 && !$0.label.contains("c = ") }
        for (i, p) in bySize.enumerated() {
            for q in bySize[(i + 1)...] {
                let root = RootFinder.roots(in: 0, 40) { u in value(p, pow(2, u)) - value(q, pow(2, u)) }.first
                r.crossings.append((p.label, q.label, root.map { pow(2, $0) }))
            }
        }
        if let a = fits.first(where: { $0.model == "470M" && $0.context == 1024 && !$0.label.contains("c = ") }),
           let b = fits.first(where: { $0.model == "470M" && $0.context == 1024 && $0.label.contains("c = ") }) {
            let heads = FigureData.logSpace(1, 128, count: 200)
            let gaps = heads.map { abs(value(a, $0) - value(b, $0)) }
            let worst = gaps.indices.max { gaps[$0] < gaps[$1] }!
            r.appendixIGap = (gaps[worst], heads[worst])
        }
    }
}
