/// Builds an XML document as text, with attributes in the order given and two-space indents,
/// so the same table always gives the same bytes.
public struct XMLBuilder {
    private var lines: [String] = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
    private var open: [String] = []

    public init() {}

    /// Opens an element; `attributes` keep their order. Nil values are left out.
    public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        lines.append(indent + "<" + name + Self.render(attributes) + ">")
        open.append(name)
    }

    public mutating func close() {
        let name = open.removeLast()
        lines.append(indent + "</" + name + ">")
    }

    /// An element with no children.
    public mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        lines.append(indent + "<" + name + Self.render(attributes) + "/>")
    }

    /// An element holding only text.
    public mutating func text(_ name: String, _ content: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        lines.append(indent + "<" + name + Self.render(attributes) + ">" + Self.escape(content) + "</" + name + ">")
    }

    public var document: String {
        precondition(open.isEmpty, "unclosed elements: \(open)")
        return lines.joined(separator: "\n") + "\n"
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    private static func render(_ attributes: KeyValuePairs<String, String?>) -> String {
        var text = ""
        for (key, value) in attributes {
            guard let value else { continue }
            text += " " + key + "=\"" + escape(value) + "\""
        }
        return text
    }

    /// Escapes text for element content and double-quoted attributes. Characters XML 1.0
    /// cannot hold (most control characters) become U+FFFD, so a hostile run name cannot make
    /// a table ill-formed.
    public static func escape(_ text: String) -> String {
        // Most text (numbers, names, tags) needs no escaping: return it as it is.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "<")
            && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "\"") }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xD800...0xDFFF).contains(v) && v != 0xFFFE && v != 0xFFFF
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
