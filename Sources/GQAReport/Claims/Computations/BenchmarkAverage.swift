/// C8: downstream accuracy of the two models of the paper's Table 5: the average accuracy
/// over the named tasks (acc_norm where reported, else acc) of the candidate minus the
/// baseline's, in accuracy points, from their lm-evaluation-harness results under
/// `Results/benchmarks/`. Without both files the claim says which logs would decide it.
struct BenchmarkAverage: ClaimComputation {
    static let name = "benchmark-average-difference"

    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("the average of the benchmark accuracies as reported; their per-task standard errors are not combined here")
    }
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
        let ours = inputs.benchmarks.first { $0.label == candidate }
        let theirs = inputs.benchmarks.first { $0.label == baseline }
        // Everything missing, for both models at once: one rerun, not one per missing task.
        var missing: [String] = []
        for (label, results) in [(baseline, theirs), (candidate, ours)] {
            guard let results else {
                missing.append("no results for '\(label)' (Results/benchmarks/\(label)/ with lm-eval's results_*.json, or Results/benchmarks/\(label).json)")
                continue
            }
            let absent = tasks.filter { task in results.taskRows.first { $0.name == task }?.accuracy == nil }
            if !absent.isEmpty {
                missing.append("'\(label)' (\(results.files.map(\.path).joined(separator: ", "))) has no accuracy for \(absent.count) of the \(tasks.count) tasks: \(absent.joined(separator: ", "))")
            }
        }
        guard missing.isEmpty, let ours, let theirs else {
            let unpublished = ours == nil && theirs == nil ? "; the authors did not publish them" : ""
            return .cannotBeChecked("needs downstream benchmark logs (lm-evaluation-harness results) for \(models): " + missing.joined(separator: "; ") + unpublished, basis: basis)
        }
        func average(_ results: BenchmarkResults) -> Double {
            let values = tasks.map { task in results.taskRows.first { $0.name == task }!.accuracy! }
            return 100 * values.reduce(0, +) / Double(values.count)
        }
        let a = average(ours), b = average(theirs)
        var result = ComputedClaim(value: a - b, basis: basis)
        result.details = [
            String(format: "%@: %.2f%% average over %d tasks", candidate, a, tasks.count),
            String(format: "%@: %.2f%% average over %d tasks", baseline, b, tasks.count),
            "tasks: \(tasks.joined(separator: ", ")) (acc_norm where reported, else acc)",
        ]
        return result
    }
}
