/// `Results/tables/runs.xml`: one row a run: configuration, tokens, final loss, parameter
/// counts, training cost, a summary of each metric series, and provenance.
public enum RunsTable {
    public static let fileName = "runs.xml"
    public static let schemaName = "runs.xsd"

    public static func xml(runs: [Run], costs: [RunCosts], options: BuildOptions, unreadable: [RunWithoutMetrics] = [],
                           sweeps: [Sweep] = [], outside: [RunOutsideSweeps] = []) -> String {
        let sweepOf = Sweep.names(byRun: sweeps)
        var x = XMLBuilder()
        x.open("runs", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
            "count": NumberFormat.integer(runs.count),
            "parameterConvention": options.parameterConvention.rawValue,
        ])
        for (run, cost) in zip(runs, costs) {
            let m = run.model, t = run.training, p = cost.parameters
            x.open("run", ["name": run.name, "example": run.isExample ? "true" : "false", "sweep": sweepOf[run.name]])
            x.empty("model", [
                "layers": NumberFormat.integer(m.layers),
                "hiddenSize": NumberFormat.integer(m.hiddenSize),
                "queryHeads": NumberFormat.integer(m.queryHeads),
                "kvHeads": NumberFormat.integer(m.kvHeads),
                "keyHeadSize": NumberFormat.integer(m.keyHeadSize),
                "valueHeadSize": NumberFormat.integer(m.valueHeadSize),
                "vocabularySize": NumberFormat.integer(m.vocabularySize),
                "tiedEmbeddings": m.tiedEmbeddings ? "true" : "false",
                "gatedFFN": m.gatedFFN ? "true" : "false",
                "ffnInnerSize": NumberFormat.integer(m.ffnInnerSize),
                "family": m.architecture.family,
                "configuredBy": run.configuredBy,
            ])
            x.empty("parameters", [
                "total": NumberFormat.integer(p.total),
                "nonEmbedding": NumberFormat.integer(p.nonEmbedding),
                "authorsCode": NumberFormat.integer(p.authorsCodeNonEmbedding),
                "paperFormula": NumberFormat.real(ParameterConvention.paperFormula.count(m)),
                "n": NumberFormat.real(cost.n),
            ])
            x.empty("training", [
                "contextLength": t.contextLength.map(NumberFormat.integer),
                "batchSize": t.batchSize.map(NumberFormat.integer),
                "gradientAccumulationSteps": NumberFormat.integer(t.gradientAccumulationSteps),
                "trainSteps": t.trainSteps.map(NumberFormat.integer),
                "gpus": t.effectiveGPUs.map(NumberFormat.integer),
                "gpusAssumed": t.gpus == nil && t.effectiveGPUs != nil ? "true" : "false",
                "tokensPerStep": t.tokensPerStep.map(NumberFormat.integer),
                "schedule": t.schedule,
                "learningRate": t.learningRate.map(NumberFormat.real),
                "trainConfig": t.trainConfigName,
                "modelConfig": t.modelConfigName,
            ])
            x.empty("tokens", ["value": run.tokens.value.map(NumberFormat.integer), "source": run.tokens.source.rawValue])
            x.empty("finalLoss", [
                "value": NumberFormat.real(run.finalLoss.value),
                "rule": run.finalLoss.source.rawValue,
                "points": NumberFormat.integer(run.finalLoss.points),
                "step": NumberFormat.integer(run.finalLoss.step),
            ])
            if let training = cost.training {
                x.empty("trainingCost", [
                    "flopsTable8": NumberFormat.real(training.flopsTable8),
                    "flopsEquation11": NumberFormat.real(training.flopsEquation11),
                    "memoryValues": NumberFormat.real(training.memoryValues),
                ])
            }
            x.open("metrics")
            for series in run.metrics.summaries {
                x.empty("series", [
                    "tag": series.tag,
                    "points": NumberFormat.integer(series.points),
                    "firstStep": NumberFormat.integer(series.firstStep),
                    "lastStep": NumberFormat.integer(series.lastStep),
                    // A logged value may be NaN (a skipped step's grad norm); leave it out then.
                    "lastValue": series.lastValue.map(NumberFormat.real),
                ])
            }
            x.close()
            x.open("provenance")
            for file in run.provenance {
                x.empty("file", ["path": file.path, "sha256": file.sha256, "bytes": NumberFormat.integer(file.bytes)])
            }
            x.close()
            if let note = run.exampleNote { x.text("exampleNote", note) }
            x.text("kind", run.kind.evidence, ["value": run.kind.kind.rawValue])
            for note in run.identity { x.text("identity", note) }
            x.close()
        }
        // Runs whose files could not be read: named with the reason, in no cost, fit or claim.
        for run in unreadable {
            x.text("unreadable", run.reason, ["name": run.name, "directory": run.directory])
        }
        for sweep in sweeps {
            x.open("sweep", ["name": sweep.name, "declared": sweep.declared ? "true" : "false", "example": sweep.isExample ? "true" : "false",
                             "vocabularySize": NumberFormat.integer(sweep.vocabulary), "contextLength": sweep.context.map(NumberFormat.integer)])
            for run in sweep.runs { x.empty("member", ["run": run]) }
            for note in sweep.notes { x.text("note", note) }
            x.close()
        }
        for run in outside { x.text("outside", run.reason, ["run": run.run]) }
        x.close()
        return x.document
    }
}
