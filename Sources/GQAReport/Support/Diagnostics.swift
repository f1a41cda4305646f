/// Warnings and progress collected while a step runs; the CLI prints them, tests read them.
public struct Diagnostics: Sendable {
    public private(set) var warnings: [String] = []
    /// Warnings about input files the build went on without (an unreadable run, a file that is
    /// no log, a Git LFS pointer): `--strict` makes them an error.
    public private(set) var problems: [String] = []
    /// What a person may want to know and need not act on (figures compared by content).
    public private(set) var notes: [String] = []
    /// The single warnings a folded warning stands for (the example runs' undetermined
    /// curves): printed with `-v` only.
    public private(set) var details: [String] = []

    public init() {}

    public mutating func detail(_ message: String) {
        details.append(message)
    }

    public mutating func note(_ message: String) {
        notes.append(message)
    }

    public mutating func warn(_ message: String) {
        warnings.append(message)
    }

    /// A warning that `--strict` turns into an error.
    public mutating func problem(_ message: String) {
        warnings.append(message)
        problems.append(message)
    }

    public mutating func append(_ other: Diagnostics) {
        warnings += other.warnings
        problems += other.problems
        notes += other.notes
        details += other.details
    }
}
