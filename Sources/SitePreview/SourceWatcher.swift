import Foundation
import GQAReport

/// Notices changes to a project's inputs by comparing snapshots (path, size, modification
/// time) of the folders a build reads: Results/ (less Results/tables/, which the build writes),
/// Templates/, and any --runs folders. Polling, not inotify: it works the same on every file
/// system (network mounts and bind mounts included) and a sweep's logs change a few times a
/// minute, so a 0.5 s poll is cheap.
public struct SourceWatcher: Sendable {
    public struct Entry: Equatable, Sendable {
        var size: Int64
        /// Modification time in nanoseconds since the epoch.
        var modified: Int64
    }

    public typealias Snapshot = [String: Entry]

    let layout: ProjectLayout
    let runRoots: [URL]

    public init(layout: ProjectLayout, runRoots: [URL]) {
        self.layout = layout
        self.runRoots = runRoots
    }

    var folders: [URL] { [layout.results, layout.templates] + runRoots }

    /// readdir and one stat a file (FileTree.entries): URL resource values took about 0.14 ms
    /// a file, which at two snapshots a second kept a core busy for a 1,000-run sweep.
    public func snapshot() -> Snapshot {
        var entries: Snapshot = [:]
        let outputs = layout.tables.standardizedFileURL.path + "/"
        for folder in folders {
            let base = folder.standardizedFileURL.path + "/"
            for entry in FileTree.entries(under: folder) where !entry.isDirectory {
                let path = base + entry.path
                if path.hasPrefix(outputs) { continue }
                guard let stamp = FileStamp(path: path) else { continue }
                entries[path] = Entry(size: stamp.size, modified: stamp.modified)
            }
        }
        return entries
    }

    /// The paths that differ between two snapshots (added, removed or changed), sorted.
    public static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
