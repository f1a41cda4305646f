import Foundation

/// `runs.html`: every run with its configuration, final loss and costs, and its inputs.
enum RunsPage {
    static let template = "runs.html"

    /// By size, then head configuration: a sweep reads as its ladder, not as its names sort
    /// ("gpt-10-1280" before "gpt-6-768").
    static func ordered(_ build: BuildContext) -> [(Run, RunCosts)] {
        zip(build.runs, build.costs).sorted { a, b in
            (a.1.n, a.0.model.queryHeads, a.0.model.kvHeads, a.0.name) < (b.1.n, b.0.model.queryHeads, b.0.model.kvHeads, b.0.name)
        }
    }

    /// Each run's entry on the page, by name: "runs.html#run-3". Ids are made from the
    /// position, never the name, which is untrusted text.
    static func links(_ build: BuildContext) -> [String: String] {
        var links: [String: String] = [:]
        for (index, pair) in ordered(build).enumerated() where links[pair.0.name] == nil {
            links[pair.0.name] = "\(template)#run-\(index + 1)"
        }
        return links
    }

    static func context(_ build: BuildContext) -> [String: Any] {
        let options = build.options
        let ordered = ordered(build)
        let anchors = links(build).mapValues { String($0.drop { $0 != "#" }.dropFirst()) }
        let sweepOf = Sweep.names(byRun: build.sweeps)
        let byName = Dictionary(ordered.map { ($0.0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let runs: [[String: Any]] = ordered.enumerated().map { index, pair in
            let (run, cost) = pair
            return [
                "anchor": "run-\(index + 1)",  // as links(_:) makes them
                "name": run.name,
                "example": run.isExample,
                "exampleNote": run.exampleNote ?? "",
                "heads": run.model.heads.description,
                "layers": run.model.layers,
                "hiddenSize": run.model.hiddenSize,
                "n": NumberFormat.compact(cost.n),
                "nValue": NumberFormat.real(cost.n),
                "totalParameters": NumberFormat.compact(Double(cost.parameters.total)),
                "tokens": run.tokens.value.map { NumberFormat.compact(Double($0)) } ?? "unknown",
                "tokensValue": run.tokens.value ?? -1,
                "tokensSource": run.tokens.sourceDescription,
                "configuredBy": run.configuredBy,
                "kind": run.kind.kind.rawValue,
                "kindEvidence": run.kind.evidence,
                "identifiedBy": run.identifiedBy,
                "sweep": sweepOf[run.name] ?? "",
                "identity": run.identity,
                "finalLoss": String(format: "%.4f", run.finalLoss.value),
                "lossRule": lossRule(run.finalLoss),
                "trainConfig": run.training.trainConfigName ?? "",
                // A string opens a Mustache section even when empty: say nothing where there is no name.
                "hasTrainConfig": !(run.training.trainConfigName ?? "").isEmpty,
                "provenance": run.provenance.map { ["path": $0.path, "sha256": $0.sha256, "bytes": $0.bytes] },
                "logs": run.logs.map { ["path": $0.path, "evidence": $0.evidence, "format": $0.format] },
                "lossSeries": run.lossSeries.map(\.line).joined(separator: "; "),
                "curve": TrainingCurveSketch.svg(run.metrics.trainingCurve, label: "training loss of \(run.name)"),
                "costs": cost.contexts.map { row in costRow(row, options: options) },
            ]
        }
        return SiteLayout.context(title: "Runs", current: "runs.html", [
            "runCount": build.runs.count,
            "exampleCount": build.runs.filter(\.isExample).count,
            // A number opens a Mustache section even when it is 0: the banner needs a boolean.
            "hasExamples": build.runs.contains(where: \.isExample),
            "withoutMetrics": build.runsWithoutMetrics.map { run in
                ["name": run.name, "directory": run.directory, "reason": run.reason, "unreadable": run.unreadable,
                 "provenance": run.provenance.map { ["path": $0.path, "sha256": $0.sha256, "bytes": $0.bytes] }] as [String: Any]
            },
            "hasWithoutMetrics": !build.runsWithoutMetrics.isEmpty,
            "withoutConfiguration": build.runsWithoutConfiguration.map { run in
                ["name": run.name, "file": run.file.path, "sha256": run.file.sha256, "reason": run.reason,
                 "finalLoss": run.finalLoss.map { String(format: "%.4f", $0.value) } ?? "none (no loss under a known name)",
                 "lossRule": run.finalLoss.map(lossRule) ?? "",
                 "series": run.series.map(\.line)] as [String: Any]
            },
            "hasWithoutConfiguration": !build.runsWithoutConfiguration.isEmpty,
            "sweeps": build.sweeps.map { sweep in
                ["name": sweep.name, "example": sweep.isExample, "declared": sweep.declared, "count": sweep.runs.count,
                 "shared": sweep.shared, "notes": sweep.notes, "decides": decides(sweep, build.claims),
                 "members": sweep.runs.compactMap { name in byName[name] }.sorted { ($0.1.n, $0.0.name) < ($1.1.n, $1.0.name) }.map { run, cost in
                     ["name": run.name, "anchor": anchors[run.name] ?? "", "heads": run.model.heads.description,
                      "n": NumberFormat.compact(cost.n), "kind": run.kind.kind.rawValue] as [String: Any]
                 }] as [String: Any]
            },
            "hasSweeps": !build.sweeps.isEmpty,
            "outside": build.runsOutsideSweeps.map { ["name": $0.run, "anchor": anchors[$0.run] ?? "", "reason": $0.reason] },
            "hasOutside": !build.runsOutsideSweeps.isEmpty,
            "runs": runs,
            "parameterConvention": options.parameterConvention.rawValue,
            "lambda": NumberFormat.real(options.hardwareCost.lambda),
            "alpha": NumberFormat.real(options.hardwareCost.alpha),
            "beta": String(format: "%.3f", options.hardwareCost.beta),
            "bytesPerValue": NumberFormat.real(options.bytesPerValue),
        ])
    }

    /// What a sweep decided, in a sentence: the claims its runs gave the deciding value of.
    static func decides(_ sweep: Sweep, _ claims: [ClaimResult]) -> String {
        if sweep.isExample { return "Examples: it decides no claim." }
        let decided = claims.filter { $0.sweep == sweep.name && $0.decidedBy == .runs }.map(\.declaration.id)
        let beside = claims.filter { $0.sweep == sweep.name && $0.decidedBy != .runs }.map(\.declaration.id)
        var sentence = decided.isEmpty ? "It decides no claim." : "It decides \(decided.joined(separator: ", "))."
        if !beside.isEmpty { sentence += " Its value of \(beside.joined(separator: ", ")) stands beside the digitized points' (--source)." }
        return sentence
    }

    /// How a final loss was taken, in words (the runs and the runs without configuration).
    private static func lossRule(_ loss: FinalLoss) -> String {
        loss.source == .validation
            ? "last validation loss (step \(loss.step))"
            : "mean of the last \(loss.points) training losses (to step \(loss.step))"
    }

    private static func costRow(_ row: ContextCosts, options: BuildOptions) -> [String: Any] {
        func cost(_ id: String) -> InferenceCost {
            row.byConvention.first { $0.convention.id == id }!.cost
        }
        let bytes = cost(CostConvention.figure2(bytesPerValue: options.bytesPerValue).id)
        let perToken = cost(CostConvention.perToken().id)
        return [
            "context": IndexPage.contextLabel(row.context),
            "memoryBytes": NumberFormat.compact(bytes.memory) + "B",
            "kvShare": String(format: "%.1f%%", 100 * bytes.variantMemoryShare),
            "flopsPerToken": NumberFormat.compact(perToken.flops),
            "attentionShare": String(format: "%.1f%%", 100 * perToken.variantFlopsShare),
            "z": String(format: "%.0f", row.z),
        ]
    }
}
