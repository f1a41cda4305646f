/// An error a person can act on: which file, which line, and what is wrong with it.
public struct ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file at fault, as the user would type it (relative to the project root when inside it).
    public var path: String?
    /// The 1-based line in `path`, where there is one.
    public var line: Int?
    public var reason: String

    public init(path: String? = nil, line: Int? = nil, _ reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        switch (path, line) {
        case let (path?, line?): return "\(path):\(line): \(reason)"
        case let (path?, nil): return "\(path): \(reason)"
        default: return reason
        }
    }
}
