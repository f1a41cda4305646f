import Foundation

/// `report recommend`: the cost-optimal head configuration for a context length and a target
/// loss, over the fitted L(N; H) curves, against a Llama-3-style baseline at the same loss.
public struct Recommendation: Sendable {
    public var search: CostOptimalSearch
    public var candidates: [CostOptimalSearch.Candidate]
    public var winner: Int?
    public var baseline: CostOptimalSearch.Candidate?
    /// Where the curves came from.
    public var curveSource: String

    /// The curves one source offers the search, and the baseline's curve from the same source.
    public struct CurveSet: Sendable {
        /// The source as resolved: "runs", "example-runs", or a digitized source id.
        public var source: String
        public var curves: [SizeCurve]
        public var baseline: SizeCurve?
        /// For people: "runs", "figure-2 (digitized)".
        public var description: String
    }

    /// Which curves to search: "auto" takes the runs' curves when there are any, else the
    /// digitized Figure 2 curves; "digitized" is Figure 2's.
    public static func curveSet(fits: [FitOutcome], source: String = "auto") -> CurveSet {
        func curves(_ wanted: String) -> [SizeCurve] {
            fits.compactMap { outcome in
                let s = outcome.selection
                guard s.law == .sizeLaw, let fit = outcome.fit, let heads = s.heads else { return nil }
                let matches = wanted == "runs" ? s.source == .runs
                    : wanted == DataSource.exampleRuns.rawValue ? s.source == .exampleRuns
                    : (s.source == .digitized && s.sourceID == wanted)
                guard matches else { return nil }
                return SizeCurve(label: "H = \(heads)", family: .fixed(heads), fit: fit,
                                 provenance: wanted == "runs" ? "runs" : "\(wanted) (digitized)")
            }
        }
        let chosen = source == "auto" ? (curves("runs").isEmpty ? "figure-2" : "runs") : source == "digitized" ? "figure-2" : source
        // The baseline, from the same source as the candidates: the runs' Llama-3 GQA family
        // (n_h = d/64, n_kv = 8) for runs; for digitized curves, Llama-3 style (n_h·d_h = d,
        // n_kv = n_h/4) on the loss curve of Figure 1's Llama-3 series. The example runs have
        // no Llama-3 rungs, and a tiny model's loss set against the paper's curve says nothing.
        let baseline: SizeCurve?
        switch chosen {
        case "runs": baseline = try? CurveReference.sizeCurve("runs:" + CurveReference.llama3Series, family: .llama3(kvHeads: 8), in: fits).get()
        case DataSource.exampleRuns.rawValue: baseline = nil
        default: baseline = try? CurveReference.sizeCurve("figure-1:Llama-3 GQA", family: .llama3(kvHeads: nil), in: fits).get()
        }
        return CurveSet(source: chosen, curves: curves(chosen), baseline: baseline,
                        description: chosen == "runs" || chosen == DataSource.exampleRuns.rawValue ? chosen : "\(chosen) (digitized)")
    }

    public static func make(fits: [FitOutcome], search: CostOptimalSearch, source: String = "auto") -> Recommendation {
        let set = curveSet(fits: fits, source: source)
        let (found, winner) = search.search(set.curves)
        return Recommendation(search: search, candidates: found, winner: winner, baseline: set.baseline.map(search.evaluate),
                              curveSource: set.description)
    }

    /// % saved by the winner against the baseline, per quantity.
    public var savings: [CostObjective: Double] {
        guard let winner, let baseline else { return [:] }
        var out: [CostObjective: Double] = [:]
        for objective in CostObjective.allCases {
            if let a = candidates[winner].value(objective), let b = baseline.value(objective) { out[objective] = 100 * (1 - a / b) }
        }
        return out
    }

    public var text: String {
        let s = search
        var lines = [
            "cost-optimal GQA at T = \(s.context), target loss \(NumberFormat.real(s.targetLoss)), objective \(s.objective.rawValue)"
                + (s.objective == .z ? " (λ = \(NumberFormat.real(s.hardwareCost.lambda)), α = \(NumberFormat.real(s.hardwareCost.alpha)), β = \(String(format: "%.3f", s.hardwareCost.beta)))" : ""),
            "curves: \(candidates.count) fitted L(N; H) from \(curveSource); shapes at \(s.shapeRule.name); costs in bytes and FLOPs per token",
        ]
        func row(_ c: CostOptimalSearch.Candidate, mark: String) -> String {
            guard let shape = c.shape, let memory = c.memory, let perToken = c.flopsPerToken, let z = c.z else {
                return "\(mark) \(c.curve.label): \(c.problem ?? "no value")"
            }
            return String(format: "%@ %@: N* = %.3g, L = %.1f, d = %.0f, memory %@B, FLOPs/token %@, Z %.0f", mark, c.curve.label, shape.parameters,
                          shape.layers, shape.hidden, NumberFormat.compact(memory), NumberFormat.compact(perToken), z)
        }
        for (index, candidate) in candidates.enumerated() { lines.append(row(candidate, mark: index == winner ? "*" : " ")) }
        if let winner {
            lines.append("winner: \(candidates[winner].curve.label)")
        } else {
            lines.append("no candidate reaches loss \(NumberFormat.real(s.targetLoss))")
        }
        if let baseline {
            lines.append(row(baseline, mark: "baseline").replacingOccurrences(of: baseline.curve.label, with: "Llama-3 GQA (n_h = d/64, n_kv = n_h/4)"))
            let saved = savings
            if !saved.isEmpty {
                lines.append(String(format: "saved against the baseline at the same loss: memory %.1f%%, FLOPs %.1f%%, Z %.1f%%",
                                    saved[.memory] ?? .nan, saved[.flops] ?? .nan, saved[.z] ?? .nan))
            }
        } else {
            switch curveSource {
            case "runs": lines.append("baseline: no Llama-3 GQA runs (n_h = d/64, n_kv = 8) at 3 or more sizes, so no savings against it")
            case DataSource.exampleRuns.rawValue: lines.append("baseline: the example runs have no Llama-3 GQA rungs, so no savings against it")
            default: lines.append("baseline: no Llama-3 curve in this data (Results/digitized/, figure-1)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private struct CandidateEntry: Encodable {
        /// "H = (8, 1)", for people; the numbers are in the fields below.
        var label: String
        var n_head: Double?
        var n_kv_head: Double?
        var reachable: Bool
        var parameters: Double?
        var layers: Double?
        var hidden: Double?
        var memoryBytes: Double?
        var flops: Double?
        var flopsPerToken: Double?
        var z: Double?
        var problem: String?
    }

    private struct Entry: Encodable {
        var context: Int
        var targetLoss: Double
        var objective: String
        var lambda: Double
        var curveSource: String
        var candidates: [CandidateEntry]
        var winner: CandidateEntry?
        var baseline: CandidateEntry?
        var savingsPercent: [String: Double]
    }

    public func json() throws -> String {
        func entry(_ c: CostOptimalSearch.Candidate) -> CandidateEntry {
            // The family gives the heads at the candidate's shape (Llama-3's grow with d).
            let heads = c.shape.map { c.curve.family.heads(hidden: $0.hidden) }
                ?? { if case let .fixed(h) = c.curve.family { return (Double(h.queryHeads), Double(h.kvHeads)) }; return nil }()
            return CandidateEntry(label: c.curve.label, n_head: heads?.queryHeads, n_kv_head: heads?.kvHeads, reachable: c.shape != nil, parameters: c.shape?.parameters, layers: c.shape?.layers,
                           hidden: c.shape?.hidden, memoryBytes: c.memory, flops: c.flops, flopsPerToken: c.flopsPerToken, z: c.z,
                           problem: c.problem)
        }
        let value = Entry(
            context: search.context, targetLoss: search.targetLoss, objective: search.objective.rawValue,
            lambda: search.hardwareCost.lambda, curveSource: curveSource, candidates: candidates.map(entry),
            winner: winner.map { entry(candidates[$0]) }, baseline: baseline.map(entry),
            savingsPercent: Dictionary(uniqueKeysWithValues: savings.map { ($0.key.rawValue, $0.value) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
