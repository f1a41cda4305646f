import Foundation

/// C3: where the paper's published loss-against-heads curves, L(n_h) = a·n_h^b + c, cross.
/// The value is log2 of the crossing n_h of the two named curves.
struct HeadsCurvesCrossing: ClaimComputation {
    static let name = "heads-curves-crossing"

    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("it rests on the three fits published in Appendix I, which come without errors or points")
    }
    let curves: [(label: String, a: Double, b: Double, c: Double)]
    let first: String
    let second: String

    init(_ spec: ComputationSpec) throws {
        curves = try spec.items.filter { $0.element == "curve" }.map { item in
            let value = { (key: String) throws -> Double in
                guard let text = item.attributes.first(where: { $0.name == key })?.value, let v = Double(text) else {
                    throw spec.error("a <curve> needs a numeric '\(key)'")
                }
                return v
            }
            return (item.attributes.first { $0.name == "label" }?.value ?? "?", try value("a"), try value("b"), try value("c"))
        }
        first = try spec.string("first")
        second = try spec.string("second")
        guard curves.contains(where: { $0.label == first }), curves.contains(where: { $0.label == second }) else {
            throw spec.error("first and second must name <curve> labels")
        }
    }

    private func crossing(_ p: (label: String, a: Double, b: Double, c: Double), _ q: (label: String, a: Double, b: Double, c: Double)) -> Double? {
        // On u = log2 n_h, from 1 head to 2^40.
        RootFinder.roots(in: 0, 40) { u in
            let n = pow(2, u)
            return (p.a * pow(n, p.b) + p.c) - (q.a * pow(n, q.b) + q.c)
        }.first
    }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim {
        let p = curves.first { $0.label == first }!, q = curves.first { $0.label == second }!
        var result = ComputedClaim(value: crossing(p, q), basis: "the paper's published coefficients (App. I)")
        for (i, a) in curves.enumerated() {
            for b in curves[(i + 1)...] {
                if let u = crossing(a, b) {
                    let n = pow(2, u)
                    result.details.append("\(a.label) and \(b.label) cross at n_h = \(String(format: "%.0f", n)) (log2 = \(String(format: "%.2f", u))), loss \(String(format: "%.4f", a.a * pow(n, a.b) + a.c))")
                } else {
                    result.details.append("\(a.label) and \(b.label) do not cross for 1 ≤ n_h ≤ 2^40")
                }
            }
        }
        result.details.append("R² > 0.999 up to 128 heads cannot be checked: the points of Figure 12 were not published or digitized")
        if result.value == nil { result.missing = "the curves \(first) and \(second) do not cross for 1 ≤ n_h ≤ 2^40" }
        return result
    }
}
