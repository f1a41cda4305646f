/// Reads `Results/claims.xml` and gives every claim a verdict computed from the data.
public struct ClaimsStep: BuildStep {
    public init() {}

    public var name: String { "evaluate claims" }

    public func run(_ context: inout BuildContext) throws {
        let (declarations, file) = try ClaimsFileReader(layout: context.layout).read()
        context.claimsFile = file
        let inputs = ClaimInputs(fits: context.fits, digitized: context.digitized, runs: context.runs, options: context.options,
                                 benchmarks: context.benchmarks)
        context.claims = try declarations.map { declaration in
            let computed = try ClaimComputations.make(declaration.computation).compute(inputs)
            let verdict: Verdict
            if let value = computed.value, computed.missing == nil {
                verdict = declaration.expectation.holds(value) ? .holds : .fails
            } else {
                verdict = .cannotBeChecked
            }
            return ClaimResult(declaration: declaration, computed: computed, verdict: verdict)
        }
    }
}
