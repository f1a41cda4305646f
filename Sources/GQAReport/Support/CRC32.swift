/// CRC-32 (IEEE 802.3, zlib's `crc32`), the checksum of the records of W&B's `.wandb` files.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// The CRC of `prefix` followed by `bytes`, as zlib.crc32(prefix + bytes).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, after prefix: [UInt8] = []) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in prefix { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
