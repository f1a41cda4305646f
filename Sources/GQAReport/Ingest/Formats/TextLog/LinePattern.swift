import Foundation

/// The shape of one kind of text-log line, matched on its bytes: text logs of long runs are
/// hundreds of megabytes, and a regular expression reads them at a few megabytes a second.
///
/// Written as the line is printed, with placeholders:
/// - `{step}` a whole number, the line's step; `{n}` a whole number that is skipped;
/// - `{x}` a number that is kept (the rule names its tag), `{_}` a number that is skipped;
///   numbers as Python prints them, `nan` and `inf` included;
/// - a space: one or more blanks (spaces, tabs), so right-aligned columns match;
/// - `…`: any bytes, up to the next literal text (a timestamp, a logger's prefix);
/// - `$` at the end: nothing but blanks may follow; otherwise the rest of the line is ignored.
struct LinePattern: Sendable {
    /// Plain values (a literal is a range of `literals`), so matching a line copies and counts
    /// no references: it runs once a line on logs of millions of lines.
    enum Piece: Sendable, Equatable {
        case literal(start: Int, count: Int)
        case blanks
        case step, skippedInteger
        case value, skippedValue
        case anything
        case end
    }

    let pieces: [Piece]
    /// The bytes of every literal, one after another.
    let literals: [UInt8]
    /// How many `{x}` it keeps, in order.
    let valueCount: Int

    init(_ spec: String) {
        var pieces: [Piece] = []
        var literals: [UInt8] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty {
                pieces.append(.literal(start: literals.count, count: literal.count))
                literals += literal
            }
            literal = []
        }
        var rest = Substring(spec)
        while let character = rest.first {
            let placeholders: [(String, Piece)] = [("{step}", .step), ("{n}", .skippedInteger), ("{x}", .value), ("{_}", .skippedValue)]
            if let (text, piece) = placeholders.first(where: { rest.hasPrefix($0.0) }) {
                flush()
                pieces.append(piece)
                rest = rest.dropFirst(text.count)
                continue
            }
            switch character {
            case " ":
                flush()
                if pieces.last != .blanks { pieces.append(.blanks) }
            case "…":
                flush()
                pieces.append(.anything)
            case "$" where rest.count == 1:
                flush()
                pieces.append(.end)
            default:
                literal += Array(String(character).utf8)
            }
            rest = rest.dropFirst()
        }
        flush()
        for (index, piece) in pieces.enumerated() where piece == .anything {
            guard index + 1 < pieces.count, case .literal = pieces[index + 1] else {
                preconditionFailure("line pattern '\(spec)': '…' must be followed by literal text")
            }
        }
        self.pieces = pieces
        self.literals = literals
        valueCount = pieces.filter { $0 == .value }.count
    }

    /// What a matching line gave: its step, if the pattern has one, and its kept values.
    struct Captures {
        var step: Int?
        var values: [Double] = []
        /// Where the last kept value ends in the line.
        var valuesEnd = 0
    }

    /// Whether the whole pattern matches at the start of `line`; fills `captures` when it does.
    func match(_ line: UnsafeBufferPointer<UInt8>, into captures: inout Captures) -> Bool {
        captures.step = nil
        captures.values.removeAll(keepingCapacity: true)
        return pieces.withUnsafeBufferPointer { pieces in
            literals.withUnsafeBufferPointer { literals in
                Self.match(line, pieces, literals, piece: 0, at: 0, &captures)
            }
        }
    }

    private static func match(_ line: UnsafeBufferPointer<UInt8>, _ pieces: UnsafeBufferPointer<Piece>, _ literals: UnsafeBufferPointer<UInt8>,
                              piece first: Int, at start: Int, _ captures: inout Captures) -> Bool {
        var position = start
        var index = first
        while index < pieces.count {
            switch pieces[index] {
            case let .literal(literalStart, count):
                guard line.count - position >= count else { return false }
                for offset in 0..<count where line[position + offset] != literals[literalStart + offset] { return false }
                position += count
            case .blanks:
                guard position < line.count, isBlank(line[position]) else { return false }
                while position < line.count, isBlank(line[position]) { position += 1 }
            case .step, .skippedInteger:
                guard let (number, end) = wholeNumber(line, at: position) else { return false }
                if pieces[index] == .step { captures.step = number }
                position = end
            case .value, .skippedValue:
                guard let (number, end) = LogNumber.parse(line, at: position) else { return false }
                if pieces[index] == .value {
                    captures.values.append(number)
                    captures.valuesEnd = end
                }
                position = end
            case .anything:
                // Each place the next literal occurs, until the rest matches there.
                guard case let .literal(literalStart, count) = pieces[index + 1] else { return false }
                let needle = UnsafeBufferPointer(rebasing: literals[literalStart..<(literalStart + count)])
                var from = position
                let kept = captures
                while let found = ByteSearch.firstIndex(of: needle, in: line, from: from) {
                    if match(line, pieces, literals, piece: index + 2, at: found + count, &captures) { return true }
                    captures = kept
                    from = found + 1
                }
                return false
            case .end:
                while position < line.count, isBlank(line[position]) { position += 1 }
                return position == line.count
            }
            index += 1
        }
        return true
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }


    /// The whole number at `start` (up to 18 digits) and where it ends; nil when there is none.
    static func wholeNumber(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var position = start
        var number = 0
        while position < line.count, line[position] &- 0x30 < 10, position - start < 18 {
            number = number * 10 + Int(line[position] &- 0x30)
            position += 1
        }
        return position > start ? (number, position) : nil
    }
}

/// A number in a text log, as Python and C print it: `3.324421`, `-1.2e-05`, `.5`, `nan`, `inf`.
enum LogNumber {
    /// 10^0 … 10^22, each exact in a Double.
    private static let powersOfTen: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double,
                                     Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) =
        (1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22)

    private static func powerOfTen(_ exponent: Int) -> Double {
        withUnsafeBytes(of: powersOfTen) { $0.load(fromByteOffset: exponent * MemoryLayout<Double>.stride, as: Double.self) }
    }

    /// The number at `start` and where it ends; nil when there is none.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> (Double, Int)? {
        var position = start
        var negative = false
        if position < line.count, line[position] == UInt8(ascii: "-") || line[position] == UInt8(ascii: "+") {
            negative = line[position] == UInt8(ascii: "-")
            position += 1
        }
        if let (special, end) = word(line, at: position) { return (negative ? -special : special, end) }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, fractionDigits = 0
        var seenPoint = false
        while position < line.count {
            let byte = line[position]
            if byte &- 0x30 < 10 {
                digits += 1
                if significant > 0 || byte != 0x30 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30) }
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            position += 1
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if position < line.count, line[position] | 0x20 == UInt8(ascii: "e") {
            var cursor = position + 1
            var negativeExponent = false
            if cursor < line.count, line[cursor] == UInt8(ascii: "-") || line[cursor] == UInt8(ascii: "+") {
                negativeExponent = line[cursor] == UInt8(ascii: "-")
                cursor += 1
            }
            let digitsStart = cursor
            while cursor < line.count, line[cursor] &- 0x30 < 10, cursor - digitsStart < 6 {
                exponent = exponent * 10 + Int(line[cursor] &- 0x30)
                cursor += 1
            }
            if cursor > digitsStart {  // else the 'e' is not part of the number
                if negativeExponent { exponent = -exponent }
                position = cursor
            } else {
                exponent = 0
            }
        }
        let scale = exponent - fractionDigits
        // Clinger's fast path: a mantissa below 2^53 and a power of ten that is exact give the
        // correctly rounded value in one operation; anything else goes to strtod.
        if significant <= 15, abs(scale) <= 22 {
            let value = scale < 0 ? Double(mantissa) / powerOfTen(-scale) : Double(mantissa) * powerOfTen(scale)
            return (negative ? -value : value, position)
        }
        return strtod(line, start..<position).map { ($0, position) }
    }

    /// `nan`, `inf`, `infinity` in any case.
    private static func word(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> (Double, Int)? {
        guard start < line.count else { return nil }
        let first = line[start] | 0x20
        guard first == UInt8(ascii: "n") || first == UInt8(ascii: "i") else { return nil }  // the common case: a digit
        for (text, value) in [("infinity", Double.infinity), ("inf", .infinity), ("nan", .nan)] {
            let bytes = Array(text.utf8)
            guard line.count - start >= bytes.count else { continue }
            if bytes.indices.allSatisfy({ line[start + $0] | 0x20 == bytes[$0] }) { return (value, start + bytes.count) }
        }
        return nil
    }

    private static func strtod(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        guard range.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = CChar(bitPattern: line[index]) }
            buffer[range.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = Foundation.strtod(buffer.baseAddress!, &end)
            return end == buffer.baseAddress! + range.count ? value : nil
        }
    }
}

/// Where bytes occur in a line (glibc's memmem is not visible to Swift): memchr finds each
/// candidate first byte, the rest is compared.
enum ByteSearch {
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        var position = start
        while haystack.count - position >= needle.count {
            guard let hit = memchr(base + position, Int32(first), haystack.count - position - needle.count + 1) else { return nil }
            let index = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            var offset = 1
            while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return index }
            position = index + 1
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { firstIndex(of: $0, in: haystack, from: start) }
    }
}
