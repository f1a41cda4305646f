/// Warnings and progress collected while a step runs; the CLI prints them, tests read them.
public struct Diagnostics: Sendable {
    public private(set) var warnings: [String] = []

    public init() {}

    public mutating func warn(_ message: String) {
        warnings.append(message)
    }

    public mutating func append(_ other: Diagnostics) {
        warnings += other.warnings
    }
}
