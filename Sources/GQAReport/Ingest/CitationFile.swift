import Foundation
import Yams

/// `Results/CITATION.cff`: the citation metadata the site offers for download. Read and checked
/// here (it must parse as YAML and carry the fields the Citation File Format 1.2.0 requires), so
/// a broken file fails the build with its line rather than reaching a reader's reference manager.
enum CitationFile {
    static let path = "Results/CITATION.cff"
    static let requiredKeys = ["cff-version", "message", "title", "authors"]

    /// The file's bytes, or nil when the project has none.
    static func read(_ layout: ProjectLayout) throws -> Data? {
        let url = layout.root.appendingPathComponent(path)
        guard FileTree.isRegularFile(url) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw ReportError(path: path, "cannot read the file as UTF-8")
        }
        let document: Any?
        do {
            document = try YAMLDocument.load(text)
        } catch {
            throw ReportError(path: path, "not valid YAML: \(error)")
        }
        guard let fields = document as? [String: Any] else { throw ReportError(path: path, "expected a mapping of CFF fields") }
        let missing = requiredKeys.filter { fields[$0] == nil }
        if !missing.isEmpty { throw ReportError(path: path, "missing the required field(s) \(missing.joined(separator: ", ")) (Citation File Format 1.2.0)") }
        guard (fields["authors"] as? [Any])?.isEmpty == false else { throw ReportError(path: path, "'authors' must list at least one author") }
        return data
    }
}
