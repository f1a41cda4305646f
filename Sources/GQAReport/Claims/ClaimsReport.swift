import Foundation

/// The claims as `report check` prints them: a table for people, JSON for machines.
public enum ClaimsReport {
    public static func text(_ claims: [ClaimResult], verbose: Bool = false) -> String {
        guard !claims.isEmpty else { return "no claims declared (Results/claims.xml)" }
        func cell(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "-" }
        func row(_ cells: [String]) -> String {
            let widths = [4, 20, 10, 10, 20, 10, 10, 10]
            return zip(cells, widths).enumerated().map { index, pair in
                let (text, width) = pair
                let pad = String(repeating: " ", count: max(0, width - text.count))
                return index < 2 ? text + pad : pad + text
            }.joined(separator: " ") + "  " + cells[8]
        }
        func interval(_ u: ClaimUncertainty) -> String {
            u.interval.map { "[\(cell($0.lowerBound)), \(cell($0.upperBound))]" } ?? "-"
        }
        var lines = [row(["id", "verdict", "source", "computed", "95% interval", "paper", "diff", "tolerance", "unit"])]
        for c in claims {
            let e = c.declaration.expectation
            let verdict = c.verdict.rawValue + (c.declaration.required ? "" : " *")
            lines.append(row([c.declaration.id, verdict, c.decidedBy?.rawValue ?? "-", cell(c.computed.value), interval(c.uncertainty), cell(e.value),
                              cell(c.difference), "±" + cell(e.tolerance), e.unit]))
            if verbose || c.verdict != .cannotBeChecked { lines.append("       why: \(c.verdictReason)") }
            if let systematic = c.uncertainty.systematic {
                lines.append("       \(systematic.label): \(cell(systematic.range.lowerBound)) … \(cell(systematic.range.upperBound)) \(e.unit) (a modelling choice, not in the interval)")
            }
            for extrapolation in c.computed.extrapolations { lines.append("       extrapolation: \(extrapolation)") }
            if let other = c.alternative {
                let value = other.computed.value.map { String(format: "%.4g %@ %@(%@)", $0, e.unit, other.uncertainty.interval.map { "\(interval(ClaimUncertainty(method: .none, interval: $0, note: ""))) " } ?? "", other.verdict.rawValue) } ?? other.verdict.rawValue
                lines.append("       \(other.source.rawValue): \(value)" + (other.computed.missing.map { ": \($0)" } ?? ""))
            }
            for reading in c.computed.readings {
                lines.append("       also: \(String(format: "%.4g", reading.value)) \(e.unit), \(reading.label) [\(reading.convention)]")
            }
            if let missing = c.computed.missing { lines.append("       missing: \(missing)") }
            if let sweep = c.sweep { lines.append("       sweep: \(sweep) (its runs gave the runs' value; site/runs.html lists them)") }
            if verbose {
                lines.append("       basis: \(c.computed.basis)")
                lines.append("       uncertainty: \(c.uncertainty.note)")
                for detail in c.computed.details { lines.append("       - \(detail)") }
            }
        }
        lines.append("* not required: its failure does not fail the check")
        lines.append("a verdict with a 95% interval: holds when the whole interval lies in the tolerance band, fails when none of it does, not decided otherwise; without one, the value decides")
        let count = { (v: Verdict) in claims.filter { $0.verdict == v }.count }
        lines.append("\(count(.holds)) hold, \(count(.fails)) fail, \(count(.notDecided)) not decided, \(count(.cannotBeChecked)) cannot be checked")
        return lines.joined(separator: "\n")
    }

    private struct Entry: Encodable {
        var id: String
        var statement: String
        var required: Bool
        var verdict: String
        var computed: Double?
        var paper: Double
        var difference: Double?
        var tolerance: Double
        var relation: String
        var unit: String
        var basis: String
        var missing: String?
        var readings: [ReadingEntry]
        var details: [String]
        /// The data that decided the verdict: "runs", "digitized", or "none" for claims on
        /// published numbers or the cost model alone.
        var source: String
        var sourceSetting: String
        var sweep: String?
        var alternative: AlternativeEntry?
        var interval: IntervalEntry?
        var intervalMethod: String
        var intervalNote: String
        var systematic: SystematicEntry?
        var verdictReason: String
        var extrapolations: [String]
    }

    private struct IntervalEntry: Encodable {
        var lower: Double
        var upper: Double
        var replicates: Int
        var failedReplicates: Int

        init?(_ u: ClaimUncertainty) {
            guard let interval = u.interval else { return nil }
            (lower, upper, replicates, failedReplicates) = (interval.lowerBound, interval.upperBound, u.replicates, u.failedReplicates)
        }
    }

    private struct SystematicEntry: Encodable {
        var label: String
        var lower: Double
        var upper: Double
    }

    private struct AlternativeEntry: Encodable {
        var source: String
        var verdict: String
        var computed: Double?
        var interval: IntervalEntry?
        var basis: String
        var missing: String?
    }

    private struct ReadingEntry: Encodable {
        var label: String
        var value: Double
        var convention: String
    }

    public static func json(_ claims: [ClaimResult]) throws -> String {
        let entries = claims.map { c in
            Entry(id: c.declaration.id, statement: c.declaration.statement, required: c.declaration.required,
                  verdict: c.verdict.rawValue, computed: c.computed.value, paper: c.declaration.expectation.value,
                  difference: c.difference, tolerance: c.declaration.expectation.tolerance,
                  relation: c.declaration.expectation.relation.rawValue, unit: c.declaration.expectation.unit,
                  basis: c.computed.basis, missing: c.computed.missing,
                  readings: c.computed.readings.map { ReadingEntry(label: $0.label, value: $0.value, convention: $0.convention) },
                  details: c.computed.details, source: c.decidedBy?.rawValue ?? "none", sourceSetting: c.sourceChoice.rawValue, sweep: c.sweep,
                  alternative: c.alternative.map {
                      AlternativeEntry(source: $0.source.rawValue, verdict: $0.verdict.rawValue, computed: $0.computed.value,
                                       interval: IntervalEntry($0.uncertainty), basis: $0.computed.basis, missing: $0.computed.missing)
                  },
                  interval: IntervalEntry(c.uncertainty), intervalMethod: c.uncertainty.method.rawValue, intervalNote: c.uncertainty.note,
                  systematic: c.uncertainty.systematic.map { SystematicEntry(label: $0.label, lower: $0.range.lowerBound, upper: $0.range.upperBound) },
                  verdictReason: c.verdictReason, extrapolations: c.computed.extrapolations)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
