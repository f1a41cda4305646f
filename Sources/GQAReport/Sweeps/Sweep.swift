/// Runs that can be compared with each other: trained from scratch (or not known to be
/// fine-tuned) with the same vocabulary, so their losses share a unit, at the same training
/// context, and named into one sweep by the runs table where it says so. Only a sweep's runs
/// are fitted together, and a claim from runs is decided by one sweep (`SweepChoice`).
public struct Sweep: Sendable, Equatable, Codable {
    /// The runs table's `sweep` name, else one made of what its runs share
    /// ("vocab-50304-context-2048"); `--sweep NAME` chooses it.
    public var name: String
    /// Whether the runs table named it.
    public var declared: Bool
    /// Its runs' vocabulary size: the unit of their losses (nats per token of one tokenizer).
    public var vocabulary: Int
    /// Its runs' training context; nil where their files do not record it (all of them).
    public var context: Int?
    /// Its runs, by name, in name order.
    public var runs: [String]
    /// Example runs form sweeps of their own, which never decide a claim.
    public var isExample: Bool
    /// For people: what was assumed of its runs ("2 runs of unknown kind taken as trained from scratch").
    public var notes: [String] = []

    /// Each run's sweep, by run name (a run is in one sweep at most).
    public static func names(byRun sweeps: [Sweep]) -> [String: String] {
        Dictionary(sweeps.flatMap { sweep in sweep.runs.map { ($0, sweep.name) } }, uniquingKeysWith: { a, _ in a })
    }

    /// "vocabulary 50304, context 2048"
    public var shared: String {
        "vocabulary \(vocabulary), context \(context.map(String.init) ?? "not recorded")"
    }
}

/// A run left out of every sweep, and why (a fine-tune; in a declared sweep with another unit).
public struct RunOutsideSweeps: Sendable, Equatable, Codable {
    public var run: String
    public var reason: String
}
