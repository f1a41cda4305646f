import Foundation

/// What a figure shows, as a digest no renderer affects: every number, text, colour, marker,
/// axis and size of its plot model, written out in a fixed order with numbers at a fixed
/// precision, then hashed (SHA-256). Two builds whose figures show the same thing have the same
/// digest whichever Cairo, FreeType or zlib drew them; a moved point or a changed label changes
/// it. `report check` and `report build` compare figures drawn by another renderer with it.
enum FigureContent {
    /// Raised whenever the drawing code (`CairoRenderer`, `PanelRenderer`, `LegendLayout`,
    /// `Ticks`) changes what a figure looks like for the same model: the digest covers the
    /// model, and this number stands for the code that lays it out and encodes it (2: PNGs
    /// written by `PNGEncoder`; 3: each figure also drawn for a phone and a paper's columns).
    static let drawingRevision = 3

    static func digest(_ figure: Figure) -> String {
        var out = CanonicalText()
        out.field("drawing", String(drawingRevision))
        out.field("font", CairoRenderer.fontFamily)
        out.field("name", figure.name)
        out.field("title", figure.title)
        out.field("caption", figure.caption)
        out.numbers("size", [figure.panelWidth, figure.panelHeight, figure.legendColumnWidth, Double(figure.columns)])
        for panel in figure.panels {
            out.field("panel", panel.title)
            for axis in [panel.x, panel.y] {
                out.field("axis", axis.label + "|" + (axis.scale == .log ? "log" : "linear"))
                out.numbers("limits", axis.limits.map { [$0.lowerBound, $0.upperBound] } ?? [])
            }
            out.field("legend", "\(panel.legendOutside) \(panel.showsLegend)")
            for mark in panel.marks { add(mark, to: &out) }
            for entry in panel.extraLegend {
                out.field("legend-entry", "\(entry.label)|\(entry.isLine)|\(entry.dashed)|" + shape(entry.shape))
                out.color(entry.color)
            }
        }
        // Hover titles and links are part of the SVG a page shows.
        for name in figure.pointLinks.keys.sorted() { out.field("link", name + "|" + figure.pointLinks[name]!) }
        for name in figure.pointNotes.keys.sorted() { out.field("note", name + "|" + figure.pointNotes[name]!) }
        return FileDigest.sha256Hex(Data(out.text.utf8))
    }

    private static func add(_ mark: Mark, to out: inout CanonicalText) {
        switch mark {
        case let .points(xs, ys, color, markerShape, label, names):
            out.field("points", (label ?? "") + "|" + shape(markerShape))
            out.color(color)
            out.numbers("x", xs)
            out.numbers("y", ys)
            out.field("names", (names ?? []).joined(separator: "\u{1F}"))
        case let .line(xs, ys, color, dashed, label):
            out.field("line", (label ?? "") + "|\(dashed)")
            out.color(color)
            out.numbers("x", xs)
            out.numbers("y", ys)
        case let .band(xs, lower, upper, color, label):
            out.field("band", label ?? "")
            out.color(color)
            out.numbers("x", xs)
            out.numbers("lower", lower)
            out.numbers("upper", upper)
        case let .stackedBars(categories, layers):
            out.field("bars", categories.joined(separator: "\u{1F}"))
            for layer in layers {
                out.field("layer", layer.label)
                out.color(layer.color)
                out.numbers("values", layer.values)
            }
        case let .reference(horizontal, value, color, label):
            out.field("reference", (label ?? "") + "|\(horizontal)")
            out.color(color)
            out.numbers("value", [value])
        case let .text(x, y, string, color):
            out.field("text", string)
            out.color(color)
            out.numbers("at", [x, y])
        case let .cells(xEdges, yEdges, colors):
            out.field("cells", "")
            out.numbers("x", xEdges)
            out.numbers("y", yEdges)
            for row in colors {
                for color in row {
                    if let color { out.color(color) } else { out.field("color", "none") }
                }
            }
        }
    }

    private static func shape(_ shape: MarkerShape?) -> String {
        guard let shape else { return "none" }
        return "\(shape.outline)\(shape.filled ? "" : " hollow")"
    }
}

/// Lines of `key=value`, each value escaped so no two models write the same text.
private struct CanonicalText {
    var text = ""

    mutating func field(_ key: String, _ value: String) {
        text += key
        text += "="
        // Escaped only when needed: Foundation's replacing on every value took a large
        // figure's digest longer than drawing it.
        if value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") }) {
            text += value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        } else {
            text += value
        }
        text += "\n"
    }

    /// Nine significant digits: far below what a figure can show, far above the last bits in
    /// which two machines' libm may differ.
    mutating func numbers(_ key: String, _ values: [Double]) {
        text += key
        text += "="
        for (index, value) in values.enumerated() {
            if index > 0 { text += " " }
            text += NumberFormat.significant(value, digits: 9)
        }
        text += "\n"
    }

    mutating func color(_ color: Color) {
        numbers("color", [color.red, color.green, color.blue, color.alpha])
    }
}
