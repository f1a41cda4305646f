/// A claim of the study as `Results/claims.xml` declares it.
public struct ClaimDeclaration: Sendable {
    public var id: String
    public var statement: String
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
    public enum Relation: String, Sendable {
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
        switch relation {
        case .approximately: return abs(computed - value) <= tolerance
        case .atLeast: return computed >= value - tolerance
        case .atMost: return computed <= value + tolerance
        }
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
    /// Set when the value cannot be computed from the data at hand: which data is missing.
    public var missing: String?

    public static func cannotBeChecked(_ reason: String, basis: String = "none") -> ComputedClaim {
        ComputedClaim(value: nil, basis: basis, missing: reason)
    }
}

public enum Verdict: String, Sendable {
    case holds
    case fails
    case cannotBeChecked = "cannot be checked"
}

public struct ClaimResult: Sendable {
    public var declaration: ClaimDeclaration
    public var computed: ComputedClaim
    public var verdict: Verdict
    /// The setting the claim was decided under (the claim's own, or `--source`).
    public var sourceChoice: SourceChoice = .auto
    /// The data that decided it; nil for claims on published numbers or the cost model alone.
    public var decidedBy: DataSource?
    /// The same computation on the other source, shown beside the verdict (the user's runs
    /// against the paper's figure).
    public var alternative: Alternative?

    public struct Alternative: Sendable {
        public var source: DataSource
        public var computed: ComputedClaim
        public var verdict: Verdict
    }

    public var difference: Double? {
        computed.value.map { $0 - declaration.expectation.value }
    }

    /// True when this result should fail CI.
    public var failsCI: Bool { declaration.required && verdict == .fails }
}
