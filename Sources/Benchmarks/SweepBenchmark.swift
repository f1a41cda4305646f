import ArgumentParser
import Foundation
import GQAReport

/// `report-benchmarks sweep`: issue 8's scale benchmark. Generates a sweep of TensorBoard
/// runs (see `SweepGenerator`), then measures ingestion (one core and the whole ingest step),
/// a full `report build` in a child process (wall time, peak memory), a rebuild with nothing
/// changed, a rebuild after one run changed, and the peak memory of a build of a tenth of the
/// runs; with `--python`, the same work done by tbparse, TensorBoard's event loader, scipy
/// and matplotlib (python/python_stack.py), with the ratios.
struct SweepBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Generate a TensorBoard sweep and time ingestion, full and incremental builds, and the Python tools.")

    @Option(help: "Runs in the sweep.")
    var runs = 1000

    @Option(help: "Training steps per run.")
    var steps = 20_000

    @Option(help: "Log every n-th step (1: every step, 12 tags each).")
    var logEvery = 1

    @Option(help: "Folder to build the sweep in (default: a temporary folder, removed afterwards).")
    var directory: String?

    @Flag(help: "Keep the generated sweep.")
    var keep = false

    @Option(help: "A Python with tbparse, tensorboard, scipy and matplotlib, to compare with.")
    var python: String?

    @Option(help: "Runs the Python readers are timed on (they are slow; the Swift reader is timed on the same files).")
    var pythonRuns = 5

    func run() throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("gqa-report-sweep-\(getpid())")
        defer { if !keep { try? FileManager.default.removeItem(at: root) } }
        let layout = ProjectLayout(root: root)
        let report = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("report").path
        guard FileManager.default.isExecutableFile(atPath: report) else {
            throw BenchmarkError("no report executable beside this benchmark (\(report)); build it first: swift build -c release")
        }
        say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB")

        // 1. The sweep, with the study's inputs beside it so the build does everything it does for the study.
        try EventFileBuilder.selfCheck()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Results"), withIntermediateDirectories: true)
        for item in ["Templates", "Results/schemas", "Results/digitized", "Results/paper", "Results/claims.xml"] {
            let target = root.appendingPathComponent(item)
            if !FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: target)
            }
        }
        let generator = SweepGenerator(runs: runs, steps: steps, logEvery: logEvery)
        var generated = (bytes: 0, records: 0)
        let generation = try seconds { generated = try generator.write(into: layout.runs) }
        say(String(format: "sweep: %d runs x %d steps x %d tags (logged every %d), %@ of event files, %.2fM records; written in %.1f s",
                     runs, steps, SweepGenerator.tags.count, logEvery, megabytes(generated.bytes) as NSString,
                     Double(generated.records) / 1e6, generation))

        // 2. Ingestion: the event-file reader alone on one core, then the whole ingest step.
        let files = (0..<runs).map { layout.runs.appendingPathComponent(generator.name($0)).appendingPathComponent(generator.eventFileName($0)) }
        let oneCore = try readEventFiles(files)
        say(String(format: "TensorBoard reader, one core: %.2f s, %.0f MB/s, %.1fM records/s (file reads included)",
                     oneCore.seconds, Double(oneCore.bytes) / oneCore.seconds / 1e6, Double(oneCore.records) / oneCore.seconds / 1e6))
        var found = 0
        let discovery = try seconds { found = try RunDiscovery(layout: layout, roots: [layout.runs]).discover().runs.count }
        say(String(format: "run discovery (finding %d run directories and tying their logs): %.3f s", found, discovery))
        var context = BuildContext(layout: layout)
        let ingest = try seconds { try IngestStep().run(&context) }
        say(String(format: "ingest step, all cores (configs, SHA-256 of every file, summaries): %.2f s, %.0f MB/s",
                     ingest, Double(generated.bytes) / ingest / 1e6))
        let sweeps = try seconds { try SweepStep().run(&context) }
        say(String(format: "runs and sweeps step (one training one run, sweeps of %d runs): %.3f s", context.runs.count, sweeps))
        // Its worst case: as many text logs that no run directory owns, every pair compared.
        let alone = (0..<runs).map { i in
            RunWithoutConfiguration(name: "log-\(i)", file: InputFile(path: "log-\(i).log", sha256: "", bytes: 0), reason: "", finalLoss: nil,
                                    series: [], lossSeries: [],
                                    trainingCurve: (1...400).map { MetricPoint(step: $0 * 10, value: 8 - Double($0) / 100 + Double(i) / 1e4) },
                                    standsAlone: true)
        }
        var joined = 0
        let identity = try seconds { joined = RunIdentity.join(alone).runs.count }
        say(String(format: "one training one run over %d text logs alone (every pair compared): %.3f s, %d runs kept", runs, identity, joined))

        // 3. Builds in a child process: cold (no cache), again unchanged, after one run changed.
        let cache = root.appendingPathComponent(BuildCache.folderName)
        try? FileManager.default.removeItem(at: cache)
        let full = try build(report, root)
        say(String(format: "full build (cold cache): %.2f s wall, peak memory %@ (largest run %@)", full.seconds,
                     megabytes(full.peakBytes) as NSString, megabytes(generated.bytes / runs) as NSString))
        let unchanged = try build(report, root)
        say(String(format: "rebuild, nothing changed: %.3f s (%.1f%% of full)", unchanged.seconds, 100 * unchanged.seconds / full.seconds))
        try generator.writeRun(runs / 2, into: layout.runs, wobble: 0.01)
        let changed = try build(report, root)
        say(String(format: "rebuild, one run changed: %.3f s (%.1f%% of full; target < 10%%); its steps:", changed.seconds, 100 * changed.seconds / full.seconds))
        say(changed.output.split(separator: "\n").filter { $0.hasPrefix("      ") }.joined(separator: "\n"))

        // 4. Peak memory against sweep size: a tenth of the runs, cold.
        let aside = root.appendingPathComponent("runs-aside")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        let moved = (0..<runs).filter { $0 % 10 != 0 }.map(generator.name)
        for name in moved { try FileManager.default.moveItem(at: layout.runs.appendingPathComponent(name), to: aside.appendingPathComponent(name)) }
        try? FileManager.default.removeItem(at: cache)
        let tenth = try build(report, root)
        for name in moved { try FileManager.default.moveItem(at: aside.appendingPathComponent(name), to: layout.runs.appendingPathComponent(name)) }
        say(String(format: "peak memory: %d runs %@, %d runs %@", runs - moved.count, megabytes(tenth.peakBytes) as NSString,
                     runs, megabytes(full.peakBytes) as NSString))

        // 5. The Python stack on the same files.
        if let python {
            try PythonComparison(python: python, root: root, files: Array(files.prefix(pythonRuns)),
                                 swiftFull: full.seconds).run(context: context)
        }
    }

    private func build(_ report: String, _ root: URL) throws -> ChildRun {
        let run = try ChildRun.run(report, ["build", "--quiet", "--timings", "--root", root.path])
        guard run.status == 0 else { throw BenchmarkError("report build failed (\(run.status)):\n\(run.output)") }
        return run
    }
}

/// Reads event files one after another on this thread: bytes, records and seconds.
func readEventFiles(_ files: [URL]) throws -> (seconds: Double, bytes: Int, records: Int) {
    var bytes = 0, records = 0
    let time = try seconds {
        for file in files {
            let data = try Data(contentsOf: file)
            var diagnostics = Diagnostics()
            let metrics = try TensorBoardEventReader().read(data, path: file.lastPathComponent, diagnostics: &diagnostics)
            bytes += data.count
            records += metrics.tags.reduce(0) { $0 + metrics[$1].count }
        }
    }
    return (time, bytes, records)
}
