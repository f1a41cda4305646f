import Foundation

/// TFRecord framing, the container of TensorBoard event files: u64le length, u32le masked
/// CRC-32C of the length, the record, u32le masked CRC-32C of the record. Both checksums are
/// verified. A last record cut short (a trainer killed mid-write) ends the walk with a
/// warning naming the file and offset; a checksum that does not match is an error naming them.
enum TFRecordFraming {
    /// Calls `body` with each record and its offset in the file, in order.
    @inline(__always)
    static func forEachRecord(in bytes: UnsafeRawBufferPointer, path: String, diagnostics: inout Diagnostics,
                              _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            guard remaining >= 12 else {
                diagnostics.warn("\(path): truncated record header at offset \(offset) (\(remaining) bytes); read up to the last whole record")
                return
            }
            let lengthBytes = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 8)])
            guard CRC32C.masked(lengthBytes) == u32(bytes, offset + 8) else {
                throw ReportError(path: path, "record length checksum mismatch at offset \(offset): the file is corrupt")
            }
            let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard length <= UInt64(remaining - 12), remaining - 12 - Int(length) >= 4 else {
                diagnostics.warn("\(path): truncated last record at offset \(offset) (needs \(length + 16) bytes, \(remaining) left); read up to the last whole record")
                return
            }
            let start = offset + 12, end = start + Int(length)
            let record = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            guard CRC32C.masked(record) == u32(bytes, end) else {
                throw ReportError(path: path, "record checksum mismatch at offset \(offset): the file is corrupt")
            }
            try body(record, offset)
            offset = end + 4
        }
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }
}
