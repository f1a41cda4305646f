import ArgumentParser

/// Benchmarks of `report`. They print figures; no test asserts a time.
///   swift run -c release report-benchmarks [pipeline] [--steps S] [--repeat R]
///   swift run -c release report-benchmarks sweep [--runs 1000] [--steps 20000] [--python PATH]
///   swift run -c release report-benchmarks watch [--runs 1000]
///   swift run -c release report-benchmarks fits [--baseline PATH] [--python PATH] [--epoch-python]
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-benchmarks",
        abstract: "Benchmarks of the report pipeline (figures printed, nothing asserted).",
        subcommands: [PipelineBenchmark.self, SweepBenchmark.self, WatchBenchmark.self, FitsBenchmark.self],
        defaultSubcommand: PipelineBenchmark.self)
}
