import Foundation

/// The reproduction page's "Mini-replication" section: what the example runs (a tiny sweep
/// really trained on CPU, `Results/examples/train`) say about the paper's claims once fitted
/// and costed at long context, with their scale and uncertainty. Empty without example runs.
enum MiniReplicationSection {
    /// 128K, the context of the paper's headline comparison.
    static let context = 131_072

    static func context(_ build: BuildContext) -> [String: Any] {
        let examples = build.runs.filter(\.isExample)
        guard !examples.isEmpty else { return ["hasMiniReplication": false] }
        let fits = build.fits.filter { $0.selection.source == .exampleRuns }
        func interval(_ fit: Fit, _ name: String) -> String {
            guard let index = fit.parameterNames.firstIndex(of: name) else { return "–" }
            let value = NumberFormat.real(fit.parameters[index])
            guard let range = fit.intervals?[index] else { return value }
            return "\(value) [\(NumberFormat.real(range.lowerBound)), \(NumberFormat.real(range.upperBound))]"
        }
        func why(_ outcome: FitOutcome) -> String {
            outcome.status.reason ?? ""
        }
        let sizeLaws: [[String: Any]] = fits.filter { $0.selection.law == .sizeLaw && $0.selection.heads != nil }.map { outcome in
            guard let fit = outcome.fit else {
                return ["heads": outcome.selection.heads!.description, "fitted": false, "why": why(outcome)]
            }
            return ["heads": outcome.selection.heads!.description, "fitted": true, "points": fit.n,
                    "a": interval(fit, "a"), "b": interval(fit, "b"), "e": interval(fit, "E"),
                    "r2": String(format: "%.4f", fit.r2),
                    "bootstrap": "\(fit.bootstrap.samples - fit.bootstrap.failures) of \(fit.bootstrap.samples)"]
        }
        let headLaws: [[String: Any]] = fits.filter { $0.selection.law == .powerPlusConstant && $0.selection.xName == "n_h" }.map { outcome in
            ["summary": outcome.selection.summary,
             "result": outcome.fit.map { "b = \(interval($0, "b")), R² = \(String(format: "%.4f", $0.r2))" } ?? why(outcome)]
        }
        // The loss to search for: the best the sweep reached, so every curve is asked for a
        // loss the data cover.
        let target = examples.map(\.finalLoss.value).min()!
        let recommendations: [[String: Any]] = CostObjective.allCases.map { objective in
            let search = CostOptimalSearch(context: context, targetLoss: target, objective: objective,
                                           hardwareCost: build.options.hardwareCost, bytesPerValue: build.options.bytesPerValue)
            let result = Recommendation.make(fits: build.fits, search: search, source: DataSource.exampleRuns.rawValue, intervals: false)
            let winner = result.winner.map { result.candidates[$0] }
            let heads = winner.flatMap { candidate in examples.first { "H = \($0.model.heads)" == candidate.curve.label }?.model.heads }
            // The paper's direction: at long context the winner shares one KV head among its
            // query heads (its H = (8, 1)), rather than keeping several.
            let verdict = heads.map { $0.kvHeads == 1 && $0.queryHeads > 1
                ? "agrees: one KV head shared by \($0.queryHeads) query heads"
                : "differs: \($0.kvHeads) KV head(s) for \($0.queryHeads) query heads" } ?? "no answer"
            return ["objective": objective.rawValue,
                    "winner": winner.map { $0.curve.label } ?? "none reaches the loss",
                    "size": winner?.shape.map { NumberFormat.compact($0.parameters) } ?? "–",
                    "reachable": "\(result.candidates.filter { $0.shape != nil }.count) of \(result.candidates.count)",
                    "verdict": verdict]
        }
        // The raw numbers behind the n_h curves: final loss by n_h at one KV head, per size.
        let byShape = Dictionary(grouping: examples.filter { $0.model.kvHeads == 1 }) { $0.model.layers * 100_000 + $0.model.hiddenSize }
        let lossesByHeads: [String] = byShape.keys.sorted().map { key in
            let runs = byShape[key]!.sorted { $0.model.queryHeads < $1.model.queryHeads }
            return "L = \(runs[0].model.layers), d = \(runs[0].model.hiddenSize): "
                + runs.map { "n_h = \($0.model.queryHeads): \(String(format: "%.3f", $0.finalLoss.value))" }.joined(separator: ", ")
        }
        // The paper's b < 0: more query heads, lower loss. Counted where the sweep has both ends.
        let comparable = byShape.values.compactMap { runs -> Bool? in
            guard let fewest = runs.min(by: { $0.model.queryHeads < $1.model.queryHeads }),
                  let most = runs.max(by: { $0.model.queryHeads < $1.model.queryHeads }), fewest.model.queryHeads < most.model.queryHeads else { return nil }
            return most.finalLoss.value < fewest.finalLoss.value
        }
        let headsVerdict = comparable.isEmpty ? "" : "More query heads gave a lower loss at \(comparable.filter { $0 }.count) of \(comparable.count) sizes"
            + (comparable.allSatisfy { $0 } ? ", as the paper finds." : "; the paper finds it at every size.")
        let sizes = Set(examples.map { "\($0.model.layers)-\($0.model.hiddenSize)" }).count
        let heads = Set(examples.map(\.model.heads)).count
        return [
            "hasMiniReplication": true,
            "miniRuns": examples.count, "miniSizes": sizes, "miniHeads": heads,
            "miniTokens": NumberFormat.compact(Double(examples.compactMap(\.tokens.value).max() ?? 0)),
            "miniLargest": NumberFormat.compact(examples.map { ParameterConvention.paperFormula.count($0.model) }.max() ?? 0),
            "miniTarget": NumberFormat.real(target),
            "miniSizeLaws": sizeLaws, "miniHeadLaws": headLaws, "miniRecommendations": recommendations,
            "miniLossesByHeads": lossesByHeads, "miniHeadsVerdict": headsVerdict,
        ]
    }
}
