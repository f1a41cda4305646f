import Foundation

/// L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022), fitted as they and the Epoch
/// replication do: in log space, θ = (e, a, α, b, β) with E = eᵉ, A = eᵃ, B = eᵇ,
/// minimising Σ Huber_δ(LSE(a − α·ln N, b − β·ln D, e) − ln L) with δ = 10⁻³ by L-BFGS from
/// every point of a grid, keeping the best. With a shared exponent (β = α, the form Gadre et
/// al. 2024 fit at a fixed token multiplier) θ = (e, a, α, b).
public struct ChinchillaLaw: ScalingLaw {
    /// β = α: one exponent for size and tokens.
    public var sharedExponent: Bool

    public init(sharedExponent: Bool = false) {
        self.sharedExponent = sharedExponent
    }

    public var kind: LawKind { sharedExponent ? .chinchillaSharedExponent : .chinchilla }
    public var formula: String { sharedExponent ? "L(N, D) = E + A/N^alpha + B/D^alpha" : "L(N, D) = E + A/N^alpha + B/D^beta" }
    public var parameterNames: [String] { sharedExponent ? ["E", "A", "alpha", "B"] : ["E", "A", "alpha", "B", "beta"] }
    public var inputCount: Int { 2 }
    public var bounds: [ClosedRange<Double>] {
        Array([0...Double.infinity, 0...Double.infinity, 0...5, 0...Double.infinity, 0...5].prefix(parameterNames.count))
    }

    /// Hoffmann et al.'s δ of the Huber loss on ln L.
    public static let huberDelta = 1e-3

    public func predict(_ p: [Double], x: Double, x2: Double) -> Double {
        p[0] + p[1] / pow(x, p[2]) + p[3] / pow(x2, sharedExponent ? p[2] : p[4])
    }

    /// Reported parameters from the log-space θ.
    func parameters(fromTheta t: [Double]) -> [Double] {
        sharedExponent ? [exp(t[0]), exp(t[1]), t[2], exp(t[3])] : [exp(t[0]), exp(t[1]), t[2], exp(t[3]), t[4]]
    }

    /// The five-parameter θ of a shared-exponent θ (β = α); the full law's θ unchanged.
    func fullTheta(_ t: [Double]) -> [Double] {
        sharedExponent ? [t[0], t[1], t[2], t[3], t[2]] : t
    }

    /// A gradient over the five-parameter θ as one over this law's θ (∂/∂α gains ∂/∂β).
    func foldGradient(_ g: [Double]) -> [Double] {
        sharedExponent ? [g[0], g[1], g[2] + g[4], g[3]] : g
    }

    /// The starts of the grid for this law (β's values left out when it equals α).
    func startingPoints(_ grid: Grid) -> [[Double]] {
        sharedExponent ? grid.points.filter { $0[4] == grid.beta[0] }.map { Array($0.prefix(4)) } : grid.points
    }

    /// The starting grid of Hoffmann et al.: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
    /// a, b ∈ {0, 5, …, 25}: 4,500 starts.
    public struct Grid: Sendable {
        public var e: [Double], a: [Double], alpha: [Double], b: [Double], beta: [Double]

        public static let hoffmann = Grid(
            e: [-1, -0.5, 0, 0.5, 1], a: [0, 5, 10, 15, 20, 25], alpha: [0, 0.5, 1, 1.5, 2],
            b: [0, 5, 10, 15, 20, 25], beta: [0, 0.5, 1, 1.5, 2])

        public var points: [[Double]] {
            var out: [[Double]] = []
            for e in e { for a in a { for alpha in alpha { for b in b { for beta in beta {
                out.append([e, a, alpha, b, beta])
            } } } } }
            return out
        }
    }

    /// The log-space residual r_i(θ) = LSE(a − α·ln N, b − β·ln D, e) − ln L and its gradient.
    static func residual(_ t: [Double], logN: Double, logD: Double, logY: Double) -> (r: Double, gradient: [Double]) {
        let terms = [t[1] - t[2] * logN, t[3] - t[4] * logD, t[0]]
        let top = terms.max()!
        let weights = terms.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        let lse = top + log(total)
        let s = weights.map { $0 / total }  // softmax
        // ∂/∂e = s₂, ∂/∂a = s₀, ∂/∂α = −s₀·ln N, ∂/∂b = s₁, ∂/∂β = −s₁·ln D
        return (lse - logY, [s[2], s[0], -s[0] * logN, s[1], -s[1] * logD])
    }

    /// Σ Huber_δ(r_i) and its gradient (δ = ∞: Σ r_i²/2, least squares on ln L): `residual`
    /// written out in scalars, since the grid and every bootstrap refit call it for every
    /// point thousands of times (no array a point).
    static func objective(_ t: [Double], logN: [Double], logD: [Double], logY: [Double], delta: Double = huberDelta) -> (value: Double, gradient: [Double]) {
        let e = t[0], a = t[1], alpha = t[2], b = t[3], beta = t[4]
        var value = 0.0
        var ge = 0.0, ga = 0.0, galpha = 0.0, gb = 0.0, gbeta = 0.0
        for i in logY.indices {
            let termN = a - alpha * logN[i], termD = b - beta * logD[i]
            let top = max(termN, termD, e)
            let wN = exp(termN - top), wD = exp(termD - top), wE = exp(e - top)
            let total = wN + wD + wE
            let r = top + log(total) - logY[i]
            let slope: Double
            if abs(r) <= delta {
                value += 0.5 * r * r
                slope = r
            } else {
                value += delta * (abs(r) - 0.5 * delta)
                slope = r > 0 ? delta : -delta
            }
            let scale = slope / total
            ge += scale * wE
            ga += scale * wN
            galpha -= scale * wN * logN[i]
            gb += scale * wD
            gbeta -= scale * wD * logD[i]
        }
        return (value, [ge, ga, galpha, gb, gbeta])
    }
}
