import Foundation

/// How a head configuration's heads follow the hidden size: fixed (decoupled, the study's
/// candidates) or Llama-3 style (n_h·d_h = d).
public enum HeadFamily: Sendable, Equatable {
    case fixed(HeadConfiguration)
    /// n_h = d/64; n_kv fixed (the paper's figures use 8) or n_h/4 (`kvHeads` nil).
    case llama3(kvHeads: Int?)

    func heads(hidden: Double) -> (queryHeads: Double, kvHeads: Double) {
        switch self {
        case let .fixed(h): return (Double(h.queryHeads), Double(h.kvHeads))
        case let .llama3(kv):
            let nh = hidden / ShapeRule.headSize
            return (nh, kv.map(Double.init) ?? nh / 4)
        }
    }

    public var description: String {
        switch self {
        case let .fixed(h): return "H = \(h)"
        case let .llama3(kv): return "Llama-3 GQA (n_h = d/64, n_kv = \(kv.map(String.init) ?? "n_h/4"))"
        }
    }
}

/// A model shape that need not be whole: the recipe's real-valued N*(H) turned into (L, d).
public struct RealShape: Sendable, Equatable {
    public var parameters: Double
    public var layers: Double
    public var hidden: Double
    public var queryHeads: Double
    public var kvHeads: Double

    public func cost(context: Int, convention: CostConvention) -> InferenceCost {
        InferenceCost(parameters: parameters, layers: layers, queryHeads: queryHeads, kvHeads: kvHeads,
                      context: context, convention: convention)
    }
}

/// Turns a parameter count into a shape at an aspect ratio d/L, by solving N(L) = N* for L
/// with MINPACK's `hybrd1` (see `RootFinder`); N follows the paper's formula
/// L·(8d² + 2·d·d_h·(n_h + n_kv)), d_h = 64. The aspect ratio is fixed (the figures' ladder
/// uses d = 128·L) or, as the paper's recipe does (App. B.1), interpolated linearly in size
/// between the two nearest predefined configurations.
public struct ShapeRule: Sendable, Equatable {
    public struct Anchor: Sendable, Equatable {
        public var size: Double
        public var aspectRatio: Double
    }

    public var name: String
    /// Sorted by size; a single anchor is a fixed aspect ratio.
    public var anchors: [Anchor]

    public static let figureLadder = ShapeRule(aspectRatio: 128)

    /// The rules a result's sensitivity to the shape is shown over: d/L = 100, 112, 128, and
    /// the paper's recipe when its tables give one (the reproduction page, the claims' ranges).
    public static func sensitivity(recipe: ShapeRule?) -> [ShapeRule] {
        [100.0, 112, 128].map { ShapeRule(aspectRatio: $0) } + (recipe.map { [$0] } ?? [])
    }
    /// d_h: the study's head size, in the parameter count and Llama-3's n_h = d/d_h.
    public static let headSize = 64.0

    public init(aspectRatio: Double) {
        name = "d/L = \(NumberFormat.real(aspectRatio))"
        anchors = [Anchor(size: 1, aspectRatio: aspectRatio)]
    }

    public init(name: String, anchors: [Anchor]) {
        self.name = name
        self.anchors = anchors.sorted { $0.size < $1.size }
    }

    /// The aspect ratio for a model of `size` parameters: linear between the nearest anchors,
    /// the end anchor's beyond them.
    public func aspectRatio(for size: Double) -> Double {
        guard let first = anchors.first, let last = anchors.last else { return 128 }
        if size <= first.size { return first.aspectRatio }
        if size >= last.size { return last.aspectRatio }
        let upper = anchors.firstIndex { $0.size >= size }!
        let a = anchors[upper - 1], b = anchors[upper]
        return a.aspectRatio + (size - a.size) / (b.size - a.size) * (b.aspectRatio - a.aspectRatio)
    }

    public func parameters(layers: Double, aspectRatio: Double, family: HeadFamily) -> Double {
        let d = aspectRatio * layers
        let (nh, nkv) = family.heads(hidden: d)
        return layers * (8 * d * d + 2 * d * Self.headSize * (nh + nkv))
    }

    public func shape(parameters target: Double, family: HeadFamily) throws -> RealShape {
        let aspect = aspectRatio(for: target)
        // Solve on log L so the step is relative and L stays positive.
        let start = log(pow(target / (8 * aspect * aspect), 1.0 / 3))
        guard let logL = RootFinder.solve(from: start, { self.parameters(layers: exp($0), aspectRatio: aspect, family: family) / target - 1 }) else {
            throw FitFailure("no shape with d/L = \(NumberFormat.real(aspect)) has \(NumberFormat.real(target)) parameters (no number of layers at that aspect ratio gives the count)")
        }
        let layers = exp(logL), hidden = aspect * layers
        let (nh, nkv) = family.heads(hidden: hidden)
        return RealShape(parameters: target, layers: layers, hidden: hidden, queryHeads: nh, kvHeads: nkv)
    }
}
