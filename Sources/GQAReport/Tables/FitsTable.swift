/// `Results/tables/fits.xml`: every curve of the study the data supports: law, data
/// selection, parameters with standard errors and bootstrap intervals, R², RMSE, the points
/// with their fitted values; or why the curve could not be fitted.
public enum FitsTable {
    public static let fileName = "fits.xml"
    public static let schemaName = "fits.xsd"

    public static func xml(_ outcomes: [FitOutcome], options: FitOptions) -> String {
        var x = XMLBuilder()
        x.open("fits", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
            "count": NumberFormat.integer(outcomes.count),
            "bootstrapSamples": NumberFormat.integer(options.bootstrapSamples),
            "seed": String(options.seed),
            "interval": "0.95",
        ])
        for outcome in outcomes {
            let s = outcome.selection
            var slope: String?
            if case let .floorUndetermined(perDoubling, _) = outcome.status { slope = NumberFormat.real(perDoubling) }
            x.open("fit", [
                "id": s.id, "law": s.law.rawValue, "formula": s.law.law.formula, "source": s.source.rawValue,
                "status": outcome.status.name, "reason": outcome.status.reason, "slopePerDoubling": slope,
                "interpolation": outcome.fit.map { $0.isInterpolation ? "true" : nil } ?? nil,
            ])
            x.empty("selection", [
                "summary": s.summary, "x": s.xName, "y": s.yName,
                "queryHeads": s.heads.map { NumberFormat.integer($0.queryHeads) },
                "kvHeads": s.heads.map { NumberFormat.integer($0.kvHeads) },
                "layers": s.shape.map { NumberFormat.integer($0.layers) },
                "hiddenSize": s.shape.map { NumberFormat.integer($0.hiddenSize) },
                "context": s.context.map(NumberFormat.integer),
                "points": NumberFormat.integer(s.data.count),
            ])
            if let fit = outcome.fit {
                for (j, name) in fit.parameterNames.enumerated() {
                    x.empty("parameter", [
                        "name": name, "value": NumberFormat.real(fit.parameters[j]),
                        "stderr": fit.standardErrors.map { NumberFormat.real($0[j]) },
                        "lower": fit.intervals.map { NumberFormat.real($0[j].lowerBound) },
                        "upper": fit.intervals.map { NumberFormat.real($0[j].upperBound) },
                    ])
                }
                x.empty("quality", [
                    "r2": NumberFormat.real(fit.r2), "rmse": NumberFormat.real(fit.rmse),
                    "n": NumberFormat.integer(fit.n),
                    "bootstrapSamples": NumberFormat.integer(fit.bootstrap.samples),
                    "bootstrapFailures": NumberFormat.integer(fit.bootstrap.failures),
                    "bootstrapMethod": fit.bootstrap.method?.rawValue,
                    "standardErrorNote": fit.standardErrorNote, "intervalNote": fit.intervalNote,
                ])
                if let holdout = outcome.holdout { Self.holdout(holdout, &x) }
                for i in 0..<fit.n {
                    x.empty("point", [
                        "label": fit.data.labels[i], "x": NumberFormat.real(fit.data.x[i]),
                        "y": NumberFormat.real(fit.data.y[i]), "fitted": NumberFormat.real(fit.fitted[i]),
                        "residual": NumberFormat.real(fit.residuals[i]),
                    ])
                }
            } else {
                if let holdout = outcome.holdout { Self.holdout(holdout, &x) }
                for i in 0..<s.data.count {
                    x.empty("point", ["label": s.data.labels[i], "x": NumberFormat.real(s.data.x[i]), "y": NumberFormat.real(s.data.y[i])])
                }
            }
            x.close()
        }
        for summary in HoldoutSummary.bySource(outcomes) {
            x.empty("holdoutSummary", [
                "source": summary.source.rawValue, "curves": NumberFormat.integer(summary.checked),
                "undetermined": NumberFormat.integer(summary.undetermined),
                "meanAbsoluteRelativeError": summary.meanAbsoluteRelativeError.map(NumberFormat.real),
                "maxAbsoluteRelativeError": summary.maxAbsoluteRelativeError.map(NumberFormat.real),
            ])
        }
        x.close()
        return x.document
    }

    private static func holdout(_ check: HoldoutCheck, _ x: inout XMLBuilder) {
        guard let point = check.points.first else {
            x.empty("holdout", ["largest": NumberFormat.integer(check.largest), "remaining": NumberFormat.integer(check.remaining),
                                "status": "undetermined", "reason": check.failure?.reason])
            return
        }
        x.empty("holdout", [
            "largest": NumberFormat.integer(check.largest), "remaining": NumberFormat.integer(check.remaining), "status": "fitted",
            "label": point.label, "x": NumberFormat.real(point.prediction.x), "observed": NumberFormat.real(point.observed),
            "predicted": NumberFormat.real(point.prediction.value),
            "lower": point.prediction.interval.map { NumberFormat.real($0.lowerBound) },
            "upper": point.prediction.interval.map { NumberFormat.real($0.upperBound) },
            "absoluteError": NumberFormat.real(point.absoluteError), "relativeError": NumberFormat.real(point.relativeError),
            "extrapolationFactor": point.prediction.extrapolations.first.map { NumberFormat.real($0.factor) },
        ])
    }
}
