/// A claim of the study as `Results/claims.xml` declares it.
public struct ClaimDeclaration: Sendable {
    public var id: String
    public var statement: String
    /// The claim in a few words (`short` in the claims file), for the verdicts at a glance.
    public var short: String? = nil
    /// Where the paper makes it ("v3 §5.2, Figure 1").
    public var source: String
    /// A failure of a required claim makes `report check` exit 1.
    public var required: Bool
    public var computation: ComputationSpec
    public var expectation: Expectation
    public var line: Int
    /// Which data decides it (`source` in the claims file; `--source` overrides it).
    public var sourceChoice: SourceChoice = .auto
}

/// A named computation and its parameters, as written in the claims file.
public struct ComputationSpec: Sendable {
    public var name: String
    public var parameters: [(name: String, value: String)]
    /// Child elements (published curves, readings), each as its attributes.
    public var items: [(element: String, attributes: [(name: String, value: String)])]
    public var path: String
    public var line: Int

    func error(_ reason: String) -> ReportError {
        ReportError(path: path, line: line, "computation '\(name)': \(reason)")
    }

    func string(_ key: String) throws -> String {
        guard let value = parameters.first(where: { $0.name == key })?.value else {
            throw error("missing parameter '\(key)'")
        }
        return value
    }

    func optionalString(_ key: String) -> String? {
        parameters.first { $0.name == key }?.value
    }

    func number(_ key: String) throws -> Double {
        let text = try string(key)
        guard let value = Double(text), value.isFinite else { throw error("parameter '\(key)' must be a number, found '\(text)'") }
        return value
    }

    /// The fixed baseline model of a comparison (Llama-3.2-1B's shape in the study's claims).
    func baselineModel() throws -> ModelConfig {
        ModelConfig(layers: try integer("baselineLayers"), hiddenSize: try integer("baselineHidden"),
                    queryHeads: try integer("baselineQueryHeads"), kvHeads: try integer("baselineKVHeads"))
    }

    func integer(_ key: String) throws -> Int {
        let text = try string(key)
        guard let value = Int(text), value > 0 else { throw error("parameter '\(key)' must be a positive integer, found '\(text)'") }
        return value
    }
}

/// What the paper says, and how close a computed value must come.
public struct Expectation: Sendable {
    public enum Relation: String, Sendable, CaseIterable {
        /// |computed − value| ≤ tolerance
        case approximately
        /// computed ≥ value − tolerance
        case atLeast
        /// computed ≤ value + tolerance
        case atMost
    }

    public var relation: Relation
    public var value: Double
    public var tolerance: Double
    public var unit: String
    /// Why the tolerance is what it is (the data's precision).
    public var rationale: String

    public func holds(_ computed: Double) -> Bool {
        band.contains(computed)
    }

    /// The values for which the claim holds: value ± tolerance, or a half-line.
    public var band: ClosedRange<Double> {
        switch relation {
        case .approximately: return (value - tolerance)...(value + tolerance)
        case .atLeast: return (value - tolerance)...Double.infinity
        case .atMost: return -Double.infinity...(value + tolerance)
        }
    }

    /// The band in words: "48.8 … 52.8 %", "≥ 1 pairs".
    public var bandText: String {
        func number(_ x: Double) -> String { NumberFormat.prose(x) }
        switch relation {
        case .approximately: return "\(number(value - tolerance)) … \(number(value + tolerance)) \(unit)"
        case .atLeast: return "≥ \(number(value - tolerance)) \(unit)"
        case .atMost: return "≤ \(number(value + tolerance)) \(unit)"
        }
    }

    /// The verdict rule. With a 95% interval: holds when the whole interval lies in the band,
    /// fails when none of it does, not decided when it reaches both sides. Without one, the
    /// value decides, and the reason says why there is no interval.
    public func decide(_ computed: Double, uncertainty: ClaimUncertainty) -> (verdict: Verdict, reason: String) {
        let pointSays = holds(computed) ? "holds" : "fails"
        guard let interval = uncertainty.interval else {
            return (holds(computed) ? .holds : .fails,
                    "decided by the value alone (\(NumberFormat.prose(computed)) \(unit), band \(bandText)): \(uncertainty.note)")
        }
        let range = "95% interval \(NumberFormat.prose(interval.lowerBound)) … \(NumberFormat.prose(interval.upperBound)) \(unit)"
        if band.contains(interval.lowerBound) && band.contains(interval.upperBound) {
            return (.holds, "the whole \(range) lies in the band \(bandText)")
        }
        if interval.upperBound < band.lowerBound || interval.lowerBound > band.upperBound {
            return (.fails, "the whole \(range) lies outside the band \(bandText)")
        }
        return (.notDecided, "the \(range) reaches both inside and outside the band \(bandText): these data do not decide it (the value alone, \(NumberFormat.prose(computed)), would say it \(pointSays))")
    }
}

/// Another way to read the same quantity (another source or convention), shown beside the
/// verdict's value.
public struct Reading: Sendable, Equatable {
    public var label: String
    public var value: Double
    public var convention: String
}

/// What a computation found, or why it could not find it.
public struct ComputedClaim: Sendable {
    public var value: Double?
    /// The data the value rests on ("digitized: figure-2").
    public var basis: String
    public var details: [String] = []
    public var readings: [Reading] = []
    /// Each fitted law the value evaluates outside the data it was fitted on, with the factor
    /// ("N*(H=(8,1)) = 1.07e+09 is 1.86× the largest fitted N (5.746e+08)").
    public var extrapolations: [String] = []
    /// Set when the value cannot be computed from the data at hand: which data is missing.
    public var missing: String?

    public static func cannotBeChecked(_ reason: String, basis: String = "none") -> ComputedClaim {
        ComputedClaim(value: nil, basis: basis, missing: reason)
    }
}

public enum Verdict: String, Sendable, CaseIterable {
    case holds
    case fails
    /// The value's 95% interval reaches both inside and outside the tolerance band.
    case notDecided = "not decided"
    case cannotBeChecked = "cannot be checked"
}

public struct ClaimResult: Sendable {
    public var declaration: ClaimDeclaration
    public var computed: ComputedClaim
    public var verdict: Verdict
    /// What decided the verdict, in words (Expectation.decide).
    public var verdictReason: String = ""
    public var uncertainty: ClaimUncertainty = .none("no value was computed")
    /// The setting the claim was decided under (the claim's own, or `--source`).
    public var sourceChoice: SourceChoice = .auto
    /// The data that decided it; nil for claims on published numbers or the cost model alone.
    public var decidedBy: DataSource?
    /// The same computation on the other source, shown beside the verdict (the user's runs
    /// against the paper's figure).
    public var alternative: Alternative?
    /// The sweep whose runs the runs' value came from (`SweepChoice`); nil where no sweep did.
    public var sweep: String? = nil

    public struct Alternative: Sendable {
        public var source: DataSource
        public var computed: ComputedClaim
        public var verdict: Verdict
        public var uncertainty: ClaimUncertainty = .none("no value was computed")
    }

    public var difference: Double? {
        computed.value.map { $0 - declaration.expectation.value }
    }

    /// True when this result should fail CI.
    public var failsCI: Bool { declaration.required && verdict == .fails }
}
