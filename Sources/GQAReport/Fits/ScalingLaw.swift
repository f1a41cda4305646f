import Foundation

/// The laws of the study, by the names `report fit` takes.
public enum LawKind: String, CaseIterable, Sendable, Codable {
    case powerPlusConstant = "power-plus-constant"
    case sizeLaw = "size-law"
    case chinchilla
    case chinchillaSharedExponent = "chinchilla-shared-exponent"

    public var law: any ScalingLaw {
        switch self {
        case .powerPlusConstant: return PowerPlusConstantLaw()
        case .sizeLaw: return SizeLaw()
        case .chinchilla: return ChinchillaLaw()
        case .chinchillaSharedExponent: return ChinchillaLaw(sharedExponent: true)
        }
    }

    /// A two-input law of Hoffmann et al.'s form, fitted on ln L.
    public var isChinchilla: Bool { self == .chinchilla || self == .chinchillaSharedExponent }
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

/// A law of the form y = c + k·x^(−b) (k > 0), fitted by least squares on y as scipy's
/// `curve_fit` does: by variable projection over b (`VariableProjection`), polished with
/// MINPACK's Levenberg–Marquardt and an analytic Jacobian.
protocol LeastSquaresLaw: ScalingLaw {
    /// ∂ŷ/∂p at one point, written to `row[0]`, `row[stride]`, … (a row of MINPACK's
    /// column-major Jacobian), so the optimiser's inner loop allocates nothing.
    func gradient(_ parameters: [Double], x: Double, into row: UnsafeMutablePointer<Double>, stride: Int)
    /// The law's parameters for y = c + k·x^(−b).
    func parameters(k: Double, b: Double, c: Double) -> [Double]
    /// The floor's name, and the least value it may take (nil: any).
    var floorName: String { get }
    var floorMinimum: Double? { get }
}

extension LeastSquaresLaw {
    /// The exponent b of `parameters` (second for both laws): where a bootstrap refit starts.
    func exponent(_ parameters: [Double]) -> Double { parameters[1] }
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
    var floorName: String { "c" }
    var floorMinimum: Double? { nil }

    public func predict(_ p: [Double], x: Double, x2: Double = 0) -> Double {
        p[0] * pow(x, -p[1]) + p[2]
    }

    func gradient(_ p: [Double], x: Double, into row: UnsafeMutablePointer<Double>, stride: Int) {
        let power = pow(x, -p[1])
        row[0] = power
        row[stride] = -p[0] * power * log(x)
        row[2 * stride] = 1
    }

    func parameters(k: Double, b: Double, c: Double) -> [Double] { [k, b, c] }
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
    var floorName: String { "E" }
    var floorMinimum: Double? { 0 }

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

    /// (a/N)^b = k·N^(−b) with k = a^b.
    func parameters(k: Double, b: Double, c: Double) -> [Double] { [pow(k, 1 / b), b, c] }
}
