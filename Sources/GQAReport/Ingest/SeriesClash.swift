import Foundation

/// Two files of one run that log one tag at the same steps with other values: the first such
/// step. Values are compared at the precision the less precise of the two was written with: a
/// stdout line's 4-decimal `5.5983` agrees with the event file's float32 `5.598332405` because
/// that rounds to it; beyond about 12 decimals (two binary values), within float32 rounding
/// (an event file keeps in float what a JSON log holds in double).
struct SeriesClash {
    var commonSteps: Int
    var step: Int
    var first: Double
    var second: Double

    /// `places`: the decimals of the less precise series (`decimals(of:)` of each).
    static func find(_ first: [MetricPoint], _ second: [MetricPoint], places: Int) -> SeriesClash? {
        let earlier = Dictionary(first.map { ($0.step, $0.value) }, uniquingKeysWith: { $1 })
        var common = 0
        var clash: (step: Int, first: Double, second: Double)?
        for point in second {
            guard let value = earlier[point.step] else { continue }
            common += 1
            if clash == nil, !agree(value, point.value, places: places) {
                clash = (point.step, value, point.value)
            }
        }
        return clash.map { SeriesClash(commonSteps: common, step: $0.step, first: $0.first, second: $0.second) }
    }

    /// Whether two values are one at `places` decimals (nil: the fewer of their own).
    static func agree(_ a: Double, _ b: Double, places: Int? = nil) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        let places = places ?? min(decimals(a), decimals(b))
        if places < 12 { return abs(a - b) <= 0.5 * pow(10, -Double(places)) * (1 + 1e-9) }
        return abs(a - b) <= 1e-6 * max(abs(a), abs(b))
    }

    /// How many decimals the shortest text that reads back as `value` has: 4 for a value
    /// printed as 5.5983, about 15 for a float32 value widened to double.
    static func decimals(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        let text = "\(value)"
        let (mantissa, exponent): (Substring, Int) = {
            guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return (Substring(text), 0) }
            return (text[..<e], Int(text[text.index(after: e)...]) ?? 0)
        }()
        let fraction = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        let digits = (fraction == 1 && mantissa.hasSuffix(".0")) ? 0 : fraction
        return max(0, digits - exponent)
    }

    /// The precision a series was written with: the most decimals among its first 200 values
    /// (a value printed as 7.9000 reads back as 7.9; its neighbours show the 4).
    static func decimals(of points: [MetricPoint]) -> Int {
        points.prefix(200).map { decimals($0.value) }.max() ?? 0
    }
}
