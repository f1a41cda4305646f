import Foundation

/// `index.html`: the question, every claim with its verdict, and the headline figures.
enum IndexPage {
    static let template = "index.html"
    static let headlineFigures = ["headline-comparison", "loss-vs-cost-128k"]
    /// Drawn above the claims table: every verdict at a glance.
    static let claimsFigure = ClaimsForestFigure.name

    static func context(_ build: BuildContext) -> [String: Any] {
        SiteLayout.context(title: "Cost-optimal GQA: which claims hold", current: "index.html", [
            "claims": build.claims.map(claimEntry),
            "hasClaims": !build.claims.isEmpty,
            "holdCount": build.claims.filter { $0.verdict == .holds }.count,
            "failCount": build.claims.filter { $0.verdict == .fails }.count,
            "undecidedCount": build.claims.filter { $0.verdict == .notDecided }.count,
            "uncheckedCount": build.claims.filter { $0.verdict == .cannotBeChecked }.count,
            "digitizedPointCount": build.digitized.reduce(0) { $0 + $1.points.count },
            "loggedRunCount": build.runs.filter { !$0.isExample }.count,
            "runCount": build.runs.count,
            "exampleCount": build.runs.filter(\.isExample).count,
            "digitizedSources": build.digitized.map { ["id": $0.id, "origin": $0.origin, "file": $0.file.path, "sha256": $0.file.sha256, "points": $0.points.count] },
            "claimsFigure": build.figures.first { $0.name == claimsFigure }.map(FigurePage.summary) as Any,
            "figures": headlineFigures.compactMap { name in build.figures.first { $0.name == name } }.map(FigurePage.summary),
        ])
    }

    static func claimEntry(_ claim: ClaimResult) -> [String: Any] {
        let d = claim.declaration, e = d.expectation
        func number(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "–" }
        let relation: String = {
            switch e.relation {
            case .approximately: return "\(number(e.value)) ± \(number(e.tolerance))"
            case .atLeast: return "≥ \(number(e.value - e.tolerance))"
            case .atMost: return "≤ \(number(e.value + e.tolerance))"
            }
        }()
        var entry: [String: Any] = [
            "id": d.id, "statement": d.statement, "short": d.short ?? d.statement, "source": d.source, "required": d.required,
            "verdict": claim.verdict.rawValue, "verdictClass": Slug.make(claim.verdict.rawValue),
            "computed": claim.computed.value.map { "\(number($0)) \(e.unit)" } ?? "–", "paper": number(e.value), "expected": relation,
            "difference": claim.difference.map { String(format: "%+.3g", $0) + " \(e.unit)" } ?? "–", "unit": e.unit,
            "verdictReason": claim.verdictReason, "uncertaintyNote": claim.uncertainty.note,
            "extrapolations": claim.computed.extrapolations, "hasExtrapolations": !claim.computed.extrapolations.isEmpty,
            "rationale": e.rationale, "basis": claim.computed.basis,
            "hasReadings": !claim.computed.readings.isEmpty,
            "readings": claim.computed.readings.map { ["label": $0.label, "value": number($0.value), "convention": $0.convention] },
            "details": claim.computed.details,
        ]
        // Only present when set: Mustache renders a section for an empty string too.
        if let missing = claim.computed.missing { entry["missing"] = missing }
        // The verdicts at a glance: three significant digits, the interval's ends alike.
        if let value = claim.computed.value {
            func short(_ x: Double) -> String { NumberFormat.significant(x, digits: 3) }
            entry["glanceValue"] = "\(short(value)) \(e.unit)"
                + (claim.uncertainty.interval.map { " [\(short($0.lowerBound)) … \(short($0.upperBound))]" } ?? "")
        }
        if let interval = claim.uncertainty.interval { entry["interval"] = "\(number(interval.lowerBound)) … \(number(interval.upperBound))" }
        if let systematic = claim.uncertainty.systematic {
            entry["systematic"] = "\(number(systematic.range.lowerBound)) … \(number(systematic.range.upperBound)) \(e.unit) over the \(systematic.label)"
        }
        let runsLabel = claim.sweep.map { "the runs of sweep \($0)" } ?? "the runs"
        if let decider = claim.decidedBy { entry["decidedBy"] = decider == .runs ? runsLabel : "the digitized points" }
        if let other = claim.alternative {
            var alternative: [String: Any] = [
                "source": other.source == .runs ? runsLabel.prefix(1).uppercased() + runsLabel.dropFirst() : "The digitized points",
                "value": number(other.computed.value), "verdict": other.verdict.rawValue,
                "hasValue": other.computed.value != nil && other.computed.missing == nil,
            ]
            if let missing = other.computed.missing { alternative["missing"] = missing }
            entry["alternative"] = alternative
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
