import Foundation

/// What a run directory parses into, for `report inspect` (text for people, JSON for machines).
public struct RunInspection: Codable, Sendable {
    public typealias Series = MetricSet.Summary

    public var name: String
    public var example: Bool
    public var exampleNote: String?
    public var model: ModelConfig
    public var training: TrainingConfig
    public var parameters: ParameterCount
    public var parametersTotal: Int
    public var nonEmbeddingParameters: Int
    public var paperFormulaN: Double
    public var finalLoss: FinalLoss
    public var tokens: TokenCount
    public var series: [Series]
    public var files: [InputFile]
    public var warnings: [String]

    public static func inspect(_ directory: URL, layout: ProjectLayout) throws -> RunInspection {
        var diagnostics = Diagnostics()
        let run = try RunDirectoryReader(layout: layout).read(directory, diagnostics: &diagnostics)
        let counts = ParameterCount(run.model)
        return RunInspection(
            name: run.name, example: run.isExample, exampleNote: run.exampleNote, model: run.model,
            training: run.training, parameters: counts, parametersTotal: counts.total,
            nonEmbeddingParameters: counts.nonEmbedding,
            paperFormulaN: ParameterConvention.paperFormula.count(run.model),
            finalLoss: run.finalLoss, tokens: run.tokens,
            series: run.metrics.summaries,
            files: run.provenance, warnings: diagnostics.warnings)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public var text: String {
        let m = model, t = training
        var lines = ["run \(name)" + (example ? "  [example]" : "")]
        if let exampleNote { lines.append("  note: \(exampleNote)") }
        lines.append("  model: L=\(m.layers) d=\(m.hiddenSize) H=\(m.heads) d_k=\(m.keyHeadSize) d_v=\(m.valueHeadSize) vocab=\(m.vocabularySize) ffn=\(m.ffnInnerSize)\(m.gatedFFN ? " (gated)" : "") \(m.tiedEmbeddings ? "tied" : "untied") embeddings")
        lines.append("  parameters: total \(parametersTotal), non-embedding \(nonEmbeddingParameters), authors' code \(parameters.authorsCodeNonEmbedding), paper formula \(NumberFormat.real(paperFormulaN))")
        lines.append("  training: context \(t.contextLength), batch \(t.batchSize) x accum \(t.gradientAccumulationSteps) x \(t.gpus.map(String.init) ?? "\(TrainingConfig.assumedGPUs) (assumed)") GPUs, \(t.trainSteps) steps, \(t.tokensPerStep) tokens/step")
        lines.append("  tokens: \(tokens.value) (\(tokens.source == .log ? "from the log" : "from args.json"))")
        lines.append("  final loss: \(NumberFormat.real(finalLoss.value)) (\(finalLoss.source.rawValue), \(finalLoss.points) point(s), step \(finalLoss.step))")
        lines.append("  series:")
        for s in series {
            lines.append("    " + s.line)
        }
        lines.append("  files:")
        for file in files { lines.append("    \(file.path)  sha256 \(file.sha256)  \(file.bytes) bytes") }
        for warning in warnings { lines.append("  warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}
