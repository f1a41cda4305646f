import Foundation
import GQAReport

/// One progress line on standard error, redrawn in place at most ten times a second, and only
/// when standard error is a terminal (a log file or CI gets nothing).
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDrawn: UInt64 = 0

    /// A reporter for the build's ingest, or nil when standard error is not a terminal.
    static func forIngest() -> (@Sendable (IngestProgress) -> Void)? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        let progress = TerminalProgress()
        return { progress.draw($0.line, done: $0.runsRead == $0.runsTotal) }
    }

    func draw(_ line: String, done: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        guard done || now - lastDrawn > 100_000_000 else { return }
        lastDrawn = now
        // Carriage return and erase-line: the line is redrawn in place; the last one stays.
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (done ? "\n" : "")).utf8))
    }
}
