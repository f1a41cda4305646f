import CRC32CHardware

/// CRC-32C (Castagnoli), the checksum of TFRecord framing, and TensorFlow's masking of it.
///
/// Every record of an event file is checked twice, so this is a large share of TensorBoard
/// ingestion: the CPU's CRC-32C instruction where it has one (`CRC32CHardware`, checked at run
/// time), else slicing-by-8 (eight 256-entry tables, eight bytes a step).
public enum CRC32C {
    /// Whether the CPU's instruction is used (tests compare both ways on the same bytes).
    public static let usesHardware = crc32c_hardware_available() != 0

    /// tables[k][b]: the CRC of byte b followed by k zero bytes. Filled once when first used
    /// and only read after, so sharing it between threads is safe.
    nonisolated(unsafe) private static let tables: UnsafeMutablePointer<UInt32> = {
        let tables = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard usesHardware, let base = bytes.baseAddress else { return tableChecksum(bytes) }
        return ~crc32c_hardware_update(0xFFFF_FFFF, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// The table version: the fallback, and the reference the hardware path is tested against.
    public static func tableChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let t = tables
        var crc: UInt32 = 0xFFFF_FFFF
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let low = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self)) ^ crc
            let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self))
            crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
            index += 8
        }
        while index < count {
            crc = t[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
            index += 1
        }
        return ~crc
    }

    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        Array(bytes).withUnsafeBytes(checksum)
    }

    /// TFRecord stores checksums masked: ((crc >> 15) | (crc << 17)) + 0xa282ead8.
    public static func masked(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        mask(checksum(bytes))
    }

    public static func masked<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        mask(checksum(bytes))
    }

    private static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
