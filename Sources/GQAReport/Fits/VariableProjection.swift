import Foundation

/// y = c + k·x^(−b) with k > 0 and b in the law's range, by variable projection: for a fixed
/// exponent b the law is linear in (k, c), whose least-squares values have a closed form, so
/// the fit is a search in one variable: the profiled residual RSS(b). A grid over log b finds
/// its basin, Brent's method its minimum. The global optimum over the range is found, or the
/// answer is that it lies on the range's edge, and what that says about the points.
enum VariableProjection {
    /// The exponents of the grid: 1e-3 … 10, 60 a decade. Below 1e-3 a power law with a floor
    /// cannot be told from a straight line in log x (the floor runs to −∞).
    static let exponents: [Double] = (0..<241).map { pow(10, -3 + Double($0) / 60) }
    static var smallestExponent: Double { exponents.first! }
    static var largestExponent: Double { exponents.last! }

    struct Solution: Equatable {
        var k: Double, b: Double, c: Double, rss: Double
    }

    enum Answer: Equatable {
        /// The optimum, inside the range.
        case optimum(Solution)
        /// The best exponent is the range's largest or beyond: the points bend more sharply
        /// than any allowed power law.
        case steeperThanAllowed(Solution)
        /// The best exponent is the range's smallest or below: the points lie along a straight
        /// line in log x, and the floor is not determined.
        case floorUndetermined
        /// No exponent gives a falling curve (k > 0).
        case doesNotFall
    }

    /// The global answer over the whole range.
    static func solve(x: [Double], y: [Double]) -> Answer {
        let x = x.map { log($0) }  // x^(−b) = exp(−b·ln x), cheaper than pow
        let profile = exponents.map { rss(b: $0, logX: x, y: y) }
        guard let best = profile.indices.filter({ profile[$0] != nil }).min(by: { profile[$0]!.rss < profile[$1]!.rss }) else {
            return .doesNotFall
        }
        return refine(around: best, profile: { profile[$0] }, logX: x, y: y)
    }

    /// The answer near `start` (a bootstrap refit starting at the full fit's exponent): the
    /// grid is walked downhill from there and the basin found is refined.
    static func solve(x: [Double], y: [Double], from start: Double) -> Answer {
        let logX = x.map { log($0) }
        // Grid points evaluated so far (a walk visits a few of the 241).
        var known = [Solution??](repeating: nil, count: exponents.count)
        func at(_ i: Int) -> Solution? {
            if let value = known[i] { return value }
            let value = rss(b: exponents[i], logX: logX, y: y)
            known[i] = .some(value)
            return value
        }
        var index = min(max(Int(((log10(start) + 3) * 60).rounded()), 0), exponents.count - 1)
        guard at(index) != nil else { return solve(x: x, y: y) }
        while true {
            let here = at(index)!.rss
            let left = index > 0 ? at(index - 1)?.rss : nil, right = index < exponents.count - 1 ? at(index + 1)?.rss : nil
            if let left, left < here, left <= right ?? .infinity {
                index -= 1
            } else if let right, right < here {
                index += 1
            } else {
                break
            }
        }
        // A resample's exponent is wanted to far below what its interval can show.
        return refine(around: index, profile: at, logX: logX, y: y, tolerance: 1e-9)
    }

    private static func refine(around index: Int, profile: (Int) -> Solution?, logX: [Double], y: [Double], tolerance: Double = 1e-12) -> Answer {
        if index == 0 { return .floorUndetermined }
        if index == exponents.count - 1 { return .steeperThanAllowed(profile(index)!) }
        // Brent's method on log b between the grid neighbours; points where k ≤ 0 count as
        // the flat line's residual so the search stays in the falling region.
        let flat = y.reduce(0) { $0 + pow($1 - y.reduce(0, +) / Double(y.count), 2) }
        let f = { (t: Double) -> Double in rss(b: exp(t), logX: logX, y: y)?.rss ?? flat }
        let t = brentMinimum(f, lower: log(exponents[index - 1]), upper: log(exponents[index + 1]), tolerance: tolerance)
        guard let solution = rss(b: exp(t), logX: logX, y: y), solution.rss <= profile(index)!.rss else { return .optimum(profile(index)!) }
        return .optimum(solution)
    }

    /// The least-squares (k, c) for exponent b and its residual; nil when k ≤ 0 (no falling
    /// curve with this exponent) or the inputs give no line. `logX` holds ln x.
    static func rss(b: Double, logX x: [Double], y: [Double]) -> Solution? {
        let n = Double(x.count)
        var su = 0.0, sy = 0.0
        var u = [Double](repeating: 0, count: x.count)
        for i in x.indices {
            u[i] = exp(-b * x[i])
            su += u[i]
            sy += y[i]
        }
        let meanU = su / n, meanY = sy / n
        var suu = 0.0, suy = 0.0, syy = 0.0
        for i in x.indices {
            let du = u[i] - meanU, dy = y[i] - meanY
            suu += du * du
            suy += du * dy
            syy += dy * dy
        }
        guard suu > 0 else { return nil }
        let k = suy / suu
        guard k > 0, k.isFinite else { return nil }
        // RSS = Syy − Suy²/Suu, floored at 0 against rounding.
        return Solution(k: k, b: b, c: meanY - k * meanU, rss: max(syy - suy * suy / suu, 0))
    }

    /// Brent's minimisation (golden section with parabolic steps) on [lower, upper].
    static func brentMinimum(_ f: (Double) -> Double, lower: Double, upper: Double, tolerance: Double = 1e-12) -> Double {
        let golden = 0.381_966_011_250_105_1
        var a = lower, b = upper
        var x = a + golden * (b - a), w = x, v = x
        var fx = f(x), fw = fx, fv = fx
        var d = 0.0, e = 0.0
        for _ in 0..<200 {
            let middle = (a + b) / 2
            let tol1 = tolerance * abs(x) + 1e-15, tol2 = 2 * tol1
            if abs(x - middle) <= tol2 - (b - a) / 2 { break }
            var useGolden = true
            if abs(e) > tol1 {
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p }
                q = abs(q)
                r = e
                e = d
                if abs(p) < abs(0.5 * q * r), p > q * (a - x), p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = middle >= x ? tol1 : -tol1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = (x >= middle ? a : b) - x
                d = golden * e
            }
            let u = abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1)
            let fu = f(u)
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                v = w; fv = fw
                w = x; fw = fx
                x = u; fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w; fv = fw
                    w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        return x
    }

    /// The straight line y = α + s·ln x, as the slope per doubling of x (s·ln 2): what points
    /// along a line in log x determine when their floor is not.
    static func slopePerDoubling(x: [Double], y: [Double]) -> Double? {
        linearFit(x.map { log($0) }, y).map { $0.slope * log(2) }
    }

    /// Least-squares line y = slope·u + intercept; nil when all u are equal.
    static func linearFit(_ u: [Double], _ y: [Double]) -> (slope: Double, intercept: Double)? {
        let n = Double(u.count)
        let meanU = u.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var suu = 0.0, suy = 0.0
        for (ui, yi) in zip(u, y) {
            suu += (ui - meanU) * (ui - meanU)
            suy += (ui - meanU) * (yi - meanY)
        }
        guard suu > 0 else { return nil }
        return (suy / suu, meanY - suy / suu * meanU)
    }
}
