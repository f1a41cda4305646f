import Foundation

/// What the open pages poll (`/__report/status`): a build number that grows with every good
/// rebuild, and the error of the last rebuild when it failed (the site on disk is then the last
/// good one, as a failed build writes nothing).
final class BuildStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var build = 0
    private var error: String?

    func succeeded() {
        lock.withLock {
            build += 1
            error = nil
        }
    }

    func failed(_ message: String) {
        lock.withLock { error = message }
    }

    var json: Data {
        lock.withLock {
            let value: [String: Any] = ["build": build, "error": error ?? NSNull()]
            return (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        }
    }
}
