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
            var records = TFRecordFraming(bytes, path: path)
            while let (record, _) = try records.next(diagnostics: &ignored) {
                let event = WireCursor(bytes: record, position: 0, end: record.count)
                // Event.summary (5) → Summary.value (1) → tag (1), metadata (9) → plugin_data (1).
                for value in event.messages(5).flatMap({ $0.messages(1) }) where value.messages(1).first?.string == tag {
                    for plugin in value.messages(9).flatMap({ $0.messages(1) }) where plugin.messages(1).first?.string == "hparams" {
                        // PluginData.content (2) → HParamsPluginData.session_start_info (3) →
                        // SessionStartInfo.hparams (1): map entries of key (1) and Value (2).
                        let entries = plugin.messages(2).flatMap { $0.messages(3) }.flatMap { $0.messages(1) }
                        for entry in entries {
                            guard let key = entry.messages(1).first?.string, let value = entry.messages(2).first.flatMap(protobufValue)
                            else { continue }
                            found[key] = value
                        }
                    }
                }
            }
        }
        return found
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
    /// nil for writers that name no process (tensorboardX: `events.out.tfevents.<time>.<host>`).
    public var processID: String?
    public var counter: String?

    public static let prefix = "events.out.tfevents."

    public init?(_ fileName: String) {
        guard fileName.hasPrefix(Self.prefix) else { return nil }
        // TensorFlow 2's writer (Keras' TensorBoard callback) ends the name with ".v2".
        let name = fileName.hasSuffix(".v2") ? String(fileName.dropLast(3)) : fileName
        let parts = name.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber) else { return nil }
        time = parts[0]
        if parts.count >= 4, parts[parts.count - 2].allSatisfy(\.isNumber), !parts[parts.count - 2].isEmpty {
            // TensorFlow's and PyTorch's writers: <time>.<host>.<pid>.<counter>.
            host = parts[1..<(parts.count - 2)].joined(separator: ".")
            processID = parts[parts.count - 2]
            counter = parts[parts.count - 1]
        } else {
            // tensorboardX: <time>.<host>, no process named.
            host = parts[1...].joined(separator: ".")
            processID = nil
            counter = nil
        }
    }

    /// "host pid": one trainer process; nil where the name gives no process.
    public var writer: String? { processID.map { "\(host) pid \($0)" } }
}
