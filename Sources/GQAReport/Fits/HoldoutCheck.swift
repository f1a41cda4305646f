import Foundation

/// The check scaling-law work uses to trust a law: refit without the largest sizes and
/// predict them. The held-out points are the K largest distinct x (all points at those x).
public struct HoldoutCheck: Sendable, Codable {
    public struct HeldOutPoint: Sendable, Codable {
        public var label: String
        public var observed: Double
        /// The reduced fit's prediction at the point's inputs, with its band and how far
        /// beyond the reduced fit's data it lies.
        public var prediction: Prediction
        /// predicted − observed.
        public var absoluteError: Double { prediction.value - observed }
        /// (predicted − observed) / observed.
        public var relativeError: Double { absoluteError / observed }
    }

    /// How many of the largest distinct sizes were held out.
    public var largest: Int
    /// The refit on the remaining points, or why those points do not determine the law.
    public var fit: Fit?
    public var failure: FitFailure?
    /// Empty when the reduced fit failed.
    public var points: [HeldOutPoint]
    /// The points the reduced fit was made on.
    public var remaining: Int

    /// Throws when holding out `largest` sizes leaves too few points to fit the law at all
    /// (fewer distinct x than parameters); a reduced fit the points do not determine is a
    /// result, in `failure`.
    public static func run(_ kind: LawKind, _ data: FitData, largest: Int, options: FitOptions = FitOptions()) throws -> HoldoutCheck {
        let sizes = Set(data.x).sorted()
        let parameters = kind.law.parameterNames.count
        guard largest >= 1 else { throw FitFailure("hold out at least one size") }
        guard sizes.count - largest >= (kind.law.inputCount == 1 ? parameters : 1) else {
            throw FitFailure("holding out the \(largest) largest of \(sizes.count) distinct x value(s) leaves \(sizes.count - largest); \(kind.rawValue) has \(parameters) parameters")
        }
        let cut = sizes[sizes.count - largest]
        let kept = data.x.indices.filter { data.x[$0] < cut }, held = data.x.indices.filter { data.x[$0] >= cut }
        let reduced = data.subset(kept)
        do {
            let fit = try CurveFitter.fit(kind, reduced, options: options)
            let points = held.map { i in
                HeldOutPoint(label: data.labels[i], observed: data.y[i], prediction: Prediction(fit, x: data.x[i], x2: data.x2?[i]))
            }
            return HoldoutCheck(largest: largest, fit: fit, failure: nil, points: points, remaining: kept.count)
        } catch let failure as FitFailure {
            return HoldoutCheck(largest: largest, fit: nil, failure: failure, points: [], remaining: kept.count)
        }
    }
}
