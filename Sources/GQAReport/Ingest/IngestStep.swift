/// Reads every run under `Results/runs/`.
public struct IngestStep: BuildStep {
    public init() {}

    public var name: String { "ingest runs" }

    public func run(_ context: inout BuildContext) throws {
        context.runs = try RunCollectionReader(layout: context.layout).readAll(diagnostics: &context.diagnostics)
    }
}
