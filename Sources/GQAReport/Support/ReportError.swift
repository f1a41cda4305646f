import Foundation

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

extension ReportError {
    /// An error from Foundation or the system, in words with the file it concerns, instead of
    /// its raw domain and code.
    public static func describing(_ error: Error) -> ReportError {
        if let error = error as? ReportError { return error }
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        var reason = ns.localizedDescription
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason += " (\(String(cString: strerror(Int32(underlying.code)))))"
        }
        return ReportError(path: path, reason)
    }
}
