import Foundation

/// A flat dict printed on one line, from its first `{'` (a Python dict, as the Trainer prints
/// its logs) or `{"` (a JSON object, as a loop's `json.dumps` writes a record): string keys,
/// values that are numbers or strings holding numbers (anything else, `None`, `null`, a list or
/// a nested object, is kept as a key without a value). Parsed on bytes: such files run to
/// millions of lines.
enum FlatDictLine {
    /// The quote of the keys: `'` for Python's repr, `"` for JSON.
    enum Quote: UInt8 {
        case python = 0x27, json = 0x22
    }

    static func opens(_ line: UnsafeBufferPointer<UInt8>, quote: Quote = .python) -> Bool { start(line, quote) != nil }

    private static func start(_ line: UnsafeBufferPointer<UInt8>, _ quote: Quote) -> Int? {
        let open: [UInt8] = [UInt8(ascii: "{"), quote.rawValue]
        return ByteSearch.firstIndex(of: open, in: line)
    }

    /// One key and its value: a number (`isWhole` when printed without a point or exponent),
    /// or nil for anything else.
    struct Item {
        var key: String
        var value: Double?
        var isWhole: Bool
        /// Digits after the point as printed (the rounding of an epoch).
        var decimals = 0
    }

    /// Digits after the point of a number as printed (`0.068` → 3, `2e-05` → 0).
    private static func decimals(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let point = text.firstIndex(of: UInt8(ascii: ".")) else { return 0 }
        var count = 0
        for byte in text[(point + 1)...] {
            guard byte &- 0x30 < 10 else { break }
            count += 1
        }
        return count
    }

    /// Fills `items` with the line's dict; false when the line holds no whole dict.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, into items: inout [Item], quote: Quote = .python) -> Bool {
        items.removeAll(keepingCapacity: true)
        let mark = quote.rawValue
        guard var index = start(line, quote) else { return false }
        index += 1
        func skipBlanks() { while index < line.count, LinePattern.isBlank(line[index]) { index += 1 } }
        func closingQuote(after start: Int) -> Int? {
            var cursor = start
            while cursor < line.count, line[cursor] != mark {
                // JSON escapes a quote inside a string (`\"`); Python's repr switches quotes instead.
                cursor += quote == .json && line[cursor] == UInt8(ascii: "\\") ? 2 : 1
            }
            return cursor < line.count ? cursor : nil
        }
        while true {
            skipBlanks()
            guard index < line.count, line[index] == mark, let keyEnd = closingQuote(after: index + 1) else { return false }
            let key = String(decoding: UnsafeBufferPointer(rebasing: line[(index + 1)..<keyEnd]), as: UTF8.self)
            index = keyEnd + 1
            skipBlanks()
            guard index < line.count, line[index] == UInt8(ascii: ":") else { return false }
            index += 1
            skipBlanks()
            guard index < line.count else { return false }
            if line[index] == mark {
                guard let valueEnd = closingQuote(after: index + 1) else { return false }
                let text = UnsafeBufferPointer(rebasing: line[(index + 1)..<valueEnd])
                let parsed = LogNumber.parse(text, at: 0).flatMap { $0.1 == text.count ? $0.0 : nil }
                items.append(Item(key: key, value: parsed, isWhole: false, decimals: decimals(text)))
                index = valueEnd + 1
            } else if let (number, end) = LogNumber.parse(line, at: index) {
                let digits = UnsafeBufferPointer(rebasing: line[index..<end])
                items.append(Item(key: key, value: number, isWhole: !digits.contains { $0 &- 0x30 >= 10 }, decimals: decimals(digits)))
                index = end
            } else {
                // Some other Python value (None, a list): skipped to the next comma or brace at its depth.
                var depth = 0
                while index < line.count {
                    let byte = line[index]
                    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "{") { depth += 1 }
                    if byte == UInt8(ascii: "]") || byte == UInt8(ascii: ")") { depth -= 1 }
                    if depth == 0 && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}")) { break }
                    if byte == UInt8(ascii: "}") { depth -= 1 }
                    index += 1
                }
                items.append(Item(key: key, value: nil, isWhole: false))
            }
            skipBlanks()
            guard index < line.count else { return false }
            if line[index] == UInt8(ascii: "}") { return true }
            guard line[index] == UInt8(ascii: ",") else { return false }
            index += 1
        }
    }
}
