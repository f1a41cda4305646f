import Foundation

/// The laws of the study, by the names `report fit` takes.
public enum LawKind: String, CaseIterable, Sendable, Codable {
    case powerPlusConstant = "power-plus-constant"
    case sizeLaw = "size-law"
    case chinchilla

    public var law: any ScalingLaw {
        switch self {
        case .powerPlusConstant: return PowerPlusConstantLaw()
        case .sizeLaw: return SizeLaw()
        case .chinchilla: return ChinchillaLaw()
        }
    }
}

/// A law: its formula, parameters, and the region where a fitted value is believed.
public protocol ScalingLaw: Sendable {
    var kind: LawKind { get }
    var formula: String { get }
    var parameterNames: [String] { get }
    /// 1 for y(x), 2 for y(x, x2).
    var inputCount: Int { get }
    /// A fit whose parameters fall outside these ranges is reported as failed, not used.
    var bounds: [ClosedRange<Double>] { get }
    func predict(_ parameters: [Double], x: Double, x2: Double) -> Double
}

/// A law fitted by least squares on y, as scipy's `curve_fit` does, with MINPACK's
/// Levenberg–Marquardt and an analytic Jacobian.
protocol LeastSquaresLaw: ScalingLaw {
    /// ∂ŷ/∂p at one point, written to `row[0]`, `row[stride]`, … (a row of MINPACK's
    /// column-major Jacobian), so the optimiser's inner loop allocates nothing.
    func gradient(_ parameters: [Double], x: Double, into row: UnsafeMutablePointer<Double>, stride: Int)
    /// A starting point near the optimum, or nil when none exists.
    func startingPoint(_ data: FitData) -> [Double]?
}

/// L(x) = a·x^(−b) + c: loss against the number of heads, and against a cost.
public struct PowerPlusConstantLaw: LeastSquaresLaw {
    public init() {}
    public var kind: LawKind { .powerPlusConstant }
    public var formula: String { "L(x) = a·x^(−b) + c" }
    public var parameterNames: [String] { ["a", "b", "c"] }
    public var inputCount: Int { 1 }
    /// Diminishing returns: a > 0 and 0 < b ≤ 10; c is free.
    public var bounds: [ClosedRange<Double>] { [0...Double.infinity, 0...10, -Double.infinity...Double.infinity] }

    public func predict(_ p: [Double], x: Double, x2: Double = 0) -> Double {
        p[0] * pow(x, -p[1]) + p[2]
    }

    func gradient(_ p: [Double], x: Double, into row: UnsafeMutablePointer<Double>, stride: Int) {
        let power = pow(x, -p[1])
        row[0] = power
        row[stride] = -p[0] * power * log(x)
        row[2 * stride] = 1
    }

    func startingPoint(_ data: FitData) -> [Double]? {
        ProjectedPowerLaw.bestStart(x: data.x, y: data.y).map { [$0.k, $0.b, $0.c] }
    }
}

/// L(N) = (a/N)^b + E: loss against model size for one head configuration (Eq. 7).
public struct SizeLaw: LeastSquaresLaw {
    public init() {}
    public var kind: LawKind { .sizeLaw }
    public var formula: String { "L(N) = (a/N)^b + E" }
    public var parameterNames: [String] { ["a", "b", "E"] }
    public var inputCount: Int { 1 }
    /// a > 0, 0 < b ≤ 10, E ≥ 0 (an irreducible loss cannot be negative).
    public var bounds: [ClosedRange<Double>] { [0...Double.infinity, 0...10, 0...Double.infinity] }

    public func predict(_ p: [Double], x: Double, x2: Double = 0) -> Double {
        pow(p[0] / x, p[1]) + p[2]
    }

    func gradient(_ p: [Double], x: Double, into row: UnsafeMutablePointer<Double>, stride: Int) {
        let ratio = p[0] / x
        let term = pow(ratio, p[1])
        row[0] = p[1] * term / p[0]
        row[stride] = term * log(ratio)
        row[2 * stride] = 1
    }

    func startingPoint(_ data: FitData) -> [Double]? {
        // (a/N)^b = k·N^(−b) with k = a^b.
        ProjectedPowerLaw.bestStart(x: data.x, y: data.y).map { [pow($0.k, 1 / $0.b), $0.b, $0.c] }
    }
}

/// Starting points for y = k·x^(−b) + c by variable projection: for a fixed exponent b the
/// law is linear in (k, c), so a grid over b with a linear solve at each point finds the
/// basin of the optimum without guessing k and c.
enum ProjectedPowerLaw {
    static let exponents: [Double] = (0..<241).map { pow(10, -3 + Double($0) / 60) }  // 1e-3 … 1e1

    static func bestStart(x: [Double], y: [Double]) -> (k: Double, b: Double, c: Double)? {
        var best: (k: Double, b: Double, c: Double, rss: Double)?
        for b in exponents {
            let u = x.map { pow($0, -b) }
            guard let (k, c) = linearFit(u, y), k > 0, k.isFinite, c.isFinite else { continue }
            let rss = zip(u, y).reduce(0) { $0 + pow(k * $1.0 + c - $1.1, 2) }
            if best == nil || rss < best!.rss { best = (k, b, c, rss) }
        }
        return best.map { ($0.k, $0.b, $0.c) }
    }

    /// Least-squares line y = k·u + c; nil when all u are equal.
    static func linearFit(_ u: [Double], _ y: [Double]) -> (Double, Double)? {
        let n = Double(u.count)
        let meanU = u.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var suu = 0.0, suy = 0.0
        for (ui, yi) in zip(u, y) {
            suu += (ui - meanU) * (ui - meanU)
            suy += (ui - meanU) * (yi - meanY)
        }
        guard suu > 0 else { return nil }
        let k = suy / suu
        return (k, meanY - k * meanU)
    }
}
