import Foundation

/// `fits.html`: every curve the data supports, with parameters, errors, intervals and R².
enum FitsPage {
    static let template = "fits.html"

    static func context(_ build: BuildContext) -> [String: Any] {
        SiteLayout.context(title: "Fitted scaling curves", current: "fits.html", [
            "fits": build.fits.map(entry),
            "fittedCount": build.fits.filter { $0.fit != nil }.count,
            "fitCount": build.fits.count,
            "bootstrapSamples": build.fitOptions.bootstrapSamples,
            "seed": String(build.fitOptions.seed),
        ])
    }

    static func entry(_ outcome: FitOutcome) -> [String: Any] {
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
        case let .undetermined(reason):
            entry["problem"] = "not determined by its points: " + reason
        case let .floorUndetermined(_, reason):
            entry["problem"] = "floor not determined: " + reason
        case let .insufficient(reason):
            entry["problem"] = "not fitted: " + reason
        }
        return entry
    }
}
