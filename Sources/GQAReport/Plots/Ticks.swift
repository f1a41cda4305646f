import Foundation

/// Where an axis shows ticks and what the labels say. Pure, so it can be tested alone.
public struct TickSet: Sendable, Equatable {
    public struct Tick: Sendable, Equatable {
        public var value: Double
        /// Mantissa text and, for powers of ten, the exponent ("10", "9" draws 10⁹).
        public var text: String
        public var exponent: String?
    }

    public var major: [Tick]
    public var minor: [Double]
}

public enum Ticks {
    /// The data range widened so the plot has a margin, and never empty.
    public static func range(of values: [Double], scale: ScaleKind) -> ClosedRange<Double> {
        let usable = scale == .log ? values.filter { $0 > 0 } : values
        guard let low = usable.min(), let high = usable.max() else { return scale == .log ? 1...10 : 0...1 }
        switch scale {
        case .linear:
            if low == high {
                let pad = low == 0 ? 1 : abs(low) * 0.1
                return (low - pad)...(high + pad)
            }
            let pad = (high - low) * 0.05
            return (low - pad)...(high + pad)
        case .log:
            if low == high { return (low / 2)...(high * 2) }
            let pad = (log10(high) - log10(low)) * 0.05
            return pow(10, log10(low) - pad)...pow(10, log10(high) + pad)
        }
    }

    /// Round-number ticks (1, 2 or 5 × 10^k apart), at most `maxCount`.
    public static func linear(_ range: ClosedRange<Double>, maxCount: Int = 6) -> TickSet {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return TickSet(major: [tick(range.lowerBound, step: 1)], minor: []) }
        var step = pow(10, floor(log10(span / Double(max(1, maxCount)))))
        for factor in [1.0, 2, 5, 10, 20, 50] {
            let candidate = step * factor
            if span / candidate <= Double(maxCount) {
                step = candidate
                break
            }
        }
        let first = ceil(range.lowerBound / step - 1e-9)
        var major: [TickSet.Tick] = []
        var k = first
        while k * step <= range.upperBound + step * 1e-9 {
            let value = abs(k * step) < step * 1e-9 ? 0 : k * step
            major.append(tick(value, step: step))
            k += 1
        }
        return TickSet(major: major, minor: [])
    }

    private static func tick(_ value: Double, step: Double) -> TickSet.Tick {
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        let magnitude = max(abs(value), step)
        if magnitude >= 1e5 || (magnitude < 1e-3 && value != 0) {
            let exponent = Int(floor(log10(magnitude)))
            let mantissa = value / pow(10, Double(exponent))
            let digits = max(0, decimals + exponent)
            return TickSet.Tick(value: value, text: String(format: "%.\(min(digits, 3))f×10", mantissa), exponent: String(exponent))
        }
        return TickSet.Tick(value: value, text: String(format: "%.\(decimals)f", value), exponent: nil)
    }

    /// Decade ticks labelled 10^k, minor ticks at 2…9 × 10^k. With more than `maxMajor`
    /// decades only every n-th is labelled; with fewer than two decades in range the minor
    /// ticks at 2 and 5 are labelled too.
    public static func log(_ range: ClosedRange<Double>, maxMajor: Int = 7) -> TickSet {
        let low = log10(range.lowerBound), high = log10(range.upperBound)
        let firstDecade = Int(ceil(low - 1e-9)), lastDecade = Int(floor(high + 1e-9))
        let decades = firstDecade <= lastDecade ? Array(firstDecade...lastDecade) : []
        let every = max(1, (decades.count + maxMajor - 1) / maxMajor)
        var major = decades.filter { ($0 - firstDecade) % every == 0 }.map { TickSet.Tick(value: pow(10, Double($0)), text: "10", exponent: String($0)) }
        // Decades left unlabelled still get a tick.
        var minor: [Double] = decades.filter { ($0 - firstDecade) % every != 0 }.map { pow(10, Double($0)) }
        for decade in (Int(floor(low)) - 1)...(Int(ceil(high)) + 1) {
            for m in 2...9 {
                let value = Double(m) * pow(10, Double(decade))
                if range.contains(value) { minor.append(value) }
            }
        }
        // A range of few decades labels 2 and 5 too; plain numbers (below) make them short.
        if decades.count < (plain(range) ? 4 : 2) {
            // Under one decade in range, every whole multiple gets a label (1, 2, 3, 4 heads).
            let every = high - low < 1 && plain(range)
            let labelled = minor.filter { value in
                let m = (value / pow(10, floor(log10(value)))).rounded()
                return every || m == 2 || m == 5
            }
            major += labelled.map { value in
                let exponent = Int(floor(log10(value) + 1e-9))
                return TickSet.Tick(value: value, text: String(format: "%.0f×10", (value / pow(10, Double(exponent))).rounded()), exponent: String(exponent))
            }
            major.sort { $0.value < $1.value }
            minor.removeAll { value in labelled.contains(value) }
        }
        // Values a reader says as numbers (1, 2, 5, 10 … 10000 heads or tokens) are written so;
        // 10⁰ and 2×10⁰ for one and two heads said less than they took room for.
        if plain(range) {
            major = major.map { TickSet.Tick(value: $0.value, text: String(format: "%g", $0.value), exponent: nil) }
        }
        return TickSet(major: major, minor: minor)
    }

    /// Whether every tick of the range can be written as a plain number of at most 5 digits.
    private static func plain(_ range: ClosedRange<Double>) -> Bool {
        range.lowerBound >= 0.001 && range.upperBound < 100_000
    }
}
