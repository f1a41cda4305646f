/// Reads `Results/claims.xml` and gives every claim a verdict computed from the data.
///
/// A claim that can rest on either source is computed on both: the runs (examples excepted)
/// and the digitized points. Its setting (`auto`, `runs`, `digitized`; `--source` overrides
/// every claim's) picks the one that decides: `auto` takes the runs when they cover what the
/// claim needs and says what they lack otherwise. The other source's result stands beside it.
public struct ClaimsStep: BuildStep {
    public init() {}

    public var name: String { "evaluate claims" }

    public func run(_ context: inout BuildContext) throws {
        let (declarations, file) = try ClaimsFileReader(layout: context.layout).read()
        context.claimsFile = file
        let inputs = ClaimInputs(fits: context.fits, digitized: context.digitized, runs: context.runs, options: context.options,
                                 benchmarks: context.benchmarks, shapeRules: ShapeRule.sensitivity(recipe: context.paper.recipeShapeRule))
        let override = context.options.source
        let sweepChoice = SweepChoice(sweeps: context.sweeps, outside: context.runsOutsideSweeps, named: context.options.sweep)
        context.claims = try declarations.map { declaration in
            let computation = try ClaimComputations.make(declaration.computation)
            let choice = override ?? declaration.sourceChoice
            let sources = computation.dataSources
            guard !sources.isEmpty else {
                let computed = computation.compute(inputs)
                let uncertainty = ClaimUncertaintyEstimator.estimate(computation, inputs, source: nil, value: computed.value)
                let (verdict, reason) = Self.verdict(computed, declaration, uncertainty)
                return ClaimResult(declaration: declaration, computed: computed, verdict: verdict, verdictReason: reason,
                                   uncertainty: uncertainty, sourceChoice: choice)
            }
            // From runs, one sweep decides (`SweepChoice`), on its own runs and curves.
            let fromRuns = sources.contains(.runs) ? sweepChoice.decide(computation, inputs) : nil
            func compute(_ source: DataSource) -> ComputedClaim {
                if source == .runs, let fromRuns { return fromRuns.computed }
                return computation.compute(inputs, source: source)
            }
            func inputsFor(_ source: DataSource) -> ClaimInputs { source == .runs ? fromRuns?.inputs ?? inputs : inputs }
            let results = Dictionary(uniqueKeysWithValues: sources.map { ($0, compute($0)) })
            let decider: DataSource
            switch choice {
            case .runs: decider = sources.contains(.runs) ? .runs : sources[0]
            case .digitized: decider = sources.contains(.digitized) ? .digitized : sources[0]
            case .auto:
                // The runs when they give a value; the digitized points otherwise, where the
                // computation can use them.
                let runsCover = results[.runs].map { $0.value != nil && $0.missing == nil } ?? false
                decider = runsCover || !sources.contains(.digitized) ? sources[0] : .digitized
            }
            var computed = results[decider]!
            if choice == .auto, decider == .digitized, let runs = results[.runs], let lacking = runs.missing {
                computed.details.insert("decided by the digitized points: the runs do not cover this claim (\(lacking))", at: 0)
            }
            let uncertainty = ClaimUncertaintyEstimator.estimate(computation, inputsFor(decider), source: decider, value: computed.missing == nil ? computed.value : nil)
            let (verdict, reason) = Self.verdict(computed, declaration, uncertainty)
            let alternative = sources.first { $0 != decider }.map { other in
                let otherUncertainty = ClaimUncertaintyEstimator.estimate(computation, inputsFor(other), source: other,
                                                                          value: results[other]!.missing == nil ? results[other]!.value : nil)
                return ClaimResult.Alternative(source: other, computed: results[other]!,
                                               verdict: Self.verdict(results[other]!, declaration, otherUncertainty).verdict,
                                               uncertainty: otherUncertainty)
            }
            return ClaimResult(declaration: declaration, computed: computed, verdict: verdict, verdictReason: reason, uncertainty: uncertainty,
                               sourceChoice: choice, decidedBy: decider, alternative: alternative, sweep: fromRuns?.sweep?.name)
        }
        context.curveSource = Self.curveSource(context.claims, override: override)
    }

    /// The source the build's curve-based outputs follow: `--source` when set, else the one
    /// that decided the headline comparison (C1's computation), else the digitized points.
    static func curveSource(_ claims: [ClaimResult], override: SourceChoice?) -> DataSource {
        switch override {
        case .runs?: return .runs
        case .digitized?: return .digitized
        case .auto?, nil:
            return claims.first { $0.declaration.computation.name == ReductionAtEqualLoss.name }?.decidedBy ?? .digitized
        }
    }

    /// The verdict and what decided it: the interval where there is one (Expectation.decide).
    static func verdict(_ computed: ComputedClaim, _ declaration: ClaimDeclaration, _ uncertainty: ClaimUncertainty) -> (verdict: Verdict, reason: String) {
        guard let value = computed.value, computed.missing == nil else {
            return (.cannotBeChecked, "cannot be checked: " + (computed.missing ?? "no value"))
        }
        return declaration.expectation.decide(value, uncertainty: uncertainty)
    }
}
