import Foundation

/// The arguments the authors' `train.py` prints at launch, between
/// `================ args ================` and a closing line of `=`, as a Python dict
/// (`pformat`, so it may span several lines): `{'batch_size': 8, ..., 'run_name': 'e1_…', …}`.
/// A scheduler's stdout file (`slurm-<jobid>.out`) is tied to its run by the `run_name` there.
public enum LaunchArguments {
    static let header = Array("================ args ================".utf8)

    /// The `run_name` of every args block in the text, in order (one a launch).
    public static func runNames(in data: Data) -> [String] {
        let bytes = [UInt8](data)
        var names: [String] = []
        var searchFrom = 0
        while let start = find(header, in: bytes, from: searchFrom) {
            var end = start + header.count
            // The block ends at the next line made only of '=' (the printer's closing rule).
            var lineStart = end
            var blockEnd = bytes.count
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let line = bytes[lineStart..<lineEnd].filter { $0 != UInt8(ascii: "\r") }
                if line.count >= 10 && line.allSatisfy({ $0 == UInt8(ascii: "=") }) {
                    blockEnd = lineStart
                    break
                }
                lineStart = lineEnd + 1
            }
            end = blockEnd
            let block = String(decoding: bytes[(start + header.count)..<end], as: UTF8.self)
            if let name = pythonString(after: "'run_name':", in: block) { names.append(name) }
            searchFrom = max(end, start + header.count)
        }
        return names
    }

    /// The Python string literal after `key` ('…' or "…", with backslash escapes).
    static func pythonString(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key) else { return nil }
        var rest = text[range.upperBound...].drop { $0 == " " || $0 == "\n" }
        guard let quote = rest.first, quote == "'" || quote == "\"" else { return nil }
        rest = rest.dropFirst()
        var value = ""
        var escaped = false
        for character in rest {
            if escaped {
                value.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == quote {
                return value
            } else if character == "\n" {
                return nil
            } else {
                value.append(character)
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
