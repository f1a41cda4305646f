/// Reads every run under the runs folders (`Results/runs/` or `--runs`), the digitized sources under `Results/digitized/`
/// and the paper's published tables under `Results/paper/`.
public struct IngestStep: BuildStep {
    public init() {}

    public var name: String { "ingest runs, digitized data and published tables" }

    public func run(_ context: inout BuildContext) throws {
        var diagnostics = Diagnostics()
        let declared = try DeclaredRuns.load(context.options.runsTable, layout: context.layout)
        let collection = try RunCollectionReader(layout: context.layout, roots: context.options.runRoots, cache: context.cache, declared: declared,
                                                 progress: context.options.ingestProgress)
            .readAll(diagnostics: &diagnostics)
        // One list of everything the build would go on without: unreadable runs and files, and
        // the logs and folders no run reads.
        let withoutThem = diagnostics.problems + collection.leftOut
        if context.options.strict, !withoutThem.isEmpty {
            throw ReportError("--strict: \(withoutThem.count) input(s) under the runs folders the build would go on without:\n  "
                + withoutThem.joined(separator: "\n  "))
        }
        context.diagnostics.append(diagnostics)
        context.runs = collection.runs
        context.runsWithoutMetrics = collection.withoutMetrics
        context.runsWithoutConfiguration = collection.withoutConfiguration
        (context.digitized, context.digitizedManifest) = try DigitizedSourceReader(layout: context.layout).readAll()
        context.paper = try PaperTablesReader(layout: context.layout).read()
        context.benchmarks = try BenchmarkResultsReader(layout: context.layout).readAll(diagnostics: &context.diagnostics)
    }
}
