import Foundation

/// The hyperparameters TensorBoard's hparams plugin stores (`SummaryWriter.add_hparams`, which
/// Accelerate's `init_trackers(config=...)` calls): a summary tagged
/// `_hparams_/session_start_info` whose metadata carries the plugin's `HParamsPluginData`,
/// whose `session_start_info.hparams` maps each name to a `google.protobuf.Value`.
/// Read from the wire bytes; the event reader's generated messages leave metadata out.
public enum HParamsRecord {
    public static let tag = "_hparams_/session_start_info"

    /// Every hyperparameter of the file's hparams records (text for strings, `%.17g` for
    /// numbers, true/false); empty when the file holds none.
    public static func read(_ data: Data, path: String) throws -> [String: String] {
        var found: [String: String] = [:]
        var ignored = Diagnostics()  // the metric reader reports truncation; this reads for ties only
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            try TFRecordFraming.forEachRecord(in: bytes, path: path, diagnostics: &ignored) { record, _ in
                var event = WireCursor(bytes: record, position: 0, end: record.count)
                while !event.atEnd {
                    guard let (field, wire) = event.key() else { return }
                    if field == 5, wire == 2, let summary = event.delimited() {
                        readSummary(summary, into: &found)
                    } else if !event.skipField(wireType: wire) {
                        return
                    }
                }
            }
        }
        return found
    }

    private static func readSummary(_ summary: WireCursor, into found: inout [String: String]) {
        var cursor = summary
        while !cursor.atEnd {
            guard let (field, wire) = cursor.key() else { return }
            guard field == 1, wire == 2, let value = cursor.delimited() else {
                guard cursor.skipField(wireType: wire) else { return }
                continue
            }
            var tag: String?
            var content: WireCursor?
            var inner = value
            while !inner.atEnd {
                guard let (f, w) = inner.key() else { break }
                if f == 1, w == 2, let text = inner.delimited() {
                    tag = text.string
                } else if f == 9, w == 2, let metadata = inner.delimited() {
                    content = pluginContent(metadata)
                } else if !inner.skipField(wireType: w) {
                    break
                }
            }
            if tag == Self.tag, let content { readPluginData(content, into: &found) }
        }
    }

    /// SummaryMetadata.plugin_data (1) → PluginData.content (2), for plugin "hparams".
    private static func pluginContent(_ metadata: WireCursor) -> WireCursor? {
        var cursor = metadata
        while !cursor.atEnd {
            guard let (field, wire) = cursor.key() else { return nil }
            guard field == 1, wire == 2, let pluginData = cursor.delimited() else {
                guard cursor.skipField(wireType: wire) else { return nil }
                continue
            }
            var inner = pluginData
            var name: String?, content: WireCursor?
            while !inner.atEnd {
                guard let (f, w) = inner.key() else { return nil }
                if f == 1, w == 2, let text = inner.delimited() {
                    name = text.string
                } else if f == 2, w == 2, let bytes = inner.delimited() {
                    content = bytes
                } else if !inner.skipField(wireType: w) {
                    return nil
                }
            }
            return name == "hparams" ? content : nil
        }
        return nil
    }

    /// HParamsPluginData.session_start_info (3) → SessionStartInfo.hparams (1, map entries).
    private static func readPluginData(_ content: WireCursor, into found: inout [String: String]) {
        var cursor = content
        while !cursor.atEnd {
            guard let (field, wire) = cursor.key() else { return }
            guard field == 3, wire == 2, var start = cursor.delimited() else {
                guard cursor.skipField(wireType: wire) else { return }
                continue
            }
            while !start.atEnd {
                guard let (f, w) = start.key() else { return }
                guard f == 1, w == 2, var entry = start.delimited() else {
                    guard start.skipField(wireType: w) else { return }
                    continue
                }
                var key: String?, value: String?
                while !entry.atEnd {
                    guard let (ef, ew) = entry.key() else { break }
                    if ef == 1, ew == 2, let text = entry.delimited() {
                        key = text.string
                    } else if ef == 2, ew == 2, let v = entry.delimited() {
                        value = protobufValue(v)
                    } else if !entry.skipField(wireType: ew) {
                        break
                    }
                }
                if let key, let value { found[key] = value }
            }
        }
    }

    /// google.protobuf.Value: number (2), string (3), bool (4); null and lists give nil.
    private static func protobufValue(_ value: WireCursor) -> String? {
        var cursor = value
        var result: String?
        while !cursor.atEnd {
            guard let (field, wire) = cursor.key() else { return nil }
            switch (field, wire) {
            case (2, 1):
                guard let bits = cursor.fixed64() else { return nil }
                result = String(format: "%.17g", Double(bitPattern: bits))
            case (3, 2):
                guard let text = cursor.delimited() else { return nil }
                result = text.string
            case (4, 0):
                guard let flag = cursor.varint() else { return nil }
                result = flag != 0 ? "true" : "false"
            default:
                guard cursor.skipField(wireType: wire) else { return nil }
            }
        }
        return result
    }
}

/// What PyTorch's `SummaryWriter` puts in an event file's name:
/// `events.out.tfevents.<time>.<host>.<pid>.<n>`, host names may hold dots. The host and
/// process id tie the files one trainer process wrote.
public struct EventFileName: Equatable, Sendable {
    public var time: String
    public var host: String
    public var processID: String
    public var counter: String

    public static let prefix = "events.out.tfevents."

    public init?(_ fileName: String) {
        guard fileName.hasPrefix(Self.prefix) else { return nil }
        let parts = fileName.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, parts[parts.count - 2].allSatisfy(\.isNumber), !parts[parts.count - 2].isEmpty else { return nil }
        time = parts[0]
        host = parts[1..<(parts.count - 2)].joined(separator: ".")
        processID = parts[parts.count - 2]
        counter = parts[parts.count - 1]
    }

    /// "host pid": one trainer process.
    public var writer: String { "\(host) pid \(processID)" }
}
