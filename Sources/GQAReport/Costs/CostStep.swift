/// Computes parameter counts, inference costs at every context length of the build under
/// every convention, Z, and training costs, for every run.
public struct CostStep: BuildStep {
    public init() {}

    public var name: String { "compute costs" }

    public func run(_ context: inout BuildContext) throws {
        let options = context.options
        context.costs = context.runs.map { run in
            let n = options.parameterConvention.count(run.model)
            let contexts = options.contexts.map { t in
                ContextCosts(
                    context: t,
                    byConvention: options.conventions.map { convention in
                        (convention, InferenceCost(run.model, parameters: n, context: t, convention: convention))
                    },
                    z: options.hardwareCost.z(
                        InferenceCost(run.model, parameters: n, context: t, convention: options.zConvention)))
            }
            return RunCosts(
                runName: run.name, parameters: ParameterCount(run.model), n: n,
                training: run.tokens.value.flatMap { tokens in
                    run.training.contextLength.map { TrainingCost(run.model, parameters: n, tokens: Double(tokens), context: $0) }
                },
                contexts: contexts)
        }
    }
}
