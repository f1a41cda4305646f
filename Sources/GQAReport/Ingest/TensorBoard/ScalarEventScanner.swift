/// Reads the record trainers write most — an `Event` with a wall time, a step and a summary
/// of `simple_value` scalars (PyTorch's `add_scalar`) — straight from the protobuf wire bytes,
/// without the copy of the record, the three messages and the String per tag that a
/// swift-protobuf decode makes for each ~45-byte record.
///
/// It accepts only what it fully understands: Event fields 1, 2 and 5; Summary field 1;
/// Value fields 1 (an ASCII tag) and 2 (simple_value); each with its proper wire type.
/// Anything else (tensors, metadata, file_version, unknown fields, non-ASCII text, malformed
/// bytes) makes `scan` return false, and the caller decodes that record with swift-protobuf,
/// so both paths agree on every record.
struct ScalarEventScanner {
    struct Scalar {
        /// Where the tag's bytes are in the record.
        var tag: Range<Int>
        var value: Float
    }

    private(set) var step: Int64 = 0
    private(set) var scalars: [Scalar] = []

    /// Scans one record; false means "decode this one with swift-protobuf".
    mutating func scan(_ record: UnsafeRawBufferPointer) -> Bool {
        step = 0
        scalars.removeAll(keepingCapacity: true)
        var cursor = WireCursor(bytes: record, position: 0, end: record.count)
        while !cursor.atEnd {
            guard let (field, wireType) = cursor.key() else { return false }
            switch (field, wireType) {
            case (1, 1):  // wall_time: fixed64, not needed
                guard cursor.skip(8) else { return false }
            case (2, 0):  // step
                guard let value = cursor.varint() else { return false }
                step = Int64(bitPattern: value)
            case (5, 2):  // summary
                guard let summary = cursor.delimited(), scanSummary(summary) else { return false }
            default:
                return false
            }
        }
        return true
    }

    private mutating func scanSummary(_ summary: WireCursor) -> Bool {
        var cursor = summary
        while !cursor.atEnd {
            guard let (field, wireType) = cursor.key(), field == 1, wireType == 2,
                  let value = cursor.delimited(), scanValue(value)
            else { return false }
        }
        return true
    }

    private mutating func scanValue(_ value: WireCursor) -> Bool {
        var cursor = value
        var tag = value.position..<value.position
        var simpleValue: Float?
        while !cursor.atEnd {
            guard let (field, wireType) = cursor.key() else { return false }
            switch (field, wireType) {
            case (1, 2):
                guard let text = cursor.delimited(), text.isASCII else { return false }
                tag = text.position..<text.end
            case (2, 5):
                guard let bits = cursor.fixed32() else { return false }
                simpleValue = Float(bitPattern: bits)
            default:
                return false
            }
        }
        if let simpleValue { scalars.append(Scalar(tag: tag, value: simpleValue)) }
        return true
    }
}
