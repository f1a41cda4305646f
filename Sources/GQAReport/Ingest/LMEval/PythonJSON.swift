import Foundation

/// Python's `json.dump` writes a non-finite float as the bare word `NaN`, `Infinity` or
/// `-Infinity`, which JSON does not allow (lm-evaluation-harness v0.4 does, for a metric that
/// failed). These words, outside strings, become `null`: a missing value.
enum PythonJSON {
    static func replacingNonFiniteLiterals(_ data: Data) -> (data: Data, replaced: Int) {
        let words: [[UInt8]] = [Array("-Infinity".utf8), Array("Infinity".utf8), Array("NaN".utf8)]
        let null = Array("null".utf8)
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var scanner = JSONStringScanner(), replaced = 0, index = 0
        outer: while index < bytes.count {
            let byte = bytes[index]
            if scanner.isOutsideString(byte), byte == UInt8(ascii: "N") || byte == UInt8(ascii: "I") || byte == UInt8(ascii: "-") {
                for word in words where bytes[index...].starts(with: word) {
                    output += null
                    index += word.count
                    replaced += 1
                    continue outer
                }
            }
            output.append(byte)
            index += 1
        }
        return replaced == 0 ? (data, 0) : (Data(output), replaced)
    }
}
