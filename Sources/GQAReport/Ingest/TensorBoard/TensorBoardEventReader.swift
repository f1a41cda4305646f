import Foundation
import SwiftProtobuf

/// Reads TensorBoard event files (`events.out.tfevents.*`), what the authors' trainer writes
/// through Accelerate. Records come in TFRecord framing (`TFRecordFraming`). Each record
/// is an `Event`: the common scalar record is read by `ScalarEventScanner`, any other with
/// swift-protobuf. Scalars come as `simple_value`, or as a one-element float tensor
/// (`float_val`, `double_val` or 4 little-endian bytes in `tensor_content`).
public struct TensorBoardEventReader: MetricLogReader {
    public init() {}

    public var formatName: String { "TensorBoard event file" }

    /// Counts logged as float32 lose exactness above 2^24 (spec: take them from stdout or args).
    public var countsAreExact: Bool { false }

    /// An `events.out.tfevents.*` name, or a first TFRecord header whose length checksum holds.
    public func recognises(_ head: FileHead) -> Bool {
        if head.name.contains("tfevents") { return true }
        guard head.bytes.count >= 12 else { return false }
        return head.bytes.withUnsafeBytes { bytes in
            CRC32C.masked(UnsafeRawBufferPointer(rebasing: bytes[0..<8]))
                == UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        }
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var series = SeriesBuilder()
        var scanner = ScalarEventScanner()
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var records = TFRecordFraming(bytes, path: path)
            while let (record, offset) = try records.next(diagnostics: &diagnostics) {
                if scanner.scan(record) {
                    let step = Int(clamping: scanner.step)
                    for scalar in scanner.scalars {
                        let tag = UnsafeRawBufferPointer(rebasing: record[scalar.tag])
                        try series.append(step: step, value: Double(scalar.value), tag: tag, path: path, offset: offset)
                    }
                } else {
                    try decodeWithProtobuf(record, into: &series, path: path, offset: offset)
                }
            }
        }
        return series.metricSet
    }

    private func decodeWithProtobuf(_ record: UnsafeRawBufferPointer, into series: inout SeriesBuilder, path: String, offset: Int) throws {
        let event: Tensorboard_Event
        do {
            event = try Tensorboard_Event(serializedBytes: Array(record))
        } catch {
            throw ReportError(path: path, "record at offset \(offset) is not a TensorBoard Event: \(error)")
        }
        guard case let .summary(summary)? = event.what else { return }
        let step = Int(clamping: event.step)
        for value in summary.value {
            guard let scalar = Self.scalar(value) else { continue }
            try Array(value.tag.utf8).withUnsafeBytes { tag in
                try series.append(step: step, value: scalar, tag: tag, path: path, offset: offset)
            }
        }
    }

    /// The scalar of a summary value, or nil for images, histograms and longer tensors.
    static func scalar(_ value: Tensorboard_Summary.Value) -> Double? {
        switch value.value {
        case let .simpleValue(number)?:
            return Double(number)
        case let .tensor(tensor)?:
            if tensor.floatVal.count == 1 { return Double(tensor.floatVal[0]) }
            if tensor.doubleVal.count == 1 { return tensor.doubleVal[0] }
            let content = tensor.tensorContent
            if tensor.dtype == 1, content.count == 4 {
                let bits = content.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
                return Double(Float(bitPattern: bits))
            }
            if tensor.dtype == 2, content.count == 8 {
                let bits = content.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                return Double(bitPattern: bits)
            }
            return nil
        case nil:
            return nil
        }
    }
}

/// The points of one file, by tag. A tag's bytes are matched against the tags seen so far
/// without making a String, trying first the tag after the last one (trainers log their tags
/// in the same order every step).
private struct SeriesBuilder {
    /// Each distinct byte sequence seen, and the series it belongs to (two byte sequences
    /// can spell one String: Unicode canonical equivalence).
    private var tags: [(bytes: [UInt8], series: Int)] = []
    private var names: [String] = []
    private var isLoss: [Bool] = []
    private var points: [[MetricPoint]] = []
    private var next = 0

    mutating func append(step: Int, value: Double, tag: UnsafeRawBufferPointer, path: String, offset: Int) throws {
        let index = series(of: tag)
        if isLoss[index], !value.isFinite {
            try MetricValueCheck.check(tag: names[index], value: value, step: step, path: path + " (offset \(offset))", line: nil)
        }
        points[index].append(MetricPoint(step: step, value: value))
    }

    private mutating func series(of tag: UnsafeRawBufferPointer) -> Int {
        if next < tags.count, Self.equal(tags[next].bytes, tag) {
            defer { next = (next + 1) % tags.count }
            return tags[next].series
        }
        if let found = tags.indices.first(where: { Self.equal(tags[$0].bytes, tag) }) {
            next = (found + 1) % tags.count
            return tags[found].series
        }
        let bytes = Array(tag)
        let name = String(decoding: bytes, as: UTF8.self)
        let index = names.firstIndex(of: name) ?? {
            names.append(name)
            isLoss.append(LossSeries.allNames.contains(name))
            points.append([])
            return names.count - 1
        }()
        tags.append((bytes, index))
        next = 0
        return index
    }

    private static func equal(_ known: [UInt8], _ tag: UnsafeRawBufferPointer) -> Bool {
        guard known.count == tag.count else { return false }
        return tag.isEmpty || known.withUnsafeBytes { memcmp($0.baseAddress!, tag.baseAddress!, tag.count) == 0 }
    }

    var metricSet: MetricSet {
        MetricSet(series: Dictionary(uniqueKeysWithValues: zip(names, points)))
    }
}
