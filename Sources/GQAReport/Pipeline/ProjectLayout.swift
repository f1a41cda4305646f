import Foundation

/// Where the inputs and outputs of a project live, relative to its root (`--root`).
public struct ProjectLayout: Sendable {
    public let root: URL
    /// Where the tables and the site go when not into the project itself (`--out DIR`: a look
    /// at one's own sweep that leaves the project's `Results/tables/` and `site/` as they are).
    public let output: URL?

    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.output = output?.standardizedFileURL
    }

    /// The folder holding the output folders (the root, or `--out`): the build stages its
    /// outputs there, so the final renames stay on one file system.
    public var outputBase: URL { output ?? root }

    public var results: URL { root.appendingPathComponent("Results", isDirectory: true) }
    /// Run directories in the authors' layout, one per run.
    public var runs: URL { results.appendingPathComponent("runs", isDirectory: true) }
    /// The XSD schemas, kept in the repository; tables reference them.
    public var schemas: URL { results.appendingPathComponent("schemas", isDirectory: true) }
    /// Generated XML tables.
    public var tables: URL {
        output?.appendingPathComponent("tables", isDirectory: true) ?? results.appendingPathComponent("tables", isDirectory: true)
    }
    public var templates: URL { root.appendingPathComponent("Templates", isDirectory: true) }
    /// The generated static site.
    public var site: URL { outputBase.appendingPathComponent("site", isDirectory: true) }

    /// Fails, saying what to do, when the root is not a gqa-report checkout (the pages are
    /// rendered from its `Templates/`): `report` run from some other folder.
    public func requireProject() throws {
        guard FileTree.isDirectory(templates) else {
            throw ReportError(path: root.path, "not a gqa-report project: it holds no Templates/. Run report from the repository's folder, or give it with --root DIR; to keep the tables and site of your own sweep out of the repository's, add --out DIR")
        }
    }

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
