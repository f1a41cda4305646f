import ArgumentParser
import Foundation
import GQAReport
import SitePreview

/// `report-benchmarks watch`: what `report serve --watch` spends on noticing changes. It takes
/// one snapshot of the inputs every half second, so the time of a snapshot over a large sweep's
/// files is its idle cost. The files are empty placeholders in the layout of the sweep
/// benchmark (a run directory with its configuration and logs); benchmark input, not data.
struct WatchBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Time one snapshot of a project's inputs, as report serve --watch takes twice a second.")

    @Option(help: "Run directories to generate (four files each).")
    var runs = 1000

    @Option(name: .customLong("repeat"), help: "Repetitions (the median is shown).")
    var repeats = 5

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-report-watch-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = FileManager.default
        for index in 0..<runs {
            let run = root.appendingPathComponent("Results/runs/run-\(index)", isDirectory: true)
            try files.createDirectory(at: run.appendingPathComponent("tb"), withIntermediateDirectories: true)
            for name in ["args.json", "model_config.json", "stdout.log", "tb/events.out.tfevents.1700000000.host.1.0"] {
                files.createFile(atPath: run.appendingPathComponent(name).path, contents: Data())
            }
        }
        try files.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        let watcher = SourceWatcher(layout: ProjectLayout(root: root), runRoots: [])
        var count = 0
        let times = (0..<repeats).map { _ in seconds { count = watcher.snapshot().count } }
        report("snapshot of \(count) files", times, extra: String(format: "  %.1f%% of a core at two a second", median(times) * 2 * 100))
    }
}
