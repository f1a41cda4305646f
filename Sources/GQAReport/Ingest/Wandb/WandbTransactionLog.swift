import Foundation

/// The binary `run-<id>.wandb` file wandb (0.10 and later) writes into every run folder, online
/// or offline: everything the run logged, and the only copy of its history for an offline run
/// (`WANDB_MODE=offline`, usual on clusters without internet) until `wandb sync`.
///
/// Framing: a 7-byte header (`:W&B`, 0xBEE1 little-endian, version 0), then LevelDB's log
/// format: 32 KiB blocks of records, each `u32le crc | u16le length | u8 type | data`, the CRC
/// zlib's CRC-32 of the type byte and the data; type 1 is a whole record, 2/3/4 the first,
/// middle and last piece of one that spans blocks; a block's last < 7 bytes are padding.
/// Each record is a protobuf `wandb_internal.Record`; only these fields are read:
/// `history` (2) → items (1: `key` 1 or `nested_key` 2, `value_json` 16) and `step` (2 → 1),
/// `config` (5) and `run` (17) → `config` (4) → updates (1), with the same item fields, and
/// `run` (17) → `display_name` (8).
struct WandbTransactionLog {
    static let magic: [UInt8] = Array(":W&B".utf8) + [0xE1, 0xBE, 0x00]
    static let blockSize = 32 * 1024
    static let recordHeaderSize = 7

    var history: [WandbHistory.Row] = []
    /// The run's configuration (`wandb.config`), W&B's own `_wandb` left out.
    var config: [String: JSONValue] = [:]
    /// The run's name as W&B shows it (`RunRecord.display_name`, field 8: `wandb.init(name=…)`,
    /// or the name W&B made up, "crimson-sun-12").
    var displayName: String?

    static func recognises(_ bytes: Data) -> Bool {
        bytes.starts(with: magic)
    }

    static func parse(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> WandbTransactionLog {
        guard recognises(data) else {
            throw ReportError(path: path, "not a W&B transaction log: it does not start with ':W&B' and W&B's magic number")
        }
        var log = WandbTransactionLog()
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = magic.count
            var pending: [UInt8]?  // a record that spans blocks, so far
            var pendingStart = 0
            var cutAt: Int?  // where the file ends inside a record
            var index = 0
            while offset < bytes.count {
                let left = blockSize - offset % blockSize
                if left < recordHeaderSize { offset += left; continue }  // block padding
                guard bytes.count - offset >= recordHeaderSize else { break }
                let crc = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let length = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)))
                let type = bytes[offset + 6]
                if type == 0 && length == 0 { offset += left; continue }  // zeroed rest of a block
                let start = offset + recordHeaderSize
                guard length <= bytes.count - start, length <= left - recordHeaderSize else {
                    cutAt = offset
                    break
                }
                let body = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])
                guard CRC32.checksum(body, after: [type]) == crc else {
                    throw ReportError(path: path, "record checksum mismatch at offset \(offset): the file is corrupt")
                }
                offset = start + length
                switch type {
                case 1:
                    index += 1
                    log.add(WireCursor(bytes: body, position: 0, end: body.count), index: index)
                case 2:
                    pending = Array(body)
                    pendingStart = offset - length - recordHeaderSize
                case 3: pending? += Array(body)
                case 4:
                    guard let whole = pending.map({ $0 + Array(body) }) else { continue }
                    pending = nil
                    index += 1
                    whole.withUnsafeBytes { log.add(WireCursor(bytes: $0, position: 0, end: $0.count), index: index) }
                default:
                    throw ReportError(path: path, "unknown record type \(type) at offset \(offset - length - recordHeaderSize): the file is corrupt")
                }
            }
            // A record spanning blocks whose last piece never came is cut short too.
            if let cut = pending != nil ? pendingStart : cutAt {
                diagnostics.warn("\(path): the last record, at offset \(cut), is cut short (a run still writing, or killed); read up to it")
            }
        }
        return log
    }

    /// One `Record`.
    private mutating func add(_ record: WireCursor, index: Int) {
        for history in record.messages(2) {
            var cells: [String: WandbHistory.Cell] = [:]
            var nested: [String: [String: JSONValue]] = [:]
            for item in history.messages(1) {
                guard let (path, value) = Self.item(item) else { continue }
                if path.count == 1 {
                    cells[path[0]] = WandbHistory.cell(value)
                } else {  // a part of an object (a histogram's `_type`, `bins`, `values`)
                    nested[path[0], default: [:]][path[1...].joined(separator: ".")] = value
                }
            }
            for (key, parts) in nested where cells[key] == nil {
                cells[key] = WandbHistory.cell(.object(parts))
            }
            // `_step` is in the items; HistoryStep repeats it (absent for step 0).
            if cells[WandbHistory.callCounter] == nil {
                cells[WandbHistory.callCounter] = .number(Double(history.messages(2).first?.varintField(1) ?? 0))
            }
            self.history.append(WandbHistory.Row(line: index, cells: cells))
        }
        for run in record.messages(17) {
            if let name = run.messages(8).first?.string, !name.isEmpty { displayName = name }
        }
        for config in record.messages(5) + record.messages(17).flatMap({ $0.messages(4) }) {
            for item in config.messages(1) {
                guard let (path, value) = Self.item(item), path.count == 1, !path[0].hasPrefix("_") || path[0] == "_name_or_path" else { continue }
                self.config[path[0]] = value
            }
        }
    }

    /// An item's key path (`key`, else the `nested_key` parts: a histogram arrives as
    /// ["grad", "_type"], ["grad", "bins"], …), and its value.
    private static func item(_ item: WireCursor) -> ([String], JSONValue)? {
        let plain = item.messages(1).first?.string ?? ""
        let path = plain.isEmpty ? item.messages(2).map(\.string) : [plain]
        guard !path.isEmpty, !path[0].isEmpty, let json = item.messages(16).first else { return nil }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json.string.utf8)) else {
            return (path, .string(json.string))  // NaN/Infinity, written bare: W&B's JSON allows them
        }
        return (path, value)
    }
}

/// Reads the history of a W&B transaction log (`run-<id>.wandb`) by the rules of
/// `WandbHistory`; the configuration in it is read by `RunDiscovery`.
public struct WandbTransactionLogReader: MetricLogReader {
    let stepMetric: String?

    public init(stepMetric: String? = nil) {
        self.stepMetric = stepMetric
    }

    public var formatName: String { "W&B transaction log (run-<id>.wandb, wandb ≥ 0.10)" }

    public func recognises(_ head: FileHead) -> Bool {
        WandbTransactionLog.recognises(head.bytes)
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        let log = try WandbTransactionLog.parse(data, path: path, diagnostics: &diagnostics)
        return try WandbHistory(stepMetric: stepMetric, rowName: "record").metrics(log.history, path: path, diagnostics: &diagnostics)
    }
}
