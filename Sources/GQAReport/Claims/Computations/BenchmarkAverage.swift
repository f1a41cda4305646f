/// C8: downstream accuracy of the two models of the paper's Table 5. It needs
/// lm-evaluation-harness results for both; this version of the report reads none, so the
/// claim says which logs would decide it.
struct BenchmarkAverage: ClaimComputation {
    static let name = "benchmark-average-difference"
    let models: String

    init(_ spec: ComputationSpec) throws {
        models = try spec.string("models")
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        .cannotBeChecked(
            "needs downstream benchmark logs (lm-evaluation-harness results JSON) for \(models); the authors did not publish them and none are under Results/",
            basis: "benchmark logs")
    }
}
