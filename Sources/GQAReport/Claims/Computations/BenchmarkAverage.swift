/// C8: downstream accuracy of the two models of the paper's Table 5: the average accuracy
/// over the named tasks (acc_norm where reported, else acc) of the candidate minus the
/// baseline's, in accuracy points, from their lm-evaluation-harness results under
/// `Results/benchmarks/`. Without both files the claim says which logs would decide it.
struct BenchmarkAverage: ClaimComputation {
    static let name = "benchmark-average-difference"
    let models: String
    let baseline: String
    let candidate: String
    let tasks: [String]

    init(_ spec: ComputationSpec) throws {
        models = try spec.string("models")
        baseline = try spec.string("baseline")
        candidate = try spec.string("candidate")
        tasks = try spec.string("tasks").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !tasks.isEmpty else { throw spec.error("tasks must name at least one task") }
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        let basis = "lm-evaluation-harness results under Results/benchmarks/"
        guard let ours = inputs.benchmarks.first(where: { $0.label == candidate }),
              let theirs = inputs.benchmarks.first(where: { $0.label == baseline }) else {
            return .cannotBeChecked(
                "needs downstream benchmark logs (lm-evaluation-harness results JSON) for \(models), as Results/benchmarks/\(baseline).json and Results/benchmarks/\(candidate).json; the authors did not publish them",
                basis: basis)
        }
        func average(_ results: BenchmarkResults) -> Result<Double, MissingData> {
            var values: [Double] = []
            for task in tasks {
                guard let accuracy = results.tasks.first(where: { $0.name == task })?.accuracy else {
                    return .failure(MissingData("\(results.file.path) has no accuracy for task '\(task)'"))
                }
                values.append(accuracy)
            }
            return .success(100 * values.reduce(0, +) / Double(values.count))
        }
        switch (average(ours), average(theirs)) {
        case let (.success(a), .success(b)):
            var result = ComputedClaim(value: a - b, basis: basis)
            result.details = [
                String(format: "%@: %.2f%% average over %d tasks", candidate, a, tasks.count),
                String(format: "%@: %.2f%% average over %d tasks", baseline, b, tasks.count),
                "tasks: \(tasks.joined(separator: ", ")) (acc_norm where reported, else acc)",
            ]
            return result
        case let (.failure(missing), _), let (_, .failure(missing)):
            return .cannotBeChecked(missing.description, basis: basis)
        }
    }
}
