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
        return significant(value, digits: 10)
    }

    /// C's `%.<digits>g`. C's own printf: String(format:) goes through Foundation's formatter,
    /// a cost that adds up in tables of thousands of runs and in figures' content digests
    /// (hundreds of thousands of numbers).
    static func significant(_ value: Double, digits: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            _ = withVaList([Int32(digits), value]) { vsnprintf(buffer.baseAddress, 40, "%.*g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    public static func integer<I: BinaryInteger>(_ value: I) -> String {
        String(value)
    }

    /// Four significant digits, for numbers inside sentences (a fit's reason): `-0.02327`.
    public static func prose(_ value: Double) -> String {
        value == 0 ? "0" : significant(value, digits: 4)
    }

    /// A human-readable form for pages: 3 significant digits with an SI-like suffix.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where magnitude >= scale {
            return String(format: "%.3g", value / scale) + suffix
        }
        return String(format: "%.4g", value)
    }
}
