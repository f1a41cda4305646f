import Foundation

/// A folder searched for runs (`--runs`), with the label its files are written under in the
/// artifact: `sweep/llama-L2/config.json`, never the builder's absolute path, so the pages and
/// tables are the same bytes from any checkout of the sweep (and show no one's home folder).
public struct RunFolder: Sendable, Equatable {
    public let label: String
    public let url: URL

    /// The label is the folder's last path component unless one is given.
    public init(url: URL, label: String? = nil) {
        self.url = url.standardizedFileURL
        let name = self.url.lastPathComponent
        self.label = label ?? (name.isEmpty || name == "/" ? "runs" : name)
    }

    /// `PATH`, or `NAME=PATH` where NAME holds no slash and PATH is not itself an existing path
    /// with an `=` in it.
    public static func parse(_ argument: String) -> RunFolder {
        func url(_ path: String) -> URL { URL(fileURLWithPath: path, isDirectory: true) }
        if let equals = argument.firstIndex(of: "="), !FileTree.isDirectory(url(argument)) {
            let name = String(argument[..<equals]), path = String(argument[argument.index(after: equals)...])
            if !name.isEmpty, !name.contains("/"), !path.isEmpty { return RunFolder(url: url(path), label: name) }
        }
        return RunFolder(url: url(argument))
    }

    /// Fails, naming both, where two folders would write their files under one label.
    public static func checkLabels(_ folders: [RunFolder]) throws {
        var seen: [String: RunFolder] = [:]
        for folder in folders {
            if let other = seen[folder.label], other.url != folder.url {
                throw ReportError("--runs \(other.url.path) and --runs \(folder.url.path) are both labelled '\(folder.label)' (a folder's label is its last path component), so their files would be written under one name; label one: --runs NAME=PATH")
            }
            seen[folder.label] = folder
        }
    }
}
