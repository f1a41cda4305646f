/// Whether a byte of JSON text lies inside a string, for the readers that walk lm-eval's raw
/// bytes before parsing them (to replace Python's NaN words, to tell a file cut short): both
/// must leave what is inside strings alone, escaped quotes included.
struct JSONStringScanner {
    private(set) var inString = false
    private var escaped = false

    /// Reads the next byte; true when it is outside every string (a quote itself is not).
    mutating func isOutsideString(_ byte: UInt8) -> Bool {
        if inString {
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            return false
        }
        if byte == UInt8(ascii: "\"") {
            inString = true
            return false
        }
        return true
    }
}
