import Foundation
import XMLSupport

/// An element of an XML document read with libxml2 (network off, no DTDs or entities, and
/// validated against its schema first). Only what the project's own input files need.
public final class XMLTree {
    public let name: String
    /// Attributes in document order.
    public let attributes: [(name: String, value: String)]
    public let text: String
    public let line: Int
    public private(set) var children: [XMLTree] = []

    init(name: String, attributes: [(String, String)], text: String, line: Int) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.line = line
    }

    public subscript(attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }

    public func children(named name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    public func child(named name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// Reads `data` (named `path` in messages), validating it against `schema` first.
    public static func read(_ data: Data, path: String, schema: URL?) throws -> XMLTree {
        final class Builder {
            var stack: [XMLTree] = []
            var root: XMLTree?
        }
        let builder = Builder()
        let callback: gqa_xml_element_fn = { context, isEnd, name, attributes, text, line in
            let builder = Unmanaged<Builder>.fromOpaque(context!).takeUnretainedValue()
            if isEnd != 0 {
                let finished = builder.stack.removeLast()
                if let parent = builder.stack.last { parent.children.append(finished) } else { builder.root = finished }
                return
            }
            var pairs: [(String, String)] = []
            var index = 0
            while let attributes, let key = attributes[index] {
                pairs.append((String(cString: key), attributes[index + 1].map { String(cString: $0) } ?? ""))
                index += 2
            }
            builder.stack.append(XMLTree(name: String(cString: name!), attributes: pairs,
                                         text: text.map { String(cString: $0) } ?? "", line: Int(line)))
        }
        var message: UnsafeMutablePointer<CChar>?
        withExtendedLifetime(builder) {
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                message = gqa_xml_read(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, path,
                                       schema?.path, callback, Unmanaged.passUnretained(builder).toOpaque())
            }
        }
        if let message {
            defer { gqa_xml_free(message) }
            let detail = String(cString: message)
            throw ReportError(path: path, schema.map { "does not validate against \($0.lastPathComponent):\n\(detail)" } ?? "is not well-formed XML:\n\(detail)")
        }
        guard let root = builder.root else { throw ReportError(path: path, "the document has no root element") }
        return root
    }
}
