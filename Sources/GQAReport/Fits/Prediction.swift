import Foundation

/// A fitted law evaluated at an input: the value, its 95% band over the bootstrap refits, and
/// whether the input lies beyond the data the law was fitted on, by how much.
public struct Prediction: Sendable, Equatable, Codable {
    public var x: Double
    public var x2: Double?
    public var value: Double
    /// nil when the fit has no bootstrap refits (an interpolation, or none asked for).
    public var interval: ClosedRange<Double>?
    /// One entry per input outside its fitted range.
    public var extrapolations: [Extrapolation]

    public init(_ fit: Fit, x: Double, x2: Double? = nil) {
        self.x = x
        self.x2 = x2
        value = fit.predict(x: x, x2: x2 ?? 0)
        interval = fit.band(at: x, x2: x2 ?? 0)
        let inputs = [x] + (x2.map { [$0] } ?? [])
        extrapolations = zip(inputs, fit.ranges).enumerated().compactMap { index, pair in
            Extrapolation(input: index, value: pair.0, range: pair.1)
        }
    }
}

/// An input outside the range a law was fitted on.
public struct Extrapolation: Sendable, Equatable, Codable {
    /// 0 for x, 1 for x2.
    public var input: Int
    public var value: Double
    public var range: ClosedRange<Double>

    /// nil inside the range.
    public init?(input: Int, value: Double, range: ClosedRange<Double>) {
        guard !range.contains(value) else { return nil }
        self.input = input
        self.value = value
        self.range = range
    }

    public var isAbove: Bool { value > range.upperBound }

    /// How far outside: value ÷ largest fitted above, smallest fitted ÷ value below (≥ 1).
    public var factor: Double { isAbove ? value / range.upperBound : range.lowerBound / value }

    /// "16.7× the largest fitted N (411.6 M)", or "3.2× below the smallest fitted N (10.6 M)".
    public func describe(inputName: String) -> String {
        let factor = NumberFormat.significant(self.factor, digits: 3)
        return isAbove
            ? "\(factor)× the largest fitted \(inputName) (\(NumberFormat.prose(range.upperBound)))"
            : "\(factor)× below the smallest fitted \(inputName) (\(NumberFormat.prose(range.lowerBound)))"
    }
}
