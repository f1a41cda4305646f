/// A CSV of each table for people who work in spreadsheets: one header row, numbers in the
/// tables' number format, cells quoted when they hold a comma, a quote or a line break.
public enum CSVExport {
    static func document(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String {
        // A leading =, +, - or @ would be a formula in a spreadsheet; a quote mark keeps it text.
        let safe = text.first.map { "=+@".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func real(_ value: Double?) -> String { value.map(NumberFormat.real) ?? "" }

    public static func runs(_ runs: [Run], _ costs: [RunCosts]) -> String {
        document(
            ["run", "example", "layers", "hidden_size", "query_heads", "kv_heads", "parameters_total", "parameters_non_embedding",
             "n", "context_length", "tokens", "tokens_source", "final_loss", "final_loss_rule", "training_flops_table8"],
            zip(runs, costs).map { run, cost -> [String] in
                let model = [run.name, run.isExample ? "true" : "false", String(run.model.layers), String(run.model.hiddenSize),
                             String(run.model.queryHeads), String(run.model.kvHeads), String(cost.parameters.total),
                             String(cost.parameters.nonEmbedding), real(cost.n)]
                // An unknown context or token count is an empty cell.
                let training = [run.training.contextLength.map(String.init) ?? "", run.tokens.value.map(String.init) ?? "",
                                run.tokens.source.rawValue, real(run.finalLoss.value), run.finalLoss.source.rawValue,
                                real(cost.training?.flopsTable8)]
                return model + training
            })
    }

    public static func costs(_ costs: [RunCosts]) -> String {
        document(
            ["run", "context", "convention", "memory_invariant", "memory_variant", "flops_invariant", "flops_variant", "z"],
            costs.flatMap { cost in
                cost.contexts.flatMap { row in
                    row.byConvention.map { convention, c in
                        [cost.runName, String(row.context), convention.id, real(c.memoryInvariant), real(c.memoryVariant),
                         real(c.flopsInvariant), real(c.flopsVariant), real(row.z)]
                    }
                }
            })
    }

    public static func fits(_ outcomes: [FitOutcome]) -> String {
        document(
            ["fit", "law", "source", "status", "points", "parameter", "value", "stderr", "lower95", "upper95", "r2", "rmse"],
            outcomes.flatMap { outcome -> [[String]] in
                let s = outcome.selection
                guard let fit = outcome.fit else {
                    let status = outcome.status.name + ": " + (outcome.status.reason ?? "")
                    return [[s.id, s.law.rawValue, s.source.rawValue, status, String(s.data.count), "", "", "", "", "", "", ""]]
                }
                return fit.parameterNames.indices.map { j in
                    [s.id, s.law.rawValue, s.source.rawValue, "fitted", String(fit.n), fit.parameterNames[j], real(fit.parameters[j]),
                     real(fit.standardErrors?[j]), real(fit.intervals?[j].lowerBound), real(fit.intervals?[j].upperBound),
                     real(fit.r2), real(fit.rmse)]
                }
            })
    }

    public static func claims(_ claims: [ClaimResult]) -> String {
        document(
            ["id", "verdict", "required", "computed", "paper", "difference", "relation", "tolerance", "unit", "statement", "missing"],
            claims.map { c in
                let e = c.declaration.expectation
                return [c.declaration.id, c.verdict.rawValue, c.declaration.required ? "true" : "false", real(c.computed.value),
                        real(e.value), real(c.difference), e.relation.rawValue, real(e.tolerance), e.unit, c.declaration.statement,
                        c.computed.missing ?? ""]
            })
    }

    public static func figure(_ figure: Figure) -> String {
        document(["panel", "series", "x_label", "x", "y_label", "y"],
                 figure.dataRows.map { [$0.panel, $0.series, $0.xLabel, real($0.x), $0.yLabel, real($0.y)] })
    }
}
