import Foundation

/// What `site/explore.html` computes from: for each source of curves the build has, the fitted
/// L(N; H) parameters of every candidate and of the baseline, chosen by the same
/// `Recommendation.curveSet` that `report recommend` searches, and the constants of the
/// search's formulas. Embedded in the page (which must work from file://, where nothing can be
/// fetched) and offered as `downloads/explorer.json`.
public struct ExplorerData: Encodable, Sendable {
    struct Curve: Encodable, Sendable {
        var label: String
        /// "fixed" (n_h, n_kv held) or "llama3" (n_h = d/64; n_kv fixed, or n_h/4 when null).
        var family: String
        var nHead: Int?
        var nKvHead: Int?
        /// The curve's colour in every figure ("#rrggbb"), for the explorer's bars.
        var color: String
        var a: Double
        var b: Double
        var E: Double
        var provenance: String
        /// [a, b, E] of the curve in each of `Recommendation.replicates` replicates, in order
        /// (its bootstrap refits as `recommend` pairs them); empty without refits.
        var refits: [[Double]]
        /// The largest size the curve was fitted on: an N* beyond it is an extrapolation.
        var largestN: Double
    }

    struct Source: Encodable, Sendable {
        /// What `report recommend --curves` takes: "digitized", "runs", "example-runs".
        var id: String
        var description: String
        var curves: [Curve]
        var baseline: Curve?
    }

    /// The search's constants, as `report recommend` uses them by default.
    struct Constants: Encodable, Sendable {
        var aspectRatio: Double
        /// d_h in the parameter count L·(8d² + 2·d·d_h·(n_h + n_kv)).
        var headSize: Double
        /// d_k + d_v in the KV cache and attention FLOPs.
        var headDims: Double
        var bytesPerValue: Double
        var alpha: Double
        var beta: Double
        /// Replicates of the savings' 95% intervals.
        var replicates: Int
    }

    struct Inputs: Encodable, Sendable {
        var context: Int
        var loss: Double
        var objective: String
        var lambda: Double
        var source: String
    }

    var constants: Constants
    var defaults: Inputs
    var sources: [Source]

    /// The sources `report recommend` can search in this build, each with at least one curve.
    public init(fits: [FitOutcome], defaultContext: Int, defaultLoss: Double?, palette: HeadPalette = HeadPalette([])) {
        let search = CostOptimalSearch(context: defaultContext, targetLoss: 1)
        constants = Constants(aspectRatio: search.shapeRule.aspectRatio(for: 1), headSize: ShapeRule.headSize, headDims: InferenceCost.studyHeadDims,
                              bytesPerValue: search.bytesPerValue, alpha: search.hardwareCost.alpha, beta: search.hardwareCost.beta,
                              replicates: Recommendation.replicates)
        let sets = ["digitized", DataSource.runs.rawValue, DataSource.exampleRuns.rawValue].map { id in
            (id, Recommendation.curveSet(fits: fits, source: id))
        }.filter { !$0.1.curves.isEmpty }
        sources = sets.map { id, set in
            // Each curve's refits by its place in the set (candidates, then the baseline), as
            // Recommendation.make pairs them.
            Source(id: id, description: set.description,
                   curves: set.curves.enumerated().compactMap { Self.curve($1, palette, index: $0) },
                   baseline: set.baseline.flatMap { Self.curve($0, palette, index: set.curves.count) })
        }
        // The page opens on the curves `recommend` searches by default: the runs' when there
        // are any. Its loss: the headline comparison's when the claims declare one; else the
        // middle of the first curve's own losses, so the page opens on a loss its data reaches.
        let opening = sets.first { $0.0 == DataSource.runs.rawValue } ?? sets.first
        let losses = opening?.1.curves.first?.fit.data.y.sorted() ?? []
        let loss = defaultLoss ?? (losses.isEmpty ? 3 : losses[losses.count / 2])
        defaults = Inputs(context: defaultContext, loss: loss, objective: search.objective.rawValue,
                          lambda: search.hardwareCost.lambda, source: opening?.0 ?? "digitized")
    }

    private static func curve(fromFit fit: Fit) -> (Double, Double, Double)? {
        guard let a = fit.parameter("a"), let b = fit.parameter("b"), let e = fit.parameter("E") else { return nil }
        return (a, b, e)
    }

    private static func curve(_ size: SizeCurve, _ palette: HeadPalette, index: Int) -> Curve? {
        guard let (a, b, e) = curve(fromFit: size.fit) else { return nil }
        let refits = Recommendation.replicateParameters(size, place: index)
        switch size.family {
        case let .fixed(heads):
            return Curve(label: size.label, family: "fixed", nHead: heads.queryHeads, nKvHead: heads.kvHeads, color: palette.color(for: heads).hex,
                         a: a, b: b, E: e, provenance: size.provenance, refits: refits, largestN: size.fit.ranges[0].upperBound)
        case let .llama3(kv):
            return Curve(label: size.family.description, family: "llama3", nHead: nil, nKvHead: kv, color: Palette.llama.hex,
                         a: a, b: b, E: e, provenance: size.provenance, refits: refits, largestN: size.fit.ranges[0].upperBound)
        }
    }

    /// Sorted keys and shortest round-trip numbers: the page reads exactly the doubles the
    /// search uses, and two builds write the same bytes. Slashes stay escaped, so the JSON
    /// can sit inside a <script> element.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
