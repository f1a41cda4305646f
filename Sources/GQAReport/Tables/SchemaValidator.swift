import Foundation
import XMLSupport

/// Validates a table against its XSD schema with libxml2 before anything is written.
public enum SchemaValidator {
    /// Throws a `ReportError` listing libxml2's findings (with line numbers) when `xml` is not
    /// well formed or does not conform to the schema at `schema`.
    public static func validate(_ xml: String, named name: String, schema: URL) throws {
        var message: UnsafeMutablePointer<CChar>?
        xml.utf8CString.withUnsafeBufferPointer { buffer in
            message = gqa_xml_validate(buffer.baseAddress, buffer.count - 1, name, schema.path)
        }
        if let message {
            defer { gqa_xml_free(message) }
            throw ReportError(path: name, "does not validate against \(schema.lastPathComponent):\n\(String(cString: message))")
        }
    }

    /// Checks only that `xml` is well formed, parsed with network access and entities off.
    public static func checkWellFormed(_ xml: String, named name: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        xml.utf8CString.withUnsafeBufferPointer { buffer in
            message = gqa_xml_check_well_formed(buffer.baseAddress, buffer.count - 1, name)
        }
        if let message {
            defer { gqa_xml_free(message) }
            throw ReportError(path: name, "is not well-formed XML:\n\(String(cString: message))")
        }
    }
}
