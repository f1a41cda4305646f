/// Reads every run under `Results/runs/` and the digitized sources under `Results/digitized/`.
public struct IngestStep: BuildStep {
    public init() {}

    public var name: String { "ingest runs and digitized data" }

    public func run(_ context: inout BuildContext) throws {
        context.runs = try RunCollectionReader(layout: context.layout).readAll(diagnostics: &context.diagnostics)
        (context.digitized, context.digitizedManifest) = try DigitizedSourceReader(layout: context.layout).readAll()
    }
}
