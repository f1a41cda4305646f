import Foundation
import GQAReport

#if FUZZING
// libFuzzer's entry for programs that keep their own main (SwiftPM renames an executable's).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// The parsers of untrusted input, each as a function of raw bytes, for libFuzzer targets
/// (Sources/Fuzz) and for replaying a corpus in tests. A parser may reject its input with an
/// error; it must never crash, hang or read out of bounds.
public enum FuzzTargets {
    /// One target a parser of a file a user brings (`UserFileParsers.all`, which says what each runs).
    public static let all: [String: @Sendable (Data) -> Void] = UserFileParsers.all

    /// The entry point of the fuzz binary; the target is named by `GQA_FUZZ_TARGET` (`list`
    /// prints them all). Built with `-DFUZZING` (and `-sanitize=fuzzer`), it hands the parser to
    /// libFuzzer's driver, which takes the arguments; built normally it replays the files or
    /// folders given as arguments.
    public static func main() -> Never {
        #if FUZZING
        guard let run = chosen() else { exit(2) }
        current = run
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { bytes, count in
            FuzzTargets.current(bytes.map { Data(bytes: $0, count: count) } ?? Data())
            return 0
        })
        #else
        guard chosen() != nil else { exit(2) }
        exit(replay(String(cString: getenv("GQA_FUZZ_TARGET")), paths: Array(CommandLine.arguments.dropFirst())))
        #endif
    }

    /// The target `GQA_FUZZ_TARGET` names; nil, saying why, when it names none. `list` prints
    /// every name and exits. Its own function so the name is freed before fuzzing starts: a
    /// string held by the never-returning `main` shows as a leak to the leak checker.
    private static func chosen() -> (@Sendable (Data) -> Void)? {
        let target = getenv("GQA_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        if target == "list" {
            print(all.keys.sorted().joined(separator: "\n"))
            exit(0)
        }
        guard let run = all[target] else {
            FileHandle.standardError.write(Data("set GQA_FUZZ_TARGET to one of: \(all.keys.sorted().joined(separator: ", "))\n".utf8))
            return nil
        }
        return run
    }

    #if FUZZING
    /// libFuzzer's callback is a C function and cannot capture: the target is set once, before
    /// the driver starts, from the one thread that exists then.
    nonisolated(unsafe) private static var current: @Sendable (Data) -> Void = { _ in }
    #endif

    /// Runs one target over every file of a corpus folder (the replay mode of a fuzz binary).
    public static func replay(_ target: String, paths: [String]) -> Int32 {
        guard let run = all[target] else {
            FileHandle.standardError.write(Data("unknown fuzz target \(target); known: \(all.keys.sorted().joined(separator: ", "))\n".utf8))
            return 2
        }
        var count = 0
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let files = FileTree.isDirectory(url) ? FileTree.regularFiles(under: url).map { url.appendingPathComponent($0) } : [url]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                run(data)
                count += 1
            }
        }
        print("\(target): \(count) input(s) parsed without a crash")
        return 0
    }
}
