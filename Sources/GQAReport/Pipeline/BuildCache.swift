import Foundation

/// What earlier builds computed, and from which inputs, under `<root>/.report-cache/`, so a
/// rebuild after one run changed re-reads that run and refits only the curves its loss is in.
///
/// Content decides: an entry is keyed by, or checked against, the SHA-256 of everything it
/// was computed from, and by the identity of the `report` executable (a rebuilt program
/// trusts nothing of the old one's). Entries are whole files written by rename, so a build
/// that fails half-way leaves only complete entries; a cache folder that is missing,
/// unreadable or from another version is simply a cold start.
public struct BuildCache: Sendable {
    public static let folderName = ".report-cache"
    public let folder: URL
    /// The entries this build looked up or stored; the others are pruned after it.
    private let used = UsedEntries()

    public init(root: URL) {
        folder = root.appendingPathComponent(Self.folderName, isDirectory: true)
    }

    /// The running executable's path, size and modification time: what the entries were made
    /// by. nil when the executable cannot be found; nothing is then reused (see `load`).
    static let program: String? = {
        guard let path = Bundle.main.executablePath, let stamp = FileStamp(path: path) else { return nil }
        return "\(path)|\(stamp.size)|\(stamp.modified)"
    }()

    /// A key for values computed from `parts`: SHA-256 over the program and each part, each
    /// ended by a NUL so no two lists of parts run together into the same bytes.
    static func key(_ parts: [String]) -> String {
        FileDigest.sha256Hex(Data(([program ?? "unknown"] + parts).map { $0 + "\0" }.joined().utf8))
    }

    func load<Value: Decodable>(_ type: Value.Type, kind: String, key: String) -> Value? {
        used.insert(kind + "/" + key + ".json")
        guard Self.program != nil, let data = FileManager.default.contents(atPath: url(kind, key).path) else { return nil }
        return try? Self.decoder.decode(Value.self, from: data)
    }

    /// Stores an entry; a cache that cannot be written costs speed, not correctness, so
    /// failures are ignored.
    func store<Value: Encodable>(_ value: Value, kind: String, key: String) {
        guard let data = try? Self.encoder.encode(value) else { return }
        used.insert(kind + "/" + key + ".json")
        let target = url(kind, key)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(key).\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Deletes every entry this build did not use (runs since removed, fits of old points,
    /// entries of an earlier program), so the cache holds one build's worth. Called after a
    /// build's outputs are written.
    public func prune() {
        let files = FileManager.default
        for kind in (try? files.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let directory = folder.appendingPathComponent(kind)
            for name in (try? files.contentsOfDirectory(atPath: directory.path)) ?? [] where !used.contains(kind + "/" + name) {
                try? files.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    private func url(_ kind: String, _ key: String) -> URL {
        folder.appendingPathComponent(kind, isDirectory: true).appendingPathComponent(key + ".json")
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()
}

/// The entries a build used, shared by the threads that read runs and make fits.
private final class UsedEntries: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: Set<String> = []

    func insert(_ entry: String) {
        lock.withLock { _ = entries.insert(entry) }
    }

    func contains(_ entry: String) -> Bool {
        lock.withLock { entries.contains(entry) }
    }
}
