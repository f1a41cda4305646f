import Foundation

/// A JSON value that keeps the difference between integers, reals and booleans, so a config
/// field can be checked for the exact type the authors' code expects.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses a whole file's bytes; a syntax error names the file and the line.
    static func parse(_ data: Data, path: String) throws -> JSONValue {
        // JSONSerialization reports where the syntax breaks ("around character N");
        // JSONDecoder does not, so it checks the syntax first.
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw ReportError(path: path, line: line(in: data, message: detail), "malformed JSON: \(detail)")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ReportError(path: path, "malformed JSON: \(error)")
        }
    }

    /// The objects of a JSON-lines file with their 1-based line numbers; blank lines are
    /// skipped, and a line that is not an object is an error naming it.
    static func objectLines(_ data: Data, path: String) throws -> [(line: Int, object: [String: JSONValue])] {
        var objects: [(line: Int, object: [String: JSONValue])] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { !" \t\r".utf8.contains($0) }) else { continue }
            guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line)) else {
                throw ReportError(path: path, line: lineNumber, "not a JSON object")
            }
            objects.append((lineNumber, object))
        }
        return objects
    }

    /// The 1-based line of the byte offset in Foundation's "around character N", if any.
    private static func line(in data: Data, message: String) -> Int? {
        guard let range = message.range(of: "character ") else { return nil }
        guard let offset = Int(message[range.upperBound...].prefix { $0.isNumber }) else { return nil }
        return data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a real number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
