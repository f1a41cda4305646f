import Foundation

/// `reproduction.html`: where the paper cannot be reproduced, with the numbers that show it.
enum ReproductionPage {
    static let template = "reproduction.html"

    static func context(_ build: BuildContext) -> [String: Any] {
        let r = build.reproduction
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "–" }
        let contexts = build.paper.table4Contexts
        let rows: [[String: Any]] = build.paper.table4Losses.map { loss in
            ["loss": NumberFormat.real(loss), "cells": contexts.map { t -> [String: Any] in
                let cell = r.table4.first { $0.loss == loss && $0.context == t }!
                return ["paper": "(\(cell.paper.queryHeads), \(cell.paper.kvHeads))",
                        "computed": cell.computed.map { "(\($0.queryHeads), \($0.kvHeads))" } ?? "none",
                        "class": cell.matches ? "match" : cell.paperCandidateCovered ? "differs" : "uncovered"]
            }]
        }
        let bySourceQuantity = Dictionary(grouping: r.residuals) { "\($0.source) \($0.quantity)" }
        let page: [String: Any] = [
            "curveSource": build.curveSource == .runs ? "the runs" : "the paper's Figure 2 (digitized)",
            "discrepancies": PaperDiscrepancies.items(build).map { ["title": $0.title, "source": $0.source, "finding": $0.finding] },
            "rules": r.rules.map { ["rule": $0.rule, "memory": percent($0.memory), "flops": percent($0.flops),
                                    "gap": $0.lossGap.map { String(format: "%.3f", $0) } ?? "–"] },
            "aspectMemory": r.aspectForPaperMemory.map { String(format: "%.1f", $0) } ?? "–",
            "aspectFlops": r.aspectForPaperFlops.map { String(format: "%.1f", $0) } ?? "–",
            "contexts": contexts.map { ["label": IndexPage.contextLabel($0)] },
            "table4": rows,
            "matching": r.table4.filter(\.matches).count, "cells": r.table4.count,
            "covered": r.candidatesCovered.map(\.description).joined(separator: ", "),
            "missing": r.candidatesMissing.map(\.description).joined(separator: ", "),
            "residuals": bySourceQuantity.keys.sorted().map { key -> [String: Any] in
                let group = bySourceQuantity[key]!
                let worst = group.max { abs($0.percent) < abs($1.percent) }!
                return ["what": key, "points": group.count, "within": group.filter(\.withinPrecision).count,
                        "worst": String(format: "%+.2f%%", worst.percent), "worstPoint": worst.label]
            },
            "crossings": r.crossings.map { ["first": $0.first, "second": $0.second, "heads": $0.heads.map { String(format: "%.0f", $0) } ?? "none"] },
            "appendixGap": r.appendixIGap.map { String(format: "%.3f at n_h = %.0f", $0.gap, $0.heads) } ?? "–",
        ]
        let values = page.merging(MiniReplicationSection.context(build)) { first, _ in first }
        return SiteLayout.context(title: "Where the paper cannot be reproduced", current: "reproduction.html", values)
    }
}
