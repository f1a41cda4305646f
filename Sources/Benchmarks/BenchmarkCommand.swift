import ArgumentParser

/// Benchmarks of `report`. They print figures; no test asserts a time.
///   swift run -c release report-benchmarks [pipeline] [--steps S] [--repeat R]
///   swift run -c release report-benchmarks sweep [--runs 1000] [--steps 20000] [--python PATH]
///   swift run -c release report-benchmarks watch [--runs 1000]
///   swift run -c release report-benchmarks fits [--baseline PATH] [--python PATH] [--epoch-python]
///   swift run -c release report-benchmarks figures [--runs 7,40,200,1000] [--keep DIR]
///   swift run -c release report-benchmarks coverage [--points 4,5,6,10,30] [--trials 1000]
///   swift run -c release report-benchmarks text-logs [--megabytes 100]
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-benchmarks",
        abstract: "Benchmarks of the report pipeline (figures printed, nothing asserted).",
        subcommands: [PipelineBenchmark.self, SweepBenchmark.self, WatchBenchmark.self, FitsBenchmark.self, FiguresBenchmark.self, CoverageBenchmark.self, TextLogBenchmark.self],
        defaultSubcommand: PipelineBenchmark.self)
}
