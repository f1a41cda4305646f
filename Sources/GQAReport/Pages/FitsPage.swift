import Foundation

/// `fits.html`: every curve the data supports, with parameters, errors, intervals and R².
enum FitsPage {
    static let template = "fits.html"

    static func context(_ build: BuildContext) -> [String: Any] {
        let holdouts = HoldoutSummary.bySource(build.fits)
        return SiteLayout.context(title: "Fitted scaling curves", current: "fits.html", [
            "fits": build.fits.map(entry),
            "fittedCount": build.fits.filter { $0.fit != nil }.count,
            "fitCount": build.fits.count,
            "bootstrapSamples": build.fitOptions.bootstrapSamples,
            "hasHoldoutSummaries": !holdouts.isEmpty,
            "holdoutSummaries": holdouts.map { summary -> [String: Any] in
                var entry: [String: Any] = ["source": summary.source.rawValue, "curves": summary.checked]
                // Only when there are some: a Mustache section renders for 0 too.
                if summary.undetermined > 0 { entry["undetermined"] = summary.undetermined }
                if let mean = summary.meanAbsoluteRelativeError, let worst = summary.maxAbsoluteRelativeError {
                    entry["errors"] = String(format: "mean %.2f%%, largest %.2f%%", 100 * mean, 100 * worst)
                }
                return entry
            },
            "seed": String(build.fitOptions.seed),
        ])
    }

    static func entry(_ outcome: FitOutcome) -> [String: Any] {
        let s = outcome.selection
        var entry: [String: Any] = [
            "id": s.id, "summary": s.summary, "law": s.law.rawValue, "formula": s.law.law.formula,
            "source": s.source.rawValue, "points": s.data.count,
        ]
        if let holdout = outcome.holdout { entry["holdout"] = holdoutText(holdout, xName: s.xName) }
        switch outcome.status {
        case let .fitted(fit):
            entry["fitted"] = true
            entry["r2"] = String(format: "%.5f", fit.r2)
            entry["rmse"] = String(format: "%.2g", fit.rmse)
            entry["parameters"] = fit.parameterNames.indices.map { j -> [String: Any] in
                var parameter: [String: Any] = ["name": fit.parameterNames[j], "value": String(format: "%.4g", fit.parameters[j])]
                if let errors = fit.standardErrors { parameter["stderr"] = String(format: "%.2g", errors[j]) }
                if let intervals = fit.intervals { parameter["interval"] = String(format: "%.4g … %.4g", intervals[j].lowerBound, intervals[j].upperBound) }
                return parameter
            }
            // Every missing error or interval says why; the bootstrap says what it resampled.
            entry["notes"] = [fit.standardErrorNote.map { "No standard errors: \($0)." }, fit.intervalNote.map { "No intervals: \($0)." }]
                .compactMap { $0 }.joined(separator: " ")
            if let method = fit.bootstrap.method {
                entry["bootstrap"] = "\(fit.bootstrap.samples) resamples of the \(method == .cases ? "points" : "residuals"), \(fit.bootstrap.failures) failed"
                    + (fit.bootstrap.failureReasons.isEmpty ? "" : " (" + fit.bootstrap.failureReasons.map { "\($0.count): \($0.reason)" }.joined(separator: "; ") + ")")
            }
        case let .undetermined(reason):
            entry["problem"] = "not determined by its points: " + reason
        case let .floorUndetermined(_, reason):
            entry["problem"] = "floor not determined: " + reason
        case let .insufficient(reason):
            entry["problem"] = "not fitted: " + reason
        }
        return entry
    }

    /// The leave-the-largest-out check in one sentence.
    static func holdoutText(_ check: HoldoutCheck, xName: String) -> String {
        guard let point = check.points.first else {
            return "Without its largest size, the remaining \(check.remaining) points do not determine the law: \(check.failure?.reason ?? "")."
        }
        let band = point.prediction.interval.map { String(format: " (95%% band %.4g … %.4g)", $0.lowerBound, $0.upperBound) } ?? ""
        let factor = point.prediction.extrapolations.first.map { String(format: ", %.2g× the largest size left", $0.factor) } ?? ""
        return String(format: "Refitted without its largest size, it predicts %@ = %@%@: %.4g%@ against %.4g observed, an error of %+.3g (%+.2f%%).",
                      xName, NumberFormat.prose(point.prediction.x), factor, point.prediction.value, band, point.observed, point.absoluteError, 100 * point.relativeError)
    }
}
