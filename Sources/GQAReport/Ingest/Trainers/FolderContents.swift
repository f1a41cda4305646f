import Foundation

/// A folder's files and subfolders, from the one walk discovery makes of a runs tree, so a
/// trainer layout decides whether a folder is its run without listing or stat-ing it again.
public struct FolderContents: Sendable {
    public let url: URL
    public let files: Set<String>
    public let folders: Set<String>
    /// The contents of every folder of the walk, by absolute path (for a layout that looks one
    /// level down, at a checkpoint).
    let tree: [String: (files: Set<String>, folders: Set<String>)]

    /// The contents of a subfolder, from the same walk.
    public func subfolder(_ name: String) -> FolderContents? {
        let child = url.appendingPathComponent(name)
        guard let entry = tree[child.path] else { return nil }
        return FolderContents(url: child, files: entry.files, folders: entry.folders, tree: tree)
    }

    /// Every folder of a walk of `root` (`FileTree.entries`), the root included.
    static func walk(_ root: URL, entries: [(path: String, isDirectory: Bool)]) -> [String: FolderContents] {
        var tree: [String: (files: Set<String>, folders: Set<String>)] = [root.path: ([], [])]
        for entry in entries {
            let url = root.appendingPathComponent(entry.path)
            let parent = url.deletingLastPathComponent().path
            if entry.isDirectory {
                tree[url.path] = tree[url.path] ?? ([], [])
                tree[parent, default: ([], [])].folders.insert(url.lastPathComponent)
            } else {
                tree[parent, default: ([], [])].files.insert(url.lastPathComponent)
            }
        }
        return tree.reduce(into: [:]) { result, item in
            result[item.key] = FolderContents(url: URL(fileURLWithPath: item.key), files: item.value.files, folders: item.value.folders, tree: tree)
        }
    }
}
