import Foundation

/// The one number format of every table and page, so output is byte-identical across builds.
///
/// - Integers (counts of parameters, tokens, bytes that fit in 64 bits) are written in full,
///   with no grouping: `704643072`.
/// - Real numbers are written as C's `%.10g`: ten significant digits, exponent form outside
///   1e-5 … 1e10 (`2.615`, `1.859262976e+10`). This is a valid `xs:double` lexical form.
/// - NaN and infinities are never written: they are rejected before a table is built.
public enum NumberFormat {
    public static func real(_ value: Double) -> String {
        precondition(value.isFinite, "non-finite values are rejected before formatting")
        if value == 0 { return "0" }  // no "-0"
        // C's own printf: String(format:) goes through Foundation's formatter, a cost that
        // adds up in tables of thousands of runs (hundreds of thousands of numbers).
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, 32, "%.10g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    public static func integer<I: BinaryInteger>(_ value: I) -> String {
        String(value)
    }

    /// Four significant digits, for numbers inside sentences (a fit's reason): `-0.02327`.
    public static func prose(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.4g", value)
    }

    /// A human-readable form for pages: 3 significant digits with an SI-like suffix.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where magnitude >= scale {
            return String(format: "%.3g", value / scale) + suffix
        }
        return String(format: "%.4g", value)
    }
}
