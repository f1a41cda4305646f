import Foundation

/// `figure-NAME.html`: one figure with its caption, the data behind it, the fits drawn in it,
/// and the input files it was made from.
enum FigurePage {
    static let template = "figure.html"

    static func fileName(_ figure: Figure) -> String { "figure-\(figure.name).html" }

    static func summary(_ figure: Figure) -> [String: Any] {
        let phone = figure.laidOut(.phone)
        return ["name": figure.name, "title": figure.title, "caption": figure.caption, "page": fileName(figure),
                "svg": PlotStep.path(figure, ".svg"), "png": PlotStep.path(figure, ".png"), "pdf": PlotStep.path(figure, ".pdf"),
                "phoneSVG": PlotStep.path(figure, "-phone.svg"), "pdfOneColumn": PlotStep.path(figure, "-3.5in.pdf"), "pdfTwoColumns": PlotStep.path(figure, "-7in.pdf"),
                "csv": "downloads/csv/figure-\(figure.name).csv",
                "width": Int(figure.width), "height": Int(figure.height), "phoneWidth": Int(phone.width), "phoneHeight": Int(phone.height)]
    }

    static func context(_ figure: Figure, _ build: BuildContext) -> [String: Any] {
        var page = summary(figure)
        // Inline, so its markers' titles show on hover and their links open the run's entry
        // (an <img> shows neither); its links lead from figures/, the page's from the root.
        // Both layouts inline, one shown by the page's width (style.css); the phone's ids are
        // renamed so the two drawings' glyphs and clips do not take each other's.
        if let svg = build.outputs.data(at: PlotStep.path(figure, ".svg"), in: .site) {
            page["inlineSVG"] = inline(svg)
        }
        if let svg = build.outputs.data(at: PlotStep.path(figure, "-phone.svg"), in: .site) {
            page["inlinePhoneSVG"] = inline(svg, idPrefix: "phone-")
        }
        page["rows"] = figure.dataRows.map { row in
            ["panel": row.panel, "series": row.series, "x": String(format: "%.5g", row.x), "y": String(format: "%.5g", row.y),
             "xLabel": row.xLabel, "yLabel": row.yLabel]
        }
        page["hasRows"] = !figure.dataRows.isEmpty
        page["fits"] = build.fits.filter { figure.fitIDs.contains($0.selection.id) }.map(FitsPage.entry)
        page["hasFits"] = !figure.fitIDs.isEmpty
        page["inputs"] = figure.inputs.map { ["path": $0.path, "sha256": $0.sha256, "bytes": $0.bytes] }
        if let record = build.figureRecords.first(where: { $0.name == figure.name }) {
            page["drawing"] = ["content": record.content, "renderer": record.renderer.summary + " and " + record.renderer.fonts.map(\.file).joined(separator: ", ")]
        }
        return SiteLayout.context(title: figure.title, current: "figures.html", page)
    }

    /// The SVG without its XML declaration, its links made relative to the site's root. On
    /// bytes: Foundation's string replacing took a tenth of a second on the larger figures.
    static func inline(_ svg: Data, idPrefix: String = "") -> String {
        let bytes = [UInt8](svg)
        var start = 0
        if bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstRange(of: Array("?>\n".utf8)) { start = end.upperBound }
        var replacements = [(Array("xlink:href=\"../".utf8), Array("xlink:href=\"".utf8))]
        if !idPrefix.isEmpty {
            // Cairo's ids (`id="glyph-0-1"`, `#glyph-0-1`, `url(#clip-2)`), renamed where they are defined and used.
            for name in SVGIdentifiers.prefixes {
                replacements.append((Array("id=\"\(name)".utf8), Array("id=\"\(idPrefix)\(name)".utf8)))
                replacements.append((Array("#\(name)".utf8), Array("#\(idPrefix)\(name)".utf8)))
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        var index = start
        scan: while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "i") || byte == UInt8(ascii: "#") {
                for (from, to) in replacements where from[0] == byte && index + from.count <= bytes.count
                    && bytes[index..<index + from.count].elementsEqual(from) {
                    out += to
                    index += from.count
                    continue scan
                }
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func index(_ build: BuildContext) -> [String: Any] {
        SiteLayout.context(title: "Figures", current: "figures.html", ["figures": build.figures.map(summary)])
    }
}
