import ArgumentParser
import Foundation
import GQAReport

/// `report recommend`: which GQA configuration to use for a context length and a loss target.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Find the cost-optimal head configuration for a context length and a target loss.",
        discussion: """
            The paper's three-step search: for each head configuration with a fitted \
            L(N; H) = (a/N)^b + E, the size N* = a/(L − E)^(1/b) that reaches the target loss \
            ("not reachable" when L ≤ E), its shape at the aspect ratio d/L, its costs at the \
            context length, and the cheapest; compared with a Llama-3-style baseline \
            (n_h·d_h = d, n_kv = n_h/4) at the same loss. The first line is the answer: switch to \
            the cheapest candidate, or keep Llama-3's configuration when no candidate is cheaper in \
            the objective, with the saving (or extra cost) and its 95% interval over the curves' \
            bootstrap refits; an N* beyond a curve's fitted sizes is called an extrapolation. \
            Exit status 2 for inputs out of range.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var caching: CacheOptions

    @Option(help: ArgumentHelp("Expected inference context length in tokens (e.g. 8192; 131072 is 128K).", valueName: "tokens"))
    var context: Int

    @Option(help: ArgumentHelp("The loss the model must reach.", valueName: "loss"))
    var targetLoss: Double

    @Option(help: "What to minimise: memory, flops or z.")
    var objective = "z"

    @Option(help: "λ of Z = λ·M^α + (1 − λ)·C^β, between 0 and 1.")
    var lambda = HardwareCost.paperDefault.lambda

    @Option(help: ArgumentHelp("The aspect ratio d/L that turns N* into a shape.", valueName: "ratio"))
    var aspectRatio = 128.0

    @Option(help: ArgumentHelp("Which curves: auto (the runs' if any, else figure-2), runs, digitized (figure-2), or a digitized source id. --source sets the same.", valueName: "source"))
    var curves = "auto"

    @OptionGroup var data: DataOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        var problems: [String] = []
        if context <= 0 { problems.append("--context must be a positive number of tokens, got \(context)") }
        if !(targetLoss > 0) || !targetLoss.isFinite { problems.append("--target-loss must be a positive loss, got \(targetLoss)") }
        if CostObjective(rawValue: objective) == nil { problems.append("--objective must be memory, flops or z, got '\(objective)'") }
        if !(0...1).contains(lambda) { problems.append("--lambda must be between 0 and 1, got \(lambda)") }
        if !(aspectRatio > 0) { problems.append("--aspect-ratio must be positive, got \(aspectRatio)") }
        if !problems.isEmpty {
            for problem in problems { printError("error: \(problem)") }
            throw ExitCode(2)
        }
    }

    func run() throws {
        // The build's fit options: the savings' intervals come from the curves' bootstrap
        // refits, and the build's cache already holds those fits.
        let fitOptions = FitOptions()
        var context = BuildContext(layout: project.layout, options: data.options, cache: caching.cache(for: project.layout))
        let steps = BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(options: fitOptions)])
        try reportingErrors { try steps.run(&context) }
        var cost = HardwareCost.paperDefault
        cost.lambda = lambda
        let search = CostOptimalSearch(context: self.context, targetLoss: targetLoss, objective: CostObjective(rawValue: objective)!,
                                       hardwareCost: cost, shapeRule: ShapeRule(aspectRatio: aspectRatio))
        let source = data.source?.rawValue ?? curves
        let recommendation = Recommendation.make(fits: context.curveFits, search: search, source: source)
        print(json ? try recommendation.json() : recommendation.text)
        if recommendation.candidates.isEmpty {
            printError("error: no fitted L(N; H) curves from '\(source)'")
            throw ExitCode.failure
        }
    }
}
