import Foundation

/// Where the inputs and outputs of a project live, relative to its root (`--root`).
public struct ProjectLayout: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var results: URL { root.appendingPathComponent("Results", isDirectory: true) }
    /// Run directories in the authors' layout, one per run.
    public var runs: URL { results.appendingPathComponent("runs", isDirectory: true) }
    /// The XSD schemas, kept in the repository; tables reference them.
    public var schemas: URL { results.appendingPathComponent("schemas", isDirectory: true) }
    /// Generated XML tables.
    public var tables: URL { results.appendingPathComponent("tables", isDirectory: true) }
    public var templates: URL { root.appendingPathComponent("Templates", isDirectory: true) }
    /// The generated static site.
    public var site: URL { root.appendingPathComponent("site", isDirectory: true) }

    /// Reads an input file: its bytes, and its identity (path from the root, SHA-256, size)
    /// for provenance. An unreadable file is an error naming it.
    public func read(_ url: URL) throws -> (data: Data, file: InputFile) {
        let path = relativePath(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError(path: path, "cannot read the file")
        }
        return (data, InputFile(path: path, data: data))
    }

    /// A path as the user would write it from the root: `Results/runs/x/args.json`.
    public func relativePath(_ url: URL) -> String {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
