import Foundation

/// Where the inputs and outputs of a project live, relative to its root (`--root`).
public struct ProjectLayout: Sendable {
    public let root: URL
    /// Where the tables and the site go when not into the project itself (`--out DIR`: a look
    /// at one's own sweep that leaves the project's `Results/tables/` and `site/` as they are).
    public let output: URL?

    /// Folders outside the root whose files are named in the artifact (the `--runs` folders, the
    /// runs table's folder), each under its label.
    public private(set) var labelledFolders: [RunFolder] = []

    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.output = output?.standardizedFileURL
    }

    /// This layout naming the files under `folders` by their labels.
    public func labelling(_ folders: [RunFolder]) -> ProjectLayout {
        var layout = self
        layout.labelledFolders = folders
        return layout
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

    /// A path as written in the artifact and in messages: from the root where the file is under it
    /// (`Results/runs/x/args.json`), else from a labelled folder holding it (`sweep/x/config.json`,
    /// the innermost where they nest), else as it is (only outputs given by `--out` lie there).
    public func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        if let rest = Self.path(path, under: root) { return rest.isEmpty ? "." : rest }
        let holding = labelledFolders.compactMap { folder in Self.path(path, under: folder.url).map { (folder, $0) } }
        if let (folder, rest) = holding.max(by: { $0.0.url.path.count < $1.0.url.path.count }) {
            return rest.isEmpty ? folder.label : folder.label + "/" + rest
        }
        return path
    }

    /// `path` from `folder` ("" for the folder itself), or nil when it is not under it.
    static func path(_ path: String, under folder: URL) -> String? {
        let folderPath = folder.path
        if path == folderPath { return "" }
        let base = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
    }
}
