import Foundation

/// How far reading the runs has come: runs read of the total and the bytes of their files,
/// reported as each run is done (from whichever thread read it).
public struct IngestProgress: Sendable {
    public var runsRead: Int
    public var runsTotal: Int
    public var bytesRead: Int
    /// Seconds since reading began.
    public var elapsed: Double

    /// "reading runs: 120/1,000, 45.2 MB, 310 MB/s"
    public var line: String {
        let megabytes = Double(bytesRead) / 1e6
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        return "reading runs: \(runsRead)/\(runsTotal), " + String(format: "%.1f MB, %.0f MB/s", megabytes, rate)
    }
}

/// Counts runs and bytes from the threads that read the runs, and hands each new total on.
final class IngestProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var runs = 0, bytes = 0
    private let total: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private let report: @Sendable (IngestProgress) -> Void

    init(total: Int, report: @escaping @Sendable (IngestProgress) -> Void) {
        self.total = total
        self.report = report
    }

    func runDone(bytes read: Int) {
        lock.lock()
        runs += 1
        bytes += read
        let progress = IngestProgress(runsRead: runs, runsTotal: total, bytesRead: bytes,
                                      elapsed: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        lock.unlock()
        report(progress)
    }
}
