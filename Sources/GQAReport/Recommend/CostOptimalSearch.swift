import Foundation

/// What to minimise at the target loss.
public enum CostObjective: String, CaseIterable, Sendable {
    case memory, flops, z
}

/// A fitted L(N) curve of one head configuration (or family), as the search uses it.
public struct SizeCurve: Sendable {
    public var label: String
    public var family: HeadFamily
    public var fit: Fit
    /// Where the points came from: "figure-2 (digitized)", "runs".
    public var provenance: String

    /// N*(L*) = a / (L* − E)^(1/b); nil when L* ≤ E (the curve never gets there).
    public func size(reaching loss: Double) -> Double? {
        guard let a = fit.parameter("a"), let b = fit.parameter("b"), let e = fit.parameter("E"), loss > e else { return nil }
        return a / pow(loss - e, 1 / b)
    }

    /// Where the law is evaluated at size n outside the sizes it was fitted on, in words
    /// ("N*(H=(8,1)) = 1.07e+09 is 1.86× the largest fitted N (5.746e+08)"); nil inside.
    public func extrapolation(at n: Double, name: String = "N") -> String? {
        Extrapolation(input: 0, value: n, range: fit.ranges[0]).map {
            "\(name)(\(label)) = \(NumberFormat.prose(n)) is \($0.describe(inputName: "N")), on the size-law fit of \(provenance)"
        }
    }
}

/// The three-step recipe of the paper (§4.1): for each candidate curve, the size N*(H) that
/// reaches the target loss, its shape, its costs at context T, and the cheapest candidate;
/// compared with a baseline at the same loss.
public struct CostOptimalSearch: Sendable {
    public struct Candidate: Sendable {
        public var curve: SizeCurve
        /// nil when the target loss is below the curve's E.
        public var shape: RealShape?
        /// Costs in Figure 2's units (bytes; FLOPs of a pass over T tokens), and Z.
        public var memory: Double?
        public var flops: Double?
        public var flopsPerToken: Double?
        public var z: Double?
        public var problem: String?

        public func value(_ objective: CostObjective) -> Double? {
            switch objective {
            case .memory: return memory
            case .flops: return flops
            case .z: return z
            }
        }
    }

    public var context: Int
    public var targetLoss: Double
    public var objective: CostObjective
    public var hardwareCost: HardwareCost
    public var shapeRule: ShapeRule
    public var bytesPerValue: Double

    public init(context: Int, targetLoss: Double, objective: CostObjective = .z, hardwareCost: HardwareCost = .paperDefault,
                shapeRule: ShapeRule = .figureLadder, bytesPerValue: Double = 2) {
        self.context = context
        self.targetLoss = targetLoss
        self.objective = objective
        self.hardwareCost = hardwareCost
        self.shapeRule = shapeRule
        self.bytesPerValue = bytesPerValue
    }

    public func evaluate(_ curve: SizeCurve) -> Candidate {
        var candidate = Candidate(curve: curve)
        guard let n = curve.size(reaching: targetLoss) else {
            candidate.problem = "not reachable: the target loss \(NumberFormat.real(targetLoss)) is at or below the fit's E = \(NumberFormat.real(curve.fit.parameter("E") ?? .nan))"
            return candidate
        }
        do {
            let shape = try shapeRule.shape(parameters: n, family: curve.family)
            let cost = shape.cost(context: context, convention: .figure2(bytesPerValue: bytesPerValue))
            candidate.shape = shape
            candidate.memory = cost.memory
            candidate.flops = cost.flops
            candidate.flopsPerToken = shape.cost(context: context, convention: .perToken()).flops
            candidate.z = hardwareCost.z(cost)
        } catch {
            candidate.problem = "\(error)"
        }
        return candidate
    }

    /// Every candidate, and the index of the cheapest reachable one.
    public func search(_ curves: [SizeCurve]) -> (candidates: [Candidate], winner: Int?) {
        let candidates = curves.map(evaluate)
        let winner = candidates.indices.filter { candidates[$0].value(objective) != nil }
            .min { candidates[$0].value(objective)! < candidates[$1].value(objective)! }
        return (candidates, winner)
    }
}
