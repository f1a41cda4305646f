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
    /// What to do: switch to the cheapest candidate, or keep Llama-3's configuration when no
    /// candidate is cheaper in the objective.
    public var answer: Answer = .unreachable
    /// 95% intervals of `savings` over `replicates` replicates of the curves' bootstrap refits;
    /// empty with `intervalNote` saying why.
    public var savingsIntervals: [CostObjective: ClosedRange<Double>] = [:]
    public var intervalNote: String?
    /// The winner's and the baseline's N* where they lie beyond their curves' fitted sizes.
    public var extrapolations: [String] = []

    public enum Answer: String, Sendable {
        /// A candidate is cheaper than the baseline in the objective.
        case switchTo = "switch"
        /// The baseline is as cheap as or cheaper than every candidate: keep it.
        case keepBaseline = "keep-baseline"
        /// A candidate reaches the loss, but there is no baseline to compare it with.
        case noBaseline = "no-baseline"
        /// No candidate reaches the loss.
        case unreachable
    }

    /// Replicates the savings' intervals are read from: each curve replaced by one of its
    /// bootstrap refits, as the explorer does with the refits the build embeds.
    public static let replicates = 100

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

    /// `intervals: false` skips the refits (the optimal map asks for 154 answers and shows no
    /// savings).
    public static func make(fits: [FitOutcome], search: CostOptimalSearch, source: String = "auto", intervals: Bool = true) -> Recommendation {
        let set = curveSet(fits: fits, source: source)
        let (found, winner) = search.search(set.curves)
        var result = Recommendation(search: search, candidates: found, winner: winner, baseline: set.baseline.map(search.evaluate),
                                    curveSource: set.description)
        if let winner {
            if let base = result.baseline?.value(search.objective), let best = found[winner].value(search.objective) {
                result.answer = best < base ? .switchTo : .keepBaseline
            } else {
                result.answer = .noBaseline
            }
            result.extrapolations = [found[winner].shape.flatMap { found[winner].curve.extrapolation(at: $0.parameters, name: "N*") },
                                     result.baseline?.shape.flatMap { set.baseline!.extrapolation(at: $0.parameters, name: "N*") }].compactMap { $0 }
        }
        if intervals, let winner, let baseline = set.baseline, result.answer != .noBaseline {
            // Places in the set: candidates, then the baseline (as the explorer embeds them).
            let baselinePlace = set.curves.count
            if !set.curves[winner].fit.hasRefits || !baseline.fit.hasRefits {
                result.intervalNote = "no intervals: the curves were fitted without bootstrap refits"
            } else {
                var values: [CostObjective: [Double]] = [:]
                for r in 0..<replicates {
                    let candidate = search.evaluate(replicate(set.curves[winner], r: r, place: winner)!)
                    let base = search.evaluate(replicate(baseline, r: r, place: baselinePlace)!)
                    for objective in CostObjective.allCases {
                        if let a = candidate.value(objective), let b = base.value(objective) { values[objective, default: []].append(100 * (1 - a / b)) }
                    }
                }
                for (objective, list) in values where list.count * 2 > replicates {
                    result.savingsIntervals[objective] = Percentile.of(list, 0.025)...Percentile.of(list, 0.975)
                }
                if result.savingsIntervals.isEmpty { result.intervalNote = "no intervals: most refitted curves do not reach the loss" }
            }
        }
        return result
    }

    /// The curve at `place` in a set (candidates, then the baseline) in replicate r; nil
    /// without refits.
    static func replicate(_ size: SizeCurve, r: Int, place: Int) -> SizeCurve? {
        size.fit.replicateParameters(r, place: place).map { parameters in
            var copy = size
            copy.fit.parameters = parameters
            return copy
        }
    }

    /// The refits the curve at `place` takes in replicates 0 ..< `replicates`, in order (what
    /// the explorer embeds); empty without refits.
    static func replicateParameters(_ size: SizeCurve, place: Int) -> [[Double]] {
        (0..<replicates).compactMap { size.fit.replicateParameters($0, place: place) }
    }

    /// "8.5% more (95% interval 3.1 … 14.2%)" for people.
    private func percentText(_ objective: CostObjective, _ value: Double, negate: Bool = false, word: String = "") -> String {
        let sign: Double = negate ? -1 : 1
        var text = String(format: "%.1f%%", sign * value) + word
        if let interval = savingsIntervals[objective] {
            let (a, b) = negate ? (-interval.upperBound, -interval.lowerBound) : (interval.lowerBound, interval.upperBound)
            text += String(format: " (95%% interval %.1f … %.1f%%)", a, b)
        }
        return text
    }

    /// Whether the objective's interval reaches both sides of 0: the curves do not tell the
    /// candidate from the baseline with confidence.
    public var undecided: Bool {
        savingsIntervals[search.objective].map { $0.lowerBound < 0 && $0.upperBound > 0 } ?? false
    }

    /// The answer in one sentence, first thing a practitioner reads.
    public var answerText: String {
        let s = search, objective = s.objective.rawValue
        let at = "at T = \(s.context) and loss \(NumberFormat.real(s.targetLoss))"
        switch answer {
        case .unreachable:
            return "answer: no configuration reaches loss \(NumberFormat.real(s.targetLoss)) on the curves from \(curveSource)"
        case .noBaseline:
            return "answer: \(candidates[winner!].curve.label) is the cheapest in \(objective) \(at); there is no Llama-3 baseline in this data to compare it with"
        case .switchTo:
            return "answer: switch to \(candidates[winner!].curve.label): \(at) it saves \(percentText(s.objective, savings[s.objective]!)) of \(objective) against Llama-3's configuration" + hedge
        case .keepBaseline:
            return "answer: keep Llama-3's configuration (n_h = d/64, n_kv = n_h/4): \(at) it costs less in \(objective) than every candidate; the cheapest alternative, \(candidates[winner!].curve.label), costs \(percentText(s.objective, savings[s.objective]!, negate: true, word: " more"))" + hedge
        }
    }

    private var hedge: String {
        undecided ? "; the interval reaches both sides of 0, so these curves do not tell the two apart with confidence" : ""
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
            answerText,
            "cost-optimal GQA at T = \(s.context), target loss \(NumberFormat.real(s.targetLoss)), objective \(s.objective.rawValue)"
                + (s.objective == .z ? " (λ = \(NumberFormat.real(s.hardwareCost.lambda)), α = \(NumberFormat.real(s.hardwareCost.alpha)), β = \(String(format: "%.3f", s.hardwareCost.beta)))" : ""),
            "curves: \(candidates.count) fitted L(N; H) from \(curveSource); shapes at \(s.shapeRule.name); memory in GiB (2^30 bytes, as everywhere in the report), FLOPs per token",
        ]
        func row(_ c: CostOptimalSearch.Candidate, mark: String) -> String {
            guard let shape = c.shape, let memory = c.memory, let perToken = c.flopsPerToken, let z = c.z else {
                return "\(mark) \(c.curve.label): \(c.problem ?? "no value")"
            }
            return String(format: "%@ %@: N* = %.3g, L = %.1f, d = %.0f, memory %.3g GiB, FLOPs/token %@, Z %.0f", mark, c.curve.label, shape.parameters,
                          shape.layers, shape.hidden, memory / CostConvention.bytesPerGiB, NumberFormat.compact(perToken), z)
        }
        for (index, candidate) in candidates.enumerated() { lines.append(row(candidate, mark: index == winner ? "*" : " ")) }
        if let winner {
            lines.append("cheapest candidate (*): \(candidates[winner].curve.label)")
        } else {
            lines.append("no candidate reaches loss \(NumberFormat.real(s.targetLoss))")
        }
        if let baseline {
            lines.append(row(baseline, mark: "baseline").replacingOccurrences(of: baseline.curve.label, with: "Llama-3 GQA (n_h = d/64, n_kv = n_h/4)"))
            let saved = savings
            if !saved.isEmpty {
                let parts = [(CostObjective.memory, "memory"), (.flops, "FLOPs"), (.z, "Z")].map { objective, name in
                    "\(name) " + (saved[objective].map { percentText(objective, $0) } ?? "n/a")
                }
                lines.append("saved by the cheapest candidate against the baseline at the same loss (negative: it costs more): " + parts.joined(separator: ", "))
            }
            if let note = intervalNote { lines.append(note) }
        } else {
            switch curveSource {
            case "runs": lines.append("baseline: no Llama-3 GQA runs (n_h = d/64, n_kv = 8) at 3 or more sizes, so no savings against it")
            case DataSource.exampleRuns.rawValue: lines.append("baseline: the example runs have no Llama-3 GQA rungs, so no savings against it")
            default: lines.append("baseline: no Llama-3 curve in this data (Results/digitized/, figure-1)")
            }
        }
        for extrapolation in extrapolations { lines.append("extrapolation: \(extrapolation)") }
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
        var answer: String
        var answerText: String
        var savingsInterval: [String: [Double]]
        var intervalNote: String?
        var extrapolations: [String]
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
            savingsPercent: Dictionary(uniqueKeysWithValues: savings.map { ($0.key.rawValue, $0.value) }),
            answer: answer.rawValue, answerText: answerText,
            savingsInterval: Dictionary(uniqueKeysWithValues: savingsIntervals.map { ($0.key.rawValue, [$0.value.lowerBound, $0.value.upperBound]) }),
            intervalNote: intervalNote, extrapolations: extrapolations)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
