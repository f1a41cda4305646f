import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time on a root: two builds share the staging folder and swap the same
/// output folders, so the second waits for the first. An advisory `flock` on
/// `<root>/.report-lock` (git-ignored), released by the kernel if the holder dies; the file
/// names the holder (process id, start time) for the message the waiting build prints.
public final class BuildLock: @unchecked Sendable {
    public static let fileName = ".report-lock"
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock, waiting for the build that holds it; `waiting` is told who that is.
    public static func acquire(root: URL, waiting: (String) -> Void = { _ in }) throws -> BuildLock {
        let path = root.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReportError(path: fileName, "cannot open the build lock: \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw ReportError(path: fileName, "cannot take the build lock: \(reason)")
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            waiting("waiting for the build that holds \(root.path) (\(holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another report process")) to finish")
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw ReportError(path: fileName, "cannot take the build lock: \(reason)")
                }
            }
        }
        let note = "report build, pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return BuildLock(descriptor: descriptor)
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
