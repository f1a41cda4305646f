import Foundation

/// Reads a run, or takes it from the build cache when its input files are what they were when
/// the cached run was read: the same files, and for each the SHA-256 the run was read from. A
/// file's hash is trusted without reading it when its size, mtime and inode are unchanged and
/// it was last modified well before it was hashed (see `FileStamp`).
struct CachedRunReader: Sendable {
    let reader: RunDirectoryReader
    let cache: BuildCache?

    /// A cached run: the files it was read from and the warnings reading it gave.
    private struct Entry: Codable {
        struct File: Codable {
            /// The path as the artifact names it (from the root, or from a `--runs` folder's label),
            /// so a sweep moved or checked out elsewhere finds its entries again.
            var path: String
            var stamp: FileStamp?
            /// nil for a file the reader did not read (its content cannot matter).
            var sha256: String?
        }
        var files: [File]
        /// When the stamps were taken (ns since 1970): a file modified within a second of it
        /// is hashed again, as a coarse clock could hide a change.
        var stampedAt: Int64
        var reading: RunReading
        var warnings: [String]
        /// The warnings `--strict` makes errors (a file in the run that is no log, a cut-short log).
        var problems: [String]?
    }

    func read(_ sources: RunSources, diagnostics: inout Diagnostics) throws -> RunReading {
        guard let cache else { return try reader.read(sources, diagnostics: &diagnostics) }
        let layout = reader.layout
        // A declared runs table can configure any run: its content is part of every key.
        let key = BuildCache.key(["run", layout.relativePath(sources.directory)] + (reader.declared.map { [$0.file.sha256] } ?? []))
        let stampedAt = Int64(Date().timeIntervalSince1970 * 1e9)
        let inputs = RunDirectoryReader.inputs(of: sources)
        let paths = inputs.map(\.path)
        let shown = inputs.map { layout.relativePath($0) }
        let stamps = paths.map { FileStamp(path: $0) }

        if var entry = cache.load(Entry.self, kind: "runs", key: key), entry.files.map(\.path) == shown,
           let rehashed = unchanged(entry, paths: paths, stamps: stamps)
        {
            let problems = Set(entry.problems ?? [])
            for warning in entry.warnings {
                if problems.contains(warning) { diagnostics.problem(warning) } else { diagnostics.warn(warning) }
            }
            if rehashed {  // same content, new stamps: remember them so the next build need not hash
                for index in entry.files.indices { entry.files[index].stamp = stamps[index] }
                entry.stampedAt = stampedAt
                cache.store(entry, kind: "runs", key: key)
            }
            return entry.reading
        }
        var local = Diagnostics()
        let reading = try reader.read(sources, diagnostics: &local)
        diagnostics.append(local)
        let provenance = reading.provenance
        let hashes = Dictionary(provenance.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let files = zip(shown, stamps).map { path, stamp in Entry.File(path: path, stamp: stamp, sha256: hashes[path]) }
        cache.store(Entry(files: files, stampedAt: stampedAt, reading: reading, warnings: local.warnings, problems: local.problems), kind: "runs", key: key)
        return reading
    }

    /// nil when a file changed; otherwise whether any file had to be hashed to tell.
    private func unchanged(_ entry: Entry, paths: [String], stamps: [FileStamp?]) -> Bool? {
        var rehashed = false
        for (file, (path, stamp)) in zip(entry.files, zip(paths, stamps)) {
            guard let expected = file.sha256 else { continue }
            guard let stamp else { return nil }
            if stamp == file.stamp, stamp.modified < entry.stampedAt - 1_000_000_000 { continue }
            // The stamp changed (or is too recent to trust): the content decides.
            guard let data = FileManager.default.contents(atPath: path), FileDigest.sha256Hex(data) == expected
            else { return nil }
            rehashed = true
        }
        return rehashed
    }
}
