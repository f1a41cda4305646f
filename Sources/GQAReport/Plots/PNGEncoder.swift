import CCairo
import CZlib
import Foundation

/// Writes a Cairo image surface (RGB24) as an 8-bit RGB PNG: each row with the "Up" filter,
/// the whole deflated by zlib at its fastest level. Cairo's own writer (libpng's adaptive
/// filters, zlib's default level) took over a quarter of a study build's CPU for files about
/// 12% smaller; a figure's PNG is for sharing, where that size does not matter.
enum PNGEncoder {
    static func encode(_ surface: OpaquePointer) throws -> Data {
        cairo_surface_flush(surface)
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24, let pixels = cairo_image_surface_get_data(surface) else {
            throw ReportError("PNG: the surface is not an RGB24 image")
        }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        // Scanlines: a filter byte (2, Up), then R, G, B minus the row above's. Cairo keeps a
        // pixel as a native-endian 32-bit xRGB word.
        let rowBytes = 1 + 3 * width
        var raw = [UInt8](repeating: 0, count: height * rowBytes)
        raw.withUnsafeMutableBufferPointer { out in
            pixels.withMemoryRebound(to: UInt32.self, capacity: height * stride / 4) { words in
                for y in 0..<height {
                    let row = words + y * stride / 4, above = y > 0 ? words + (y - 1) * stride / 4 : nil
                    var o = y * rowBytes
                    out[o] = 2
                    o += 1
                    for x in 0..<width {
                        let p = row[x], q = above?[x] ?? 0
                        out[o] = UInt8(truncatingIfNeeded: (p >> 16) &- (q >> 16))
                        out[o + 1] = UInt8(truncatingIfNeeded: (p >> 8) &- (q >> 8))
                        out[o + 2] = UInt8(truncatingIfNeeded: p &- q)
                        o += 3
                    }
                }
            }
        }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        let status = compress2(&compressed, &compressedSize, raw, uLong(raw.count), Z_BEST_SPEED)
        guard status == Z_OK else { throw ReportError("PNG: zlib could not compress the image (status \(status))") }

        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func chunk(_ type: String, _ body: [UInt8]) {
            let typeBytes = Array(type.utf8)
            png.append(contentsOf: bigEndian(UInt32(body.count)))
            png.append(contentsOf: typeBytes)
            png.append(contentsOf: body)
            var crc = crc32(0, typeBytes, uInt(typeBytes.count))
            crc = body.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
            png.append(contentsOf: bigEndian(UInt32(crc)))
        }
        // Width, height, bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        chunk("IDAT", Array(compressed[0..<Int(compressedSize)]))
        chunk("IEND", [])
        return png
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
