import Foundation

// Timing and memory helpers shared by the benchmarks. They print figures; nothing asserts.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func report(_ label: String, _ times: [Double], extra: String = "") {
    print(String(format: "%-38@ median %8.2f ms  (min %.2f, max %.2f, %d runs)%@", label as NSString,
                 median(times) * 1000, times.min()! * 1000, times.max()! * 1000, times.count, extra as NSString))
}

func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1e6)
}

/// The repository this benchmark was built from (for Templates/, the schemas and the study's inputs).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A child process's exit status, wall time and peak resident memory (wait4's ru_maxrss), so
/// a build's memory is measured alone, not mixed with the benchmark's own.
struct ChildRun {
    var status: Int32
    var seconds: Double
    var peakBytes: Int
    var output: String

    static func run(_ executable: String, _ arguments: [String]) throws -> ChildRun {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-child-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil  // an opaque pointer on Darwin
        let environment = _NSGetEnviron().pointee
        #else
        var actions = posix_spawn_file_actions_t()
        let environment = environ
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environment)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)  // bytes on Darwin
        #else
        let peak = usage.ru_maxrss * 1024  // kilobytes on Linux
        #endif
        return ChildRun(status: (status >> 8) & 0xFF, seconds: elapsed, peakBytes: peak, output: output)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `print`, flushed at once, so progress shows while the output goes to a file.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
