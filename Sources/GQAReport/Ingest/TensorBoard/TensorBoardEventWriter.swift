import Foundation
import SwiftProtobuf

/// Writes scalar events in TensorBoard's format (TFRecord framing, `Event` records), so tests
/// and benchmarks can make event files of any size without TensorBoard.
public enum TensorBoardEventWriter {
    /// One framed record holding `step`'s scalars as `simple_value`s.
    public static func record(step: Int, scalars: [(tag: String, value: Float)]) throws -> Data {
        var summary = Tensorboard_Summary()
        summary.value = scalars.map { scalar in
            var value = Tensorboard_Summary.Value()
            value.tag = scalar.tag
            value.value = .simpleValue(scalar.value)
            return value
        }
        var event = Tensorboard_Event()
        event.step = Int64(step)
        event.wallTime = 1_700_000_000 + Double(step)
        event.what = .summary(summary)
        return frame(try event.serializedBytes() as [UInt8])
    }

    /// TFRecord framing: u64le length, masked CRC-32C of it, the data, masked CRC-32C of it.
    public static func frame(_ data: [UInt8]) -> Data {
        var length = UInt64(data.count).littleEndian
        let lengthBytes = withUnsafeBytes(of: &length) { Array($0) }
        var out = Data(lengthBytes)
        func append(_ value: UInt32) {
            var little = value.littleEndian
            withUnsafeBytes(of: &little) { out.append(contentsOf: $0) }
        }
        append(CRC32C.masked(lengthBytes))
        out.append(contentsOf: data)
        append(CRC32C.masked(data))
        return out
    }
}
