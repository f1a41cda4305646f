import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A runs folder built from a fuzzer's bytes, then discovered and read as a build reads one.
/// The bytes are text records, so seeds can be written from real trees and the fuzzer mutates
/// names, nesting, contents and links alike:
///
///     --- d wandb/run-20240101_000000-abcd/files
///     --- f wandb/run-20240101_000000-abcd/files/config.yaml
///     wandb_version: 1
///     …
///     --- l runs/latest -> ../wandb
///
/// A path's parts are kept to a safe name each (no `..`, at most 6 deep); a link's target is
/// taken as written, `..` and absolute paths included, so links out of the tree are tried.
/// The checks: no crash, no hang, and no run names a file outside the tree.
enum FuzzTree {
    /// One folder per process, emptied before each input.
    private static let place: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-fuzz-tree-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        return url
    }()

    /// The runs read (with metrics, with or without a configuration, or read whole and found to
    /// hold no series), for tests of the seeds.
    @discardableResult
    static func discoverAndRead(_ data: Data) -> Int {
        let tree = place.appendingPathComponent("runs", isDirectory: true)
        try? FileManager.default.removeItem(at: place)
        guard (try? FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)) != nil else { return 0 }
        build(data, in: tree)
        let layout = ProjectLayout(root: place.appendingPathComponent("project")).labelling([RunFolder(url: tree)])
        var diagnostics = Diagnostics()
        guard let collection = try? RunCollectionReader(layout: layout, roots: [tree]).readAll(diagnostics: &diagnostics) else { return 0 }
        for run in collection.runs {
            for path in run.provenance.map(\.path) + run.logs.map(\.path) where path != "runs" && !path.hasPrefix("runs/") {
                fatalError("run \(run.name) names \(path), outside the tree it was found in")
            }
            _ = ParameterCount(run.model).total
        }
        // A run read whole whose logs hold no series (listed without metrics) was read too.
        return collection.runs.count + collection.withoutConfiguration.count + collection.withoutMetrics.filter { !$0.unreadable }.count
    }

    /// Makes the tree the records describe. Contents are kept as bytes (an event file or a
    /// `.wandb` is binary); only a record's own line is read as text.
    private static func build(_ data: Data, in tree: URL) {
        let bytes = [UInt8](data), newline = UInt8(ascii: "\n"), marker = Array("--- ".utf8)
        var records = 0
        var file: (url: URL, start: Int)?
        func finish(at end: Int) {
            guard let (url, start) = file else { return }
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // The newline before the next record ends the record line, not the file.
            FileManager.default.createFile(atPath: url.path, contents: Data(bytes[start..<max(start, end - 1)]))
            file = nil
        }
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.count
            if bytes[lineStart..<lineEnd].starts(with: marker), lineEnd - lineStart >= 6 {
                finish(at: lineStart)
                records += 1
                guard records <= 64 else { return }
                let kind = bytes[lineStart + 4], rest = String(decoding: bytes[(lineStart + 6)..<lineEnd], as: UTF8.self)
                switch kind {
                case UInt8(ascii: "d"):
                    if let path = safePath(rest) {
                        try? FileManager.default.createDirectory(at: tree.appendingPathComponent(path), withIntermediateDirectories: true)
                    }
                case UInt8(ascii: "f"):
                    if let path = safePath(rest) { file = (tree.appendingPathComponent(path), min(lineEnd + 1, bytes.count)) }
                case UInt8(ascii: "l"):
                    let parts = rest.components(separatedBy: " -> ")
                    if parts.count == 2, let path = safePath(parts[0]), !parts[1].isEmpty, !parts[1].contains("\0") {
                        let url = tree.appendingPathComponent(path)
                        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                        _ = symlink(parts[1], url.path)
                    }
                default:
                    break
                }
            }
            lineStart = lineEnd + 1
        }
        finish(at: bytes.count + 1)
    }

    /// The path's parts, each a name the file system takes; nil when none is left.
    private static func safePath(_ text: String) -> String? {
        let parts = text.split(separator: "/").map { $0.replacingOccurrences(of: "\0", with: "_") }
            .filter { !$0.isEmpty && $0 != "." && $0 != ".." }.map { String(decoding: $0.utf8.prefix(64), as: UTF8.self) }
        guard !parts.isEmpty, parts.count <= 6 else { return nil }
        return parts.joined(separator: "/")
    }
}
