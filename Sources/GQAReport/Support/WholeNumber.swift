/// Whole numbers read as floating point (CSV cells, JSON numbers): converting a Double that is
/// too large to an Int traps in Swift, so every such conversion goes through here.
enum WholeNumber {
    /// The Int `value` holds exactly, or nil when it has a fraction, is not finite, or is
    /// beyond 2^53 (where doubles stop holding every integer).
    static func exact(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }
}
