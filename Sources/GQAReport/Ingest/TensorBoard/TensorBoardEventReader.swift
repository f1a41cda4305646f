import Foundation
import SwiftProtobuf

/// Reads TensorBoard event files (`events.out.tfevents.*`), what the authors' trainer writes
/// through Accelerate. TFRecord framing: u64le length, u32le masked CRC-32C of the length,
/// the record, u32le masked CRC-32C of the record; both checksums are verified. Each record
/// is an `Event`, decoded with swift-protobuf; scalars come as `simple_value`, or as a
/// one-element float tensor (`float_val`, `double_val` or 4 little-endian bytes in
/// `tensor_content`).
///
/// A last record cut short (a trainer killed mid-write) is dropped with a warning naming the
/// file and offset; a checksum that does not match anywhere else is an error naming them.
public struct TensorBoardEventReader: MetricLogReader {
    public init() {}

    public var formatName: String { "TensorBoard event file" }

    /// Counts logged as float32 lose exactness above 2^24 (spec: take them from stdout or args).
    public var countsAreExact: Bool { false }

    public func accepts(fileName: String) -> Bool {
        fileName.contains("tfevents")
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var points: [String: [MetricPoint]] = [:]
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var offset = 0
            while offset < bytes.count {
                let remaining = bytes.count - offset
                guard remaining >= 12 else {
                    diagnostics.warn("\(path): truncated record header at offset \(offset) (\(remaining) bytes); read up to the last whole record")
                    return
                }
                let lengthBytes = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 8)])
                guard CRC32C.masked(lengthBytes) == Self.u32(bytes, offset + 8) else {
                    throw ReportError(path: path, "record length checksum mismatch at offset \(offset): the file is corrupt")
                }
                let length = lengthBytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                guard length <= UInt64(remaining - 12), remaining - 12 - Int(length) >= 4 else {
                    diagnostics.warn("\(path): truncated last record at offset \(offset) (needs \(length + 16) bytes, \(remaining) left); read up to the last whole record")
                    return
                }
                let start = offset + 12, end = start + Int(length)
                let record = UnsafeBufferPointer(rebasing: bytes[start..<end])
                guard CRC32C.masked(record) == Self.u32(bytes, end) else {
                    throw ReportError(path: path, "record checksum mismatch at offset \(offset): the file is corrupt")
                }
                let event: Tensorboard_Event
                do {
                    event = try Tensorboard_Event(serializedBytes: Array(record))
                } catch {
                    throw ReportError(path: path, "record at offset \(offset) is not a TensorBoard Event: \(error)")
                }
                if case let .summary(summary)? = event.what {
                    let step = Int(clamping: event.step)
                    for value in summary.value {
                        guard let scalar = Self.scalar(value) else { continue }
                        try MetricValueCheck.check(tag: value.tag, value: scalar, step: step, path: path + " (offset \(offset))", line: nil)
                        points[value.tag, default: []].append(MetricPoint(step: step, value: scalar))
                    }
                }
                offset = end + 4
            }
        }
        return MetricSet(series: points)
    }

    private static func u32(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
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
