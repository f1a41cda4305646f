import Foundation

/// A fit as `report fit` prints it.
public enum FitReport {
    private struct Summary: Encodable {
        var law: String
        var parameters: [String: Double]
        var stderr: [String: Double]?
        var r2: Double
        var rmse: Double
        var n: Int
    }

    /// `{"law": …, "parameters": {…}, "stderr": {…} | null, "r2": …, "rmse": …, "n": …}`.
    public static func json(_ fit: Fit) throws -> String {
        let named = { (values: [Double]) in Dictionary(uniqueKeysWithValues: zip(fit.parameterNames, values)) }
        let summary = Summary(law: fit.law.rawValue, parameters: named(fit.parameters),
                              stderr: fit.standardErrors.map(named), r2: fit.r2, rmse: fit.rmse, n: fit.n)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    public static func text(_ fit: Fit) -> String {
        var lines = ["\(fit.law.rawValue): \(fit.formula)", "n = \(fit.n), R² = \(NumberFormat.real(fit.r2)), RMSE = \(NumberFormat.real(fit.rmse))"]
        for (j, name) in fit.parameterNames.enumerated() {
            var line = "  \(name) = \(NumberFormat.real(fit.parameters[j]))"
            if let errors = fit.standardErrors { line += "  ± \(NumberFormat.real(errors[j]))" }
            if let intervals = fit.intervals {
                line += "  95% [\(NumberFormat.real(intervals[j].lowerBound)), \(NumberFormat.real(intervals[j].upperBound))]"
            }
            lines.append(line)
        }
        lines.append("bootstrap: \(fit.bootstrap.samples) resamples, seed \(fit.bootstrap.seed), \(fit.bootstrap.failures) failed"
                     + (fit.intervals == nil ? " (too many to give intervals)" : ""))
        if fit.standardErrors == nil { lines.append("standard errors: n/a (as many points as parameters)") }
        return lines.joined(separator: "\n")
    }
}
