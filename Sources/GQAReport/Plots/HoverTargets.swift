import Foundation

/// What a reader's pointer finds on a figure's markers: an invisible circle over each marker,
/// drawn on top of Cairo's SVG, with a `<title>` (the browser's tooltip, and what a screen
/// reader announces) naming the series, the run and the point's values, and, for a run, a link
/// to its entry on the runs page. Cairo's SVG surface can write neither titles nor links, so
/// they are added after it; the drawing itself is unchanged.
struct HoverTarget: Equatable {
    var x: Double
    var y: Double
    var title: String
    /// Relative to the site's root.
    var link: String?

    /// One target per marker of a panel, at the position the renderer draws it.
    static func targets(_ renderer: PanelRenderer, links: [String: String], notes: [String: String]) -> [HoverTarget] {
        let panel = renderer.panel
        return panel.marks.flatMap { mark -> [HoverTarget] in
            guard case let .points(xs, ys, _, shape, label, names) = mark else { return [] }
            let series = Figure.series(label ?? "points", shape: shape)
            return xs.indices.map { i in
                let name = names.flatMap { i < $0.count ? $0[i] : nil }
                var lines = [series + (name.map { ": run \($0)" } ?? "")]
                if let note = name.flatMap({ notes[$0] }) { lines.append(note) }
                lines.append("\(panel.x.label.isEmpty ? "x" : panel.x.label) = \(String(format: "%.4g", xs[i]))")
                lines.append("\(panel.y.label.isEmpty ? "y" : panel.y.label) = \(String(format: "%.4g", ys[i]))")
                if let name, links[name] != nil { lines.append("click: the run's page entry") }
                return HoverTarget(x: renderer.px(xs[i]), y: renderer.py(ys[i]), title: lines.joined(separator: "\n"),
                                   link: name.flatMap { links[$0] })
            }
        }
    }

    /// The targets as SVG elements, placed last so they lie above everything Cairo drew.
    /// `linkPrefix` leads from the SVG's folder to the site's root ("../" for figures/).
    static func svg(_ targets: [HoverTarget], linkPrefix: String) -> String {
        guard !targets.isEmpty else { return "" }
        var out = "<g class=\"hover-targets\" fill=\"#000000\" fill-opacity=\"0\" pointer-events=\"all\">\n"
        for t in targets {
            let circle = String(format: "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"6\">", t.x, t.y)
                + "<title>\(XMLBuilder.escape(t.title))</title></circle>"
            if let link = t.link {
                out += "<a xlink:href=\"\(XMLBuilder.escape(linkPrefix + link))\" target=\"_top\">\(circle)</a>\n"
            } else {
                out += circle + "\n"
            }
        }
        return out + "</g>\n"
    }
}
