import Foundation

/// A fit as `report fit` prints it: the parameters with their standard errors and 95%
/// intervals (or why there are none), the bootstrap and its failures, the data's range, and
/// any predictions and hold-out check asked for, each saying when it extrapolates.
public struct FitReport {
    public var fit: Fit
    /// The inputs' names (the CSV columns): x, then x2.
    public var inputNames: [String]
    public var predictions: [Prediction] = []
    public var holdout: HoldoutCheck?

    public init(fit: Fit, inputNames: [String], predictions: [Prediction] = [], holdout: HoldoutCheck? = nil) {
        self.fit = fit
        self.inputNames = inputNames
        self.predictions = predictions
        self.holdout = holdout
    }

    // MARK: text

    public var text: String {
        var lines = ["\(fit.law.rawValue): \(fit.formula)"]
        lines.append("fitted on n = \(fit.n) points: " + zip(inputNames, fit.ranges).map { "\($0) from \(NumberFormat.prose($1.lowerBound)) to \(NumberFormat.prose($1.upperBound))" }.joined(separator: ", "))
        lines.append("R² = \(NumberFormat.real(fit.r2)), RMSE = \(NumberFormat.real(fit.rmse))")
        lines += Self.parameterLines(fit)
        lines.append(Self.bootstrapLine(fit, inputName: inputNames[0]))
        if let note = fit.standardErrorNote { lines.append("standard errors: n/a: \(note)") }
        if let note = fit.intervalNote { lines.append("95% intervals: n/a: \(note)") }
        for prediction in predictions {
            lines.append("prediction at " + inputs(prediction) + ": " + value(prediction))
        }
        if let holdout { lines += holdoutLines(holdout) }
        return lines.joined(separator: "\n")
    }

    private static func parameterLines(_ fit: Fit, indent: String = "  ") -> [String] {
        fit.parameterNames.indices.map { j in
            var line = "\(indent)\(fit.parameterNames[j]) = \(NumberFormat.real(fit.parameters[j]))"
            if let errors = fit.standardErrors { line += "  ± \(NumberFormat.real(errors[j]))" }
            if let intervals = fit.intervals {
                line += "  95% [\(NumberFormat.real(intervals[j].lowerBound)), \(NumberFormat.real(intervals[j].upperBound))]"
            }
            return line
        }
    }

    private static func bootstrapLine(_ fit: Fit, inputName: String) -> String {
        let summary = fit.bootstrap
        guard let method = summary.method else { return "bootstrap: none (\(fit.intervalNote ?? "no resampling was asked for"))" }
        let how = method == .cases ? "of the points (cases)" : "of the residuals (fewer than \(FitOptions().caseResamplingMinimumDistinct) distinct \(inputName): every resample keeps the points' \(inputName))"
        var line = "bootstrap: \(summary.samples) resamples \(how), seed \(summary.seed); \(summary.failures) failed"
        if !summary.failureReasons.isEmpty {
            line += ": " + summary.failureReasons.map { "\($0.count) \($0.reason)" }.joined(separator: "; ")
        }
        return line
    }

    private func inputs(_ prediction: Prediction) -> String {
        var parts = ["\(inputNames[0]) = \(NumberFormat.prose(prediction.x))"]
        if let x2 = prediction.x2, inputNames.count > 1 { parts.append("\(inputNames[1]) = \(NumberFormat.prose(x2))") }
        return parts.joined(separator: ", ")
    }

    private func value(_ prediction: Prediction) -> String {
        var text = NumberFormat.real(prediction.value)
        if let interval = prediction.interval {
            text += "  95% [\(NumberFormat.real(interval.lowerBound)), \(NumberFormat.real(interval.upperBound))]"
        } else {
            text += "  (no interval: \(fit.intervalNote ?? "no refits"))"
        }
        if prediction.extrapolations.isEmpty {
            text += "  (inside the fitted range)"
        } else {
            text += "  extrapolation: " + prediction.extrapolations.map { $0.describe(inputName: inputNames[$0.input]) }.joined(separator: "; ")
        }
        return text
    }

    private func holdoutLines(_ holdout: HoldoutCheck) -> [String] {
        let sizes = holdout.largest == 1 ? "largest \(inputNames[0])" : "\(holdout.largest) largest \(inputNames[0]) values"
        guard let reduced = holdout.fit else {
            return ["hold-out: without the \(sizes), the remaining \(holdout.remaining) points do not determine the law: \(holdout.failure?.reason ?? "")"]
        }
        var lines = ["hold-out: refitted without the \(sizes) on the remaining \(holdout.remaining) points:"]
        lines += Self.parameterLines(reduced, indent: "    ")
        for point in holdout.points {
            let report = FitReport(fit: reduced, inputNames: inputNames)
            lines.append("  \(point.label) at \(report.inputs(point.prediction)): observed \(NumberFormat.real(point.observed)), predicted \(report.value(point.prediction))")
            lines.append("    error \(NumberFormat.significant(point.absoluteError, digits: 4)) (\(NumberFormat.significant(100 * point.relativeError, digits: 4))%)")
        }
        return lines
    }

    // MARK: JSON (Results/schemas/fit.schema.json)

    private struct JSONFit: Encodable {
        var law: String
        var formula: String
        var n: Int
        var r2: Double
        var rmse: Double
        var parameters: [String: Double]
        var stderr: [String: Double]?
        var stderrNote: String?
        var intervals: [String: [Double]]?
        var intervalNote: String?
        var ranges: [String: [Double]]
        var bootstrap: JSONBootstrap
        var predictions: [JSONPrediction]?
        var holdout: JSONHoldout?
    }

    private struct JSONBootstrap: Encodable {
        var samples: Int
        var method: String?
        var seed: UInt64
        var failures: Int
        var failureReasons: [BootstrapSummary.FailureCount]
    }

    private struct JSONPrediction: Encodable {
        var inputs: [String: Double]
        var value: Double
        var interval: [Double]?
        var extrapolations: [JSONExtrapolation]
    }

    private struct JSONExtrapolation: Encodable {
        var input: String
        var direction: String
        var factor: Double
        var text: String
    }

    /// A class: it holds a `JSONFit`, which holds it.
    private final class JSONHoldout: Encodable {
        let largest: Int
        let remaining: Int
        let status: String
        let reason: String?
        let fit: JSONFit?
        let points: [JSONHeldOut]

        init(largest: Int, remaining: Int, status: String, reason: String?, fit: JSONFit?, points: [JSONHeldOut]) {
            self.largest = largest
            self.remaining = remaining
            self.status = status
            self.reason = reason
            self.fit = fit
            self.points = points
        }
    }

    private struct JSONHeldOut: Encodable {
        var label: String
        var observed: Double
        var prediction: JSONPrediction
        var absoluteError: Double
        var relativeError: Double
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(jsonFit(fit, predictions: predictions, holdout: holdout)), as: UTF8.self)
    }

    private func jsonFit(_ fit: Fit, predictions: [Prediction]?, holdout: HoldoutCheck?) -> JSONFit {
        let named = { (values: [Double]) in Dictionary(uniqueKeysWithValues: zip(fit.parameterNames, values)) }
        return JSONFit(
            law: fit.law.rawValue, formula: fit.formula, n: fit.n, r2: fit.r2, rmse: fit.rmse,
            parameters: named(fit.parameters), stderr: fit.standardErrors.map(named), stderrNote: fit.standardErrorNote,
            intervals: fit.intervals.map { Dictionary(uniqueKeysWithValues: zip(fit.parameterNames, $0.map { [$0.lowerBound, $0.upperBound] })) },
            intervalNote: fit.intervalNote,
            ranges: Dictionary(uniqueKeysWithValues: zip(inputNames, fit.ranges.map { [$0.lowerBound, $0.upperBound] })),
            bootstrap: JSONBootstrap(samples: fit.bootstrap.samples, method: fit.bootstrap.method?.rawValue, seed: fit.bootstrap.seed,
                                     failures: fit.bootstrap.failures, failureReasons: fit.bootstrap.failureReasons),
            predictions: predictions.map { $0.map(jsonPrediction) },
            holdout: holdout.map { holdout in
                JSONHoldout(largest: holdout.largest, remaining: holdout.remaining, status: holdout.fit == nil ? "undetermined" : "fitted",
                            reason: holdout.failure?.reason, fit: holdout.fit.map { jsonFit($0, predictions: nil, holdout: nil) },
                            points: holdout.points.map {
                                JSONHeldOut(label: $0.label, observed: $0.observed, prediction: jsonPrediction($0.prediction),
                                            absoluteError: $0.absoluteError, relativeError: $0.relativeError)
                            })
            })
    }

    private func jsonPrediction(_ prediction: Prediction) -> JSONPrediction {
        var inputs = [inputNames[0]: prediction.x]
        if let x2 = prediction.x2, inputNames.count > 1 { inputs[inputNames[1]] = x2 }
        return JSONPrediction(
            inputs: inputs, value: prediction.value, interval: prediction.interval.map { [$0.lowerBound, $0.upperBound] },
            extrapolations: prediction.extrapolations.map {
                JSONExtrapolation(input: inputNames[$0.input], direction: $0.isAbove ? "above" : "below", factor: $0.factor,
                                  text: $0.describe(inputName: inputNames[$0.input]))
            })
    }
}
