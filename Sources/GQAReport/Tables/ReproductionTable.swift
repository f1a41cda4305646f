/// `Results/tables/reproduction.xml`: the shape-rule sensitivity of the headline numbers,
/// the paper's Table 4 beside the recomputed one, the residuals of the digitized points
/// against the cost model, and the Appendix I checks.
public enum ReproductionTable {
    public static let fileName = "reproduction.xml"
    public static let schemaName = "reproduction.xsd"

    public static func xml(_ r: Reproduction) -> String {
        var x = XMLBuilder()
        x.open("reproduction", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
        ])
        x.open("shapeRules", [
            "aspectForPaperMemory": r.aspectForPaperMemory.map(NumberFormat.real),
            "aspectForPaperFlops": r.aspectForPaperFlops.map(NumberFormat.real),
        ])
        for row in r.rules {
            x.empty("rule", ["name": row.rule, "memoryReduction": row.memory.map(NumberFormat.real),
                             "flopsReduction": row.flops.map(NumberFormat.real), "lossGap": row.lossGap.map(NumberFormat.real)])
        }
        x.close()
        x.open("table4", [
            "cells": NumberFormat.integer(r.table4.count),
            "matching": NumberFormat.integer(r.table4.filter(\.matches).count),
            "candidatesCovered": r.candidatesCovered.map { "\($0.queryHeads),\($0.kvHeads)" }.joined(separator: " "),
            "candidatesMissing": r.candidatesMissing.map { "\($0.queryHeads),\($0.kvHeads)" }.joined(separator: " "),
        ])
        for cell in r.table4 {
            x.empty("cell", [
                "targetLoss": NumberFormat.real(cell.loss), "context": NumberFormat.integer(cell.context),
                "paper": "\(cell.paper.queryHeads),\(cell.paper.kvHeads)",
                "computed": cell.computed.map { "\($0.queryHeads),\($0.kvHeads)" },
                "matches": cell.matches ? "true" : "false",
                "paperCandidateCovered": cell.paperCandidateCovered ? "true" : "false",
            ])
        }
        x.close()
        x.open("residuals", ["points": NumberFormat.integer(r.residuals.count),
                             "withinPrecision": NumberFormat.integer(r.residuals.filter(\.withinPrecision).count)])
        for residual in r.residuals {
            x.empty("residual", [
                "source": residual.source, "point": residual.label, "quantity": residual.quantity,
                "digitized": NumberFormat.real(residual.digitized), "computed": NumberFormat.real(residual.computed),
                "percent": NumberFormat.real(residual.percent), "precision": NumberFormat.real(residual.precision),
                "withinPrecision": residual.withinPrecision ? "true" : "false",
            ])
        }
        x.close()
        x.open("appendixI")
        for crossing in r.crossings {
            x.empty("crossing", ["first": crossing.first, "second": crossing.second, "heads": crossing.heads.map(NumberFormat.real)])
        }
        if let gap = r.appendixIGap {
            x.empty("consistency", ["curves": "470M at 1K", "largestGap": NumberFormat.real(gap.gap), "atHeads": NumberFormat.real(gap.heads)])
        }
        x.close()
        x.close()
        return x.document
    }
}
