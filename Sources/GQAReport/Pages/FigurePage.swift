import Foundation

/// `figure-NAME.html`: one figure with its caption, the data behind it, the fits drawn in it,
/// and the input files it was made from.
enum FigurePage {
    static let template = "figure.html"

    static func fileName(_ figure: Figure) -> String { "figure-\(figure.name).html" }

    static func summary(_ figure: Figure) -> [String: Any] {
        ["name": figure.name, "title": figure.title, "caption": figure.caption, "page": fileName(figure),
         "svg": "figures/\(figure.name).svg", "png": "figures/\(figure.name).png", "pdf": "figures/\(figure.name).pdf", "csv": "downloads/csv/figure-\(figure.name).csv",
         "width": Int(figure.width), "height": Int(figure.height)]
    }

    static func context(_ figure: Figure, _ build: BuildContext) -> [String: Any] {
        var page = summary(figure)
        // Inline, so its markers' titles show on hover and their links open the run's entry
        // (an <img> shows neither); its links lead from figures/, the page's from the root.
        if let svg = build.outputs.data(at: "figures/\(figure.name).svg", in: .site) {
            var text = String(decoding: svg, as: UTF8.self)
            if text.hasPrefix("<?xml"), let end = text.range(of: "?>\n") { text.removeSubrange(text.startIndex..<end.upperBound) }
            page["inlineSVG"] = text.replacingOccurrences(of: "xlink:href=\"../", with: "xlink:href=\"")
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

    static func index(_ build: BuildContext) -> [String: Any] {
        SiteLayout.context(title: "Figures", current: "figures.html", ["figures": build.figures.map(summary)])
    }
}
