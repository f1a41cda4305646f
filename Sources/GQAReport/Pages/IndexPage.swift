import Foundation

/// The data behind `site/index.html`: the runs and their costs, formatted for people.
/// Every string from a log or a run name goes through the template's escaping.
enum IndexPage {
    static let template = "index.html"

    static func context(_ build: BuildContext) -> [String: Any] {
        let options = build.options
        let runs: [[String: Any]] = zip(build.runs, build.costs).enumerated().map { index, pair in
            let (run, cost) = pair
            return [
                // Run names are untrusted text: ids are made from the position, never the name.
                "anchor": "run-\(index + 1)",
                "name": run.name,
                "example": run.isExample,
                "exampleNote": run.exampleNote ?? "",
                "heads": run.model.heads.description,
                "layers": run.model.layers,
                "hiddenSize": run.model.hiddenSize,
                "n": NumberFormat.compact(cost.n),
                "totalParameters": NumberFormat.compact(Double(cost.parameters.total)),
                "tokens": NumberFormat.compact(Double(run.tokens.value)),
                "tokensSource": run.tokens.source == .log ? "counted in the log" : "planned in args.json",
                "finalLoss": String(format: "%.4f", run.finalLoss.value),
                "lossRule": run.finalLoss.source == .validation
                    ? "last validation loss (step \(run.finalLoss.step))"
                    : "mean of the last \(run.finalLoss.points) training losses (to step \(run.finalLoss.step))",
                "trainConfig": run.training.trainConfigName ?? "",
                "provenance": run.provenance.map { ["path": $0.path, "sha256": $0.sha256, "bytes": $0.bytes] },
                "costs": cost.contexts.map { row in costRow(row, options: options) },
            ]
        }
        return [
            "claims": build.claims.map(claimEntry),
            "hasClaims": !build.claims.isEmpty,
            "holdCount": build.claims.filter { $0.verdict == .holds }.count,
            "failCount": build.claims.filter { $0.verdict == .fails }.count,
            "uncheckedCount": build.claims.filter { $0.verdict == .cannotBeChecked }.count,
            "digitizedSources": build.digitized.map { ["id": $0.id, "origin": $0.origin, "file": $0.file.path, "sha256": $0.file.sha256, "points": $0.points.count] },
            "fits": build.fits.map(fitEntry),
            "fittedCount": build.fits.filter { $0.fit != nil }.count,
            "runCount": build.runs.count,
            "exampleCount": build.runs.filter(\.isExample).count,
            "runs": runs,
            "contexts": options.contexts.map { ["label": contextLabel($0)] },
            "parameterConvention": options.parameterConvention.rawValue,
            "lambda": NumberFormat.real(options.hardwareCost.lambda),
            "alpha": NumberFormat.real(options.hardwareCost.alpha),
            "beta": String(format: "%.3f", options.hardwareCost.beta),
            "bytesPerValue": NumberFormat.real(options.bytesPerValue),
        ]
    }

    private static func costRow(_ row: ContextCosts, options: BuildOptions) -> [String: Any] {
        func cost(_ id: String) -> InferenceCost {
            row.byConvention.first { $0.convention.id == id }!.cost
        }
        let bytes = cost(CostConvention.figure2(bytesPerValue: options.bytesPerValue).id)
        let perToken = cost(CostConvention.perToken().id)
        return [
            "context": contextLabel(row.context),
            "memoryBytes": NumberFormat.compact(bytes.memory) + "B",
            "kvShare": String(format: "%.1f%%", 100 * bytes.variantMemoryShare),
            "flopsPerToken": NumberFormat.compact(perToken.flops),
            "attentionShare": String(format: "%.1f%%", 100 * perToken.variantFlopsShare),
            "z": String(format: "%.0f", row.z),
        ]
    }

    private static func claimEntry(_ claim: ClaimResult) -> [String: Any] {
        let d = claim.declaration, e = d.expectation
        func number(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "–" }
        let relation: String = {
            switch e.relation {
            case .approximately: return "\(number(e.value)) ± \(number(e.tolerance))"
            case .atLeast: return "≥ \(number(e.value - e.tolerance))"
            case .atMost: return "≤ \(number(e.value + e.tolerance))"
            }
        }()
        return [
            "id": d.id, "statement": d.statement, "source": d.source, "required": d.required,
            "verdict": claim.verdict.rawValue, "verdictClass": Slug.make(claim.verdict.rawValue),
            "computed": number(claim.computed.value), "paper": number(e.value), "expected": relation,
            "difference": claim.difference.map { String(format: "%+.3g", $0) } ?? "–", "unit": e.unit,
            "rationale": e.rationale, "basis": claim.computed.basis, "missing": claim.computed.missing ?? "",
            "hasReadings": !claim.computed.readings.isEmpty,
            "readings": claim.computed.readings.map { ["label": $0.label, "value": number($0.value), "convention": $0.convention] },
            "details": claim.computed.details,
        ]
    }

    private static func fitEntry(_ outcome: FitOutcome) -> [String: Any] {
        let s = outcome.selection
        var entry: [String: Any] = [
            "id": s.id, "summary": s.summary, "law": s.law.rawValue, "formula": s.law.law.formula,
            "source": s.source.rawValue, "points": s.data.count,
        ]
        switch outcome.status {
        case let .fitted(fit):
            entry["fitted"] = true
            entry["r2"] = String(format: "%.5f", fit.r2)
            entry["rmse"] = String(format: "%.2g", fit.rmse)
            entry["parameters"] = fit.parameterNames.indices.map { j -> [String: Any] in
                [
                    "name": fit.parameterNames[j],
                    "value": String(format: "%.4g", fit.parameters[j]),
                    "stderr": fit.standardErrors.map { String(format: "%.2g", $0[j]) } ?? "n/a",
                    "interval": fit.intervals.map { String(format: "%.4g … %.4g", $0[j].lowerBound, $0[j].upperBound) } ?? "n/a",
                ]
            }
        case let .failed(reason):
            entry["problem"] = "fit failed: " + reason
        case let .insufficient(reason):
            entry["problem"] = "not fitted: " + reason
        }
        return entry
    }

    /// 131072 → "128K", 1048576 → "1M".
    static func contextLabel(_ tokens: Int) -> String {
        if tokens % 1_048_576 == 0 { return "\(tokens / 1_048_576)M" }
        if tokens % 1024 == 0 { return "\(tokens / 1024)K" }
        return String(tokens)
    }
}
