import Foundation

/// C4: "for long enough contexts a larger model with fewer heads reaches a lower loss at lower
/// memory and FLOPs". Counts, among the points of one source, the pairs where the larger model
/// has fewer query heads and lower loss, memory and FLOPs (cost model, per-token convention);
/// the value is the count at `context`, and the details give it at every context.
struct DominatingPair: ClaimComputation {
    static let name = "dominating-pairs"
    let source: String
    let context: Int
    let contexts: [Int]

    init(_ spec: ComputationSpec) throws {
        source = try spec.string("source")
        context = try spec.integer("context")
        contexts = try spec.string("contexts").split(separator: ",").map { text in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else { throw spec.error("contexts must be positive integers") }
            return value
        }
    }

    private struct Point {
        var label: String, model: ModelConfig, n: Double, loss: Double
    }

    private func pairs(_ points: [Point], at t: Int) -> [(Point, Point)] {
        var found: [(Point, Point)] = []
        for big in points {
            let bigCost = InferenceCost(big.model, parameters: big.n, context: t, convention: .perToken())
            for small in points where big.n > small.n && big.model.queryHeads < small.model.queryHeads && big.loss < small.loss {
                let smallCost = InferenceCost(small.model, parameters: small.n, context: t, convention: .perToken())
                if bigCost.memory < smallCost.memory && bigCost.flops < smallCost.flops { found.append((big, small)) }
            }
        }
        return found
    }

    var dataSources: [DataSource] { [.runs, .digitized] }

    func uncertainty(source: DataSource) -> UncertaintySource {
        source == .digitized ? .perturbedPoints
            : .perturbedRuns(without: "it counts pairs of runs by their final losses as logged, and the sweep gives no estimate of a seed's noise (no configuration trained twice, no size-law curve with a point to spare): the count may change with another seed")
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim { compute(inputs, source: .digitized) }

    func compute(_ inputs: ClaimInputs, source dataSource: DataSource) -> ComputedClaim {
        let points: [Point]
        let basis: String
        if dataSource == .runs {
            let runs = inputs.runs.filter { !$0.isExample }
            guard Set(runs.map(\.model.queryHeads)).count > 1 else {
                return .cannotBeChecked("cannot be checked by these runs: they have \(Set(runs.map(\.model.queryHeads)).count) query-head count(s); the claim needs runs of at least two", basis: "runs")
            }
            // A pair compares a larger model with fewer heads against a smaller one with more:
            // the sweep needs two sizes under each of two head configurations at least.
            let sizesByHeads = Dictionary(grouping: runs, by: \.model.heads).mapValues { Set($0.map(\.model.hiddenSize)).count }
            let covered = sizesByHeads.filter { $0.value >= 2 }
            guard covered.count >= 2 else {
                let have = sizesByHeads.keys.sorted().map { "H = \($0): \(sizesByHeads[$0]!) size(s)" }.joined(separator: ", ")
                return .cannotBeChecked("cannot be checked by these runs: they have \(have.isEmpty ? "no runs" : have); the claim needs at least two sizes under each of two head configurations", basis: "runs")
            }
            points = runs.map { Point(label: $0.name, model: $0.model, n: ParameterConvention.paperFormula.count($0.model), loss: $0.finalLoss.value) }
            basis = "runs' final losses, costs from the cost model (per-token)"
        } else {
            guard let data = inputs.digitized.first(where: { $0.id == source }) else {
                return .cannotBeChecked("no digitized source '\(source)' in Results/digitized/sources.xml")
            }
            points = data.points.compactMap { p in
                p.model.map { Point(label: "\(p.series) L=\($0.layers)", model: $0, n: ParameterConvention.paperFormula.count($0), loss: p.loss) }
            }
            basis = "digitized: \(source), costs from the cost model (per-token)"
        }
        var result = ComputedClaim(value: Double(pairs(points, at: context).count), basis: basis)
        let counts = contexts.map { t in (t, pairs(points, at: t)) }
        result.details = counts.map { "T = \($0.0): \($0.1.count) pair(s)" }
        if let shortest = counts.first(where: { !$0.1.isEmpty }) {
            let (big, small) = shortest.1.max { $0.0.n - $0.1.n < $1.0.n - $1.1.n }!
            result.details.append("shortest context with such a pair: T = \(shortest.0); e.g. \(big.label) (n_h = \(big.model.queryHeads), loss \(big.loss)) beats \(small.label) (n_h = \(small.model.queryHeads), loss \(small.loss))")
        }
        result.details.append("losses are the figure's (trained at 8K); the paper assumes the effect of T on loss does not depend on N or H (§5.7)")
        return result
    }
}
