/// A position in a length-bounded stretch of protobuf wire bytes: the few reads the TensorBoard
/// and W&B readers need without a decoded message.
struct WireCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    var atEnd: Bool { position >= end }

    var isASCII: Bool {
        for index in position..<end where bytes[index] >= 0x80 { return false }
        return true
    }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end, shift < 64 {
            let byte = bytes[position]
            position += 1
            // A tenth byte may only carry bit 63; leave stranger encodings to swift-protobuf.
            if shift == 63, byte > 1 { return nil }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    mutating func key() -> (field: UInt64, wireType: UInt64)? {
        guard let key = varint(), key >> 3 != 0 else { return nil }
        return (key >> 3, key & 7)
    }

    mutating func skip(_ count: Int) -> Bool {
        guard end - position >= count else { return false }
        position += count
        return true
    }

    mutating func fixed32() -> UInt32? {
        guard end - position >= 4 else { return nil }
        let value = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        return value
    }

    /// A length-delimited field's contents; the cursor moves past it.
    mutating func delimited() -> WireCursor? {
        guard let length = varint(), length <= UInt64(end - position) else { return nil }
        let inner = WireCursor(bytes: bytes, position: position, end: position + Int(length))
        position += Int(length)
        return inner
    }

    mutating func fixed64() -> UInt64? {
        guard end - position >= 8 else { return nil }
        let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        position += 8
        return value
    }

    /// Moves past a field of this wire type; false for groups and malformed bytes.
    mutating func skipField(wireType: UInt64) -> Bool {
        switch wireType {
        case 0: return varint() != nil
        case 1: return skip(8)
        case 2: return delimited() != nil
        case 5: return skip(4)
        default: return false
        }
    }

    /// The contents of every length-delimited field with this number in the message, in
    /// order, other fields skipped; empty when the bytes are malformed from there on.
    func messages(_ number: UInt64) -> [WireCursor] {
        var cursor = self
        var found: [WireCursor] = []
        while !cursor.atEnd {
            guard let (field, wireType) = cursor.key() else { return found }
            if field == number, wireType == 2 {
                guard let inner = cursor.delimited() else { return found }
                found.append(inner)
            } else if !cursor.skipField(wireType: wireType) {
                return found
            }
        }
        return found
    }

    /// The first varint field with this number, if any.
    func varintField(_ number: UInt64) -> UInt64? {
        var cursor = self
        while !cursor.atEnd {
            guard let (field, wireType) = cursor.key() else { return nil }
            if field == number, wireType == 0 { return cursor.varint() }
            guard cursor.skipField(wireType: wireType) else { return nil }
        }
        return nil
    }

    var string: String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
    }
}
