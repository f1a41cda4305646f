import Foundation

/// Reads a run directory, or takes it from the build cache when every file in it is what
/// it was when the cached run was read: the same names, and for each file the SHA-256 the
/// run was read from. A file's hash is trusted without reading it when its size, mtime and
/// inode are unchanged and it was last modified well before it was hashed (see `FileStamp`).
struct CachedRunReader: Sendable {
    let reader: RunDirectoryReader
    let cache: BuildCache?

    /// A cached run: the files it was read from and the warnings reading it gave.
    private struct Entry: Codable {
        struct File: Codable {
            var name: String
            var stamp: FileStamp?
            /// nil for a file the reader did not read (its content cannot matter).
            var sha256: String?
        }
        var files: [File]
        /// When the stamps were taken (ns since 1970): a file modified within a second of it
        /// is hashed again, as a coarse clock could hide a change.
        var stampedAt: Int64
        var run: Run
        var warnings: [String]
    }

    func read(_ directory: URL, diagnostics: inout Diagnostics) throws -> Run {
        guard let cache else { return try reader.read(directory, diagnostics: &diagnostics) }
        let layout = reader.layout
        let key = BuildCache.key(["run", layout.relativePath(directory)])
        let stampedAt = Int64(Date().timeIntervalSince1970 * 1e9)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let stamps = names.map { FileStamp(path: directory.appendingPathComponent($0).path) }

        if var entry = cache.load(Entry.self, kind: "runs", key: key), entry.files.map(\.name) == names,
           let rehashed = unchanged(entry, stamps: stamps, in: directory)
        {
            entry.warnings.forEach { diagnostics.warn($0) }
            if rehashed {  // same content, new stamps: remember them so the next build need not hash
                for index in entry.files.indices { entry.files[index].stamp = stamps[index] }
                entry.stampedAt = stampedAt
                cache.store(entry, kind: "runs", key: key)
            }
            return entry.run
        }
        var local = Diagnostics()
        let run = try reader.read(directory, diagnostics: &local)
        diagnostics.append(local)
        let hashes = Dictionary(run.provenance.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let files = zip(names, stamps).map { name, stamp in
            Entry.File(name: name, stamp: stamp, sha256: hashes[layout.relativePath(directory.appendingPathComponent(name))])
        }
        cache.store(Entry(files: files, stampedAt: stampedAt, run: run, warnings: local.warnings), kind: "runs", key: key)
        return run
    }

    /// nil when a file changed; otherwise whether any file had to be hashed to tell.
    private func unchanged(_ entry: Entry, stamps: [FileStamp?], in directory: URL) -> Bool? {
        var rehashed = false
        for (file, stamp) in zip(entry.files, stamps) {
            guard let expected = file.sha256 else { continue }
            guard let stamp else { return nil }
            if stamp == file.stamp, stamp.modified < entry.stampedAt - 1_000_000_000 { continue }
            // The stamp changed (or is too recent to trust): the content decides.
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file.name).path),
                  FileDigest.sha256Hex(data) == expected
            else { return nil }
            rehashed = true
        }
        return rehashed
    }
}
