import CCairo
import CZlib
import Foundation
import XCTest

@testable import GQAReport

/// The figures' PNG writer: chunks well formed (lengths, CRCs), and the pixels read back,
/// through zlib and the Up filter, equal to the surface Cairo drew.
final class PNGEncoderTests: XCTestCase {
    func testPixelsSurviveTheRoundTrip() throws {
        let width = 37, height = 23
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0.8, 0.2, 0.1)
        cairo_arc(cr, 15, 11, 8, 0, 2 * .pi)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0.1, 0.3, 0.9)
        cairo_move_to(cr, 0, 22)
        cairo_line_to(cr, 37, 0)
        cairo_stroke(cr)
        cairo_destroy(cr)
        let png = [UInt8](try PNGEncoder.encode(surface))

        // Chunks: length, type, body, CRC of type and body.
        var offset = 8, idat: [UInt8] = [], types: [String] = []
        while offset < png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let typeAndBody = Array(png[offset + 4..<offset + 8 + length])
            let crc = png[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            XCTAssertEqual(UInt32(crc32(0, typeAndBody, uInt(typeAndBody.count))), crc)
            let type = String(decoding: typeAndBody.prefix(4), as: UTF8.self)
            types.append(type)
            if type == "IDAT" { idat += typeAndBody.dropFirst(4) }
            offset += 12 + length
        }
        XCTAssertEqual(types, ["IHDR", "IDAT", "IEND"])

        var rawSize = uLong(height * (1 + 3 * width))
        var raw = [UInt8](repeating: 0, count: Int(rawSize))
        XCTAssertEqual(uncompress(&raw, &rawSize, idat, uLong(idat.count)), Z_OK)
        let data = cairo_image_surface_get_data(surface)!, stride = Int(cairo_image_surface_get_stride(surface))
        var previous = [UInt8](repeating: 0, count: 3 * width)
        for y in 0..<height {
            let row = y * (1 + 3 * width)
            XCTAssertEqual(raw[row], 2, "the Up filter")
            var line = [UInt8](repeating: 0, count: 3 * width)
            for i in 0..<3 * width { line[i] = raw[row + 1 + i] &+ previous[i] }
            for x in 0..<width {
                let pixel = data.advanced(by: y * stride + 4 * x).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                XCTAssertEqual([line[3 * x], line[3 * x + 1], line[3 * x + 2]],
                               [UInt8((pixel >> 16) & 0xFF), UInt8((pixel >> 8) & 0xFF), UInt8(pixel & 0xFF)], "pixel (\(x), \(y))")
            }
            previous = line
        }
    }
}
