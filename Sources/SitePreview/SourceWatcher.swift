import Foundation
import GQAReport

/// Notices changes to a project's inputs by comparing snapshots (path, size, modification
/// time) of the folders a build reads: Results/ (less Results/tables/, which the build writes),
/// Templates/, and any --runs folders. Polling, not inotify: it works the same on every file
/// system (network mounts and bind mounts included) and a sweep's logs change a few times a
/// minute, so a 0.5 s poll is cheap.
struct SourceWatcher {
    struct Entry: Equatable {
        var size: Int
        var modified: Date
    }

    typealias Snapshot = [String: Entry]

    let layout: ProjectLayout
    let runRoots: [URL]

    var folders: [URL] { [layout.results, layout.templates] + runRoots }

    func snapshot() -> Snapshot {
        var entries: Snapshot = [:]
        let outputs = layout.tables.standardizedFileURL.path + "/"
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in walk {
                let path = url.standardizedFileURL.path
                if path.hasPrefix(outputs) { continue }
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                entries[path] = Entry(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
        return entries
    }

    /// The paths that differ between two snapshots (added, removed or changed), sorted.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
