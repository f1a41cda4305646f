import Foundation

/// Writes scalar events in TensorBoard's format (TFRecord framing, `Event` records), so tests
/// and benchmarks can make event files of any size without TensorBoard. Records are encoded
/// by hand, byte for byte what swift-protobuf writes for the same `Event` (a test checks it),
/// so the wire format is spelled out here once; the benchmark's faster encoder for its sweep
/// of hundreds of millions of records is checked against this one.
public enum TensorBoardEventWriter {
    /// One framed record holding `step`'s scalars as `simple_value`s, at wall time
    /// 1,700,000,000 + step seconds.
    public static func record(step: Int, scalars: [(tag: String, value: Float)]) -> Data {
        var summary: [UInt8] = []
        for scalar in scalars {
            var value: [UInt8] = []
            let tag = Array(scalar.tag.utf8)
            if !tag.isEmpty {  // proto3 leaves out empty strings
                value.append(0x0A)
                varint(UInt64(tag.count), &value)
                value += tag
            }
            value.append(0x15)  // simple_value: in a oneof, so written even when zero
            littleEndian(scalar.value.bitPattern, &value)
            summary.append(0x0A)
            varint(UInt64(value.count), &summary)
            summary += value
        }
        var event: [UInt8] = []
        let wallTime = 1_700_000_000 + Double(step)
        if wallTime != 0 {
            event.append(0x09)
            littleEndian(wallTime.bitPattern, &event)
        }
        if step != 0 {
            event.append(0x10)
            varint(UInt64(bitPattern: Int64(step)), &event)
        }
        event.append(0x2A)  // summary: in a oneof, so written even when empty
        varint(UInt64(summary.count), &event)
        event += summary
        return frame(event)
    }

    /// TFRecord framing: u64le length, masked CRC-32C of it, the data, masked CRC-32C of it.
    public static func frame(_ data: [UInt8]) -> Data {
        var header: [UInt8] = []
        littleEndian(UInt64(data.count), &header)
        var out = [UInt8]()
        out.reserveCapacity(data.count + 16)
        out += header
        littleEndian(header.withUnsafeBytes(CRC32C.masked), &out)
        out += data
        littleEndian(data.withUnsafeBytes(CRC32C.masked), &out)
        return Data(out)
    }

    private static func varint(_ value: UInt64, _ out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }
}
