/// Reads every run under `Results/runs/`, the digitized sources under `Results/digitized/`
/// and the paper's published tables under `Results/paper/`.
public struct IngestStep: BuildStep {
    public init() {}

    public var name: String { "ingest runs, digitized data and published tables" }

    public func run(_ context: inout BuildContext) throws {
        context.runs = try RunCollectionReader(layout: context.layout, cache: context.cache).readAll(diagnostics: &context.diagnostics)
        (context.digitized, context.digitizedManifest) = try DigitizedSourceReader(layout: context.layout).readAll()
        context.paper = try PaperTablesReader(layout: context.layout).read()
        context.benchmarks = try BenchmarkResultsReader(layout: context.layout).readAll()
    }
}
