import Foundation

/// TFRecord framing, the container of TensorBoard event files: u64le length, u32le masked
/// CRC-32C of the length, the record, u32le masked CRC-32C of the record. Both checksums are
/// verified. A last record cut short (a trainer killed mid-write) ends the walk with a
/// warning naming the file and offset; a checksum that does not match is an error naming them.
///
/// An iterator, so the event reader's hot loop stays a plain loop over records.
struct TFRecordFraming {
    let bytes: UnsafeRawBufferPointer
    let path: String
    /// Where the next record starts.
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// The next record and its offset in the file; nil at the end or at a truncated record.
    @inline(__always)
    mutating func next(diagnostics: inout Diagnostics) throws -> (record: UnsafeRawBufferPointer, offset: Int)? {
        guard offset < bytes.count else { return nil }
        let remaining = bytes.count - offset
        guard remaining >= 12 else {
            diagnostics.warn("\(path): truncated record header at offset \(offset) (\(remaining) bytes); read up to the last whole record")
            offset = bytes.count
            return nil
        }
        let lengthBytes = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 8)])
        guard CRC32C.masked(lengthBytes) == u32(offset + 8) else {
            throw ReportError(path: path, "record length checksum mismatch at offset \(offset): the file is corrupt")
        }
        let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        guard length <= UInt64(remaining - 12), remaining - 12 - Int(length) >= 4 else {
            diagnostics.problem("\(path): truncated last record at offset \(offset) (needs \(length + 16) bytes, \(remaining) left); read up to the last whole record")
            offset = bytes.count
            return nil
        }
        let start = offset + 12, end = start + Int(length)
        let record = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        guard CRC32C.masked(record) == u32(end) else {
            throw ReportError(path: path, "record checksum mismatch at offset \(offset): the file is corrupt")
        }
        defer { offset = end + 4 }
        return (record, offset)
    }

    private func u32(_ at: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }
}
