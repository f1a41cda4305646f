import CCairo
import Foundation

/// Draws a `Figure` with Cairo onto an SVG surface (for the site), a PDF surface (vector, for
/// LaTeX) or an image surface (PNG at 2× for sharing), from the same drawing code.
public enum CairoRenderer {
    public static let fontFamily = "DejaVu Sans"

    public static func svg(_ figure: Figure) throws -> Data {
        try figure.validate()
        try FigureFonts.ensure()
        let sink = ByteSink()
        let surface = cairo_svg_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                          figure.width, figure.height)
        cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
        withExtendedLifetime(sink) {
            draw(figure, on: surface!, scale: 1)
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
        }
        var text = SVGIdentifiers.normalize(String(decoding: sink.data, as: UTF8.self))
        let targets = hoverTargets(figure)
        if let end = text.range(of: "</svg>", options: .backwards), !targets.isEmpty {
            text.insert(contentsOf: HoverTarget.svg(targets, linkPrefix: "../"), at: end.lowerBound)
        }
        return Data(text.utf8)
    }

    /// Every marker's hover target, laid out as drawing lays it out.
    static func hoverTargets(_ figure: Figure) -> [HoverTarget] {
        withMeasuringPen { pen in
            zip(figure.panels, panelFrames(figure)).flatMap { panel, frame in
                HoverTarget.targets(PanelRenderer(panel: panel, frame: frame, pen: pen), links: figure.pointLinks, notes: figure.pointNotes)
            }
        }
    }

    /// Cairo embeds the fonts it draws with (subsets of DejaVu Sans) and names itself, with its
    /// version, as the producer. The creation date is fixed so two builds give the same bytes:
    /// the month of the study's first arXiv version (2503.09579), not the day of the build.
    public static let pdfCreationDate = "2025-03-01T00:00:00Z"

    /// `pageWidth`: the page's width in points, the figure scaled to it (a paper's column);
    /// nil: one point a unit.
    public static func pdf(_ figure: Figure, pageWidth: Double? = nil) throws -> Data {
        try figure.validate()
        try FigureFonts.ensure()
        let sink = ByteSink()
        let scale = pageWidth.map { $0 / figure.width } ?? 1
        let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                          figure.width * scale, figure.height * scale)!
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, figure.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gqa-report (swift run report)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, pdfCreationDate)
        withExtendedLifetime(sink) {
            draw(figure, on: surface, scale: scale)
            cairo_surface_finish(surface)
        }
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw ReportError("figure \(figure.name): cannot write PDF (cairo status \(status.rawValue))") }
        return sink.data
    }

    public static func png(_ figure: Figure, scale: Double = 2) throws -> Data {
        try figure.validate()
        try FigureFonts.ensure()
        // Opaque (a white background), so RGB24: no alpha to store.
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(figure.width * scale), Int32(figure.height * scale))!
        defer { cairo_surface_destroy(surface) }
        draw(figure, on: surface, scale: scale)
        do {
            return try PNGEncoder.encode(surface)
        } catch {
            throw ReportError("figure \(figure.name): cannot encode PNG: \(error)")
        }
    }

    /// Collects what Cairo writes.
    private final class ByteSink {
        var data = Data()
        static let write: cairo_write_func_t = { closure, bytes, length in
            let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
            sink.data.append(bytes!, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
    }

    /// Fixed font options, every one set: output must not depend on the machine's settings
    /// (the fonts themselves come from `FigureFonts`' own configuration).
    private static func setFontOptions(_ cr: OpaquePointer) {
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    private static func panelFrames(_ figure: Figure) -> [Rect] {
        let heights = figure.rowHeights
        return figure.panels.indices.map { index in
            let column = index % figure.columns, row = index / figure.columns
            let extra = column == figure.columns - 1 ? figure.legendColumnWidth : 0
            return Rect(x: Double(column) * figure.panelWidth, y: figure.headerHeight + heights[..<row].reduce(0, +),
                        width: figure.panelWidth + extra, height: figure.panelHeight + PanelRenderer.legendBelowHeight(figure.panels[index]))
        }
    }

    /// Each panel's plot area, legend box and marks as drawing lays them out, without drawing.
    static func layout(_ figure: Figure) -> [(plot: Rect, legend: Rect?, marks: LegendLayout.Geometry)] {
        withMeasuringPen { pen in
            zip(figure.panels, panelFrames(figure)).map { panel, frame in
                let renderer = PanelRenderer(panel: panel, frame: frame, pen: pen)
                return (renderer.plot, renderer.legendBox,
                        LegendLayout.geometry(panel, plot: renderer.plot, xRange: renderer.xRange, yRange: renderer.yRange))
            }
        }
    }

    /// A pen on a 1×1 surface, for laying out without drawing (text widths need a context).
    private static func withMeasuringPen<T>(_ body: (Pen) -> T) -> T {
        try? FigureFonts.ensure()  // a missing font is reported by the drawing that follows
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        setFontOptions(cr)
        return body(Pen(cr: cr))
    }

    private static func draw(_ figure: Figure, on surface: OpaquePointer, scale: Double) {
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_scale(cr, scale, scale)
        setFontOptions(cr)

        set(cr, .white)
        cairo_rectangle(cr, 0, 0, figure.width, figure.height)
        cairo_fill(cr)
        let pen = Pen(cr: cr)
        // The title shrinks to fit the figure's width rather than run off it; a narrow figure
        // breaks it into two lines first.
        let lines = titleLines(figure, pen: pen)
        var titleSize = lines.count > 1 ? 13.0 : 14.0
        while titleSize > 9 && lines.contains(where: { pen.width($0, size: titleSize, bold: true) > figure.width - 20 }) { titleSize -= 0.5 }
        for (index, line) in lines.enumerated() {
            pen.text(line, x: figure.width / 2, y: 20 + Double(index) * 17, size: titleSize, bold: true, anchor: .center)
        }
        for (panel, frame) in zip(figure.panels, panelFrames(figure)) {
            PanelRenderer(panel: panel, frame: frame, pen: pen).draw()
        }
    }

    /// The title's lines: one on a desktop figure (30 units of header); on a narrow one, the
    /// words wrapped to the width at 13 units, as many lines as its header holds (17 units each).
    private static func titleLines(_ figure: Figure, pen: Pen) -> [String] {
        let title = figure.title
        let most = max(1, Int((figure.headerHeight - 14) / 17))
        guard most > 1 else { return [title] }
        var lines: [String] = []
        for word in title.split(separator: " ") {
            if let last = lines.last, lines.count <= most, pen.width(last + " " + word, size: 13, bold: true) <= figure.width - 20 {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        // More lines than the header holds: the last ones joined, and the size shrinks to fit.
        if lines.count > most { lines = Array(lines.prefix(most - 1)) + [lines.dropFirst(most - 1).joined(separator: " ")] }
        return lines
    }

    static func set(_ cr: OpaquePointer, _ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }
}

struct Rect {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
}

/// Text drawing and measuring with the figure's one font.
struct Pen {
    let cr: OpaquePointer

    enum Anchor {
        case left, center, right
    }

    func font(_ size: Double, bold: Bool = false) {
        cairo_select_font_face(cr, CairoRenderer.fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        font(size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// Draws text with its baseline at y.
    func text(_ text: String, x: Double, y: Double, size: Double, bold: Bool = false, anchor: Anchor = .left,
              color: Color = .axis) {
        let w = width(text, size: size, bold: bold)
        let left = anchor == .left ? x : anchor == .center ? x - w / 2 : x - w
        CairoRenderer.set(cr, color)
        cairo_move_to(cr, left, y)
        cairo_show_text(cr, text)
    }

    /// Width of a tick label, with its exponent drawn smaller.
    func width(_ tick: TickSet.Tick, size: Double) -> Double {
        width(tick.text, size: size) + (tick.exponent.map { width($0, size: size * Self.exponentScale) } ?? 0)
    }

    /// An exponent's size against its tick label's: 0.9 keeps it ≥ 7 pt in the column PDFs
    /// (9.5 units × 0.9 × 0.84), where 0.72 made it 5.7.
    static let exponentScale = 0.9

    func draw(_ tick: TickSet.Tick, x: Double, y: Double, size: Double, anchor: Anchor) {
        let w = width(tick, size: size)
        let left = anchor == .left ? x : anchor == .center ? x - w / 2 : x - w
        text(tick.text, x: left, y: y, size: size)
        if let exponent = tick.exponent {
            text(exponent, x: left + width(tick.text, size: size), y: y - size * 0.42, size: size * Self.exponentScale)
        }
    }
}

/// Makes SVG ids independent of how many surfaces the process drew before: Cairo numbers
/// them with a process-wide counter (shared/PLATFORM.md). Ids are renumbered per prefix in
/// order of first appearance.
enum SVGIdentifiers {
    static let prefixes = ["surface", "glyph", "clip", "pattern", "mask", "image", "source", "linear-pattern", "radial-pattern", "filter"]

    private static let prefixBytes = prefixes.map { Array($0.utf8) }

    /// Works on UTF-8 bytes (ids, digits and the marks before them are ASCII): walking the
    /// text as Characters took most of a large figure's time.
    static func normalize(_ svg: String) -> String {
        let bytes = Array(svg.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var maps: [[String: Int]] = Array(repeating: [:], count: prefixes.count)
        var copied = 0, index = 0
        scan: while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "#") || c == UInt8(ascii: "\"") {
                let start = index + 1
                for (which, prefix) in prefixBytes.enumerated() where hasPrefix(bytes, at: start, prefix) {
                    let prefixEnd = start + prefix.count
                    var end = prefixEnd
                    while end < bytes.count, isDigit(bytes[end]) || (bytes[end] == UInt8(ascii: "-") && end > prefixEnd) { end += 1 }
                    guard end > prefixEnd, isDigit(bytes[end - 1]) else { continue }
                    let number = String(decoding: bytes[prefixEnd..<end], as: UTF8.self)
                    let renumbered = maps[which][number] ?? maps[which].count + 1
                    maps[which][number] = renumbered
                    out += bytes[copied..<prefixEnd]
                    out += String(renumbered).utf8
                    copied = end
                    index = end
                    continue scan
                }
            }
            index += 1
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func hasPrefix(_ bytes: [UInt8], at start: Int, _ prefix: [UInt8]) -> Bool {
        guard start + prefix.count <= bytes.count else { return false }
        for offset in prefix.indices where bytes[start + offset] != prefix[offset] { return false }
        return true
    }
}
