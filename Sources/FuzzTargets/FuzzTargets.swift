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
    public static let all: [String: @Sendable (Data) -> Void] = [
        "stdout": { data in parse(TrainerStdoutReader(), data) },
        "tfevents": { data in parse(TensorBoardEventReader(), data) },
        "jsonl": { data in parse([JSONLinesMetricsReader(), WandbHistoryJSONLReader(), WandbSummaryReader()], data) },
        "wandb": { data in parse(WandbTransactionLogReader(), data) },
        "wandb-csv": { data in parse([WandbHistoryCSVReader(), WandbChartExportReader(), TensorBoardCSVReader()], data) },
        "lm-eval": { data in
            var diagnostics = Diagnostics()
            _ = try? BenchmarkResultsReader.parse(data, path: "fuzz.json", label: "fuzz", diagnostics: &diagnostics)
        },
    ]

    private static func parse(_ reader: any MetricLogReader, _ data: Data) {
        parse([reader], data)
    }

    /// Each reader on the same bytes (formats that share a fuzz target share its corpus).
    private static func parse(_ readers: [any MetricLogReader], _ data: Data) {
        for reader in readers {
            var diagnostics = Diagnostics()
            _ = try? reader.read(data, path: "fuzz", diagnostics: &diagnostics)
        }
    }

    /// The entry point of the fuzz binary of `target`. Built with `-DFUZZING` (and
    /// `-sanitize=fuzzer`), it hands the parser to libFuzzer's driver; built normally it replays
    /// the files or folders given as arguments.
    public static func main(_ target: String) -> Never {
        #if FUZZING
        current = all[target]!
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { bytes, count in
            FuzzTargets.current(bytes.map { Data(bytes: $0, count: count) } ?? Data())
            return 0
        })
        #else
        exit(replay(target, paths: Array(CommandLine.arguments.dropFirst())))
        #endif
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
