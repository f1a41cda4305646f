import Foundation

/// Where a panel's legend may go without covering what it explains. Marks become shapes in
/// the plot's pixel space (a marker's box, a line's segments, a band's or bar's or cell's
/// rectangle); a corner is free when its box meets none of them.
enum LegendLayout {
    /// What a mark occupies on the page.
    struct Geometry {
        var boxes: [Rect] = []
        var segments: [(Double, Double, Double, Double)] = []

        func meets(_ box: Rect) -> Bool {
            boxes.contains { $0.intersects(box) } || segments.contains { LegendLayout.segment($0, meets: box) }
        }
    }

    /// The first free corner: top right, top left, bottom right, bottom left; nil when none is.
    static func freeCorner(width: Double, height: Double, plot: Rect, marks: Geometry) -> Rect? {
        let inset = 6.0
        let corners = [
            Rect(x: plot.maxX - width - inset, y: plot.y + inset, width: width, height: height),
            Rect(x: plot.x + inset, y: plot.y + inset, width: width, height: height),
            Rect(x: plot.maxX - width - inset, y: plot.maxY - height - inset, width: width, height: height),
            Rect(x: plot.x + inset, y: plot.maxY - height - inset, width: width, height: height),
        ]
        guard width + 2 * inset <= plot.width, height + 2 * inset <= plot.height else { return nil }
        return corners.first { !marks.meets($0) }
    }

    /// The marks of a panel in the pixel space of `plot`.
    static func geometry(_ panel: Axes, plot: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) -> Geometry {
        func px(_ v: Double) -> Double { PanelRenderer.map(v, range: xRange, scale: panel.x.scale, from: plot.x, to: plot.maxX) }
        func py(_ v: Double) -> Double { PanelRenderer.map(v, range: yRange, scale: panel.y.scale, from: plot.maxY, to: plot.y) }
        func polyline(_ xs: [Double], _ ys: [Double]) -> [(Double, Double, Double, Double)] {
            let points = zip(xs, ys).map { (px($0), py($1)) }
            return zip(points, points.dropFirst()).map { ($0.0, $0.1, $1.0, $1.1) }
        }
        let radius = 5.5  // a marker's radius with its rim, and a little air
        var geometry = Geometry()
        for mark in panel.marks {
            switch mark {
            case let .points(xs, ys, _, _, _, _):
                geometry.boxes += zip(xs, ys).map { Rect(x: px($0) - radius, y: py($1) - radius, width: 2 * radius, height: 2 * radius) }
            case let .line(xs, ys, _, _, _):
                geometry.segments += polyline(xs, ys)
            case let .band(xs, lower, upper, _, _):
                geometry.segments += polyline(xs, lower) + polyline(xs, upper)
                for i in xs.indices.dropLast() {  // the shaded area between them
                    let top = min(py(upper[i]), py(upper[i + 1])), bottom = max(py(lower[i]), py(lower[i + 1]))
                    geometry.boxes.append(Rect(x: min(px(xs[i]), px(xs[i + 1])), y: top, width: abs(px(xs[i + 1]) - px(xs[i])), height: bottom - top))
                }
            case let .stackedBars(categories, layers):
                for index in categories.indices {
                    let total = layers.reduce(0) { $0 + $1.values[index] }
                    let left = px(Double(index) - 0.3), right = px(Double(index) + 0.3)
                    geometry.boxes.append(Rect(x: left, y: py(total), width: right - left, height: py(0) - py(total)))
                }
            case let .reference(horizontal, value, _, _):
                geometry.segments.append(horizontal ? (plot.x, py(value), plot.maxX, py(value)) : (px(value), plot.y, px(value), plot.maxY))
            case let .text(x, y, string, _):
                let halfWidth = 3.5 * Double(string.count)
                geometry.boxes.append(Rect(x: px(x) - halfWidth, y: py(y) - 10, width: 2 * halfWidth, height: 12))
            case let .cells(xEdges, yEdges, colors):
                for (row, rowColors) in colors.enumerated() {
                    for (column, color) in rowColors.enumerated() where color != nil {
                        let left = px(xEdges[column]), right = px(xEdges[column + 1])
                        let top = py(yEdges[row + 1]), bottom = py(yEdges[row])
                        geometry.boxes.append(Rect(x: min(left, right), y: min(top, bottom), width: abs(right - left), height: abs(bottom - top)))
                    }
                }
            }
        }
        return geometry
    }

    /// Whether the segment from (x0, y0) to (x1, y1) passes through the box (Liang–Barsky
    /// clipping: some part of it lies inside).
    static func segment(_ s: (Double, Double, Double, Double), meets box: Rect) -> Bool {
        let (x0, y0, x1, y1) = s
        let dx = x1 - x0, dy = y1 - y0
        var low = 0.0, high = 1.0
        for (p, q) in [(-dx, x0 - box.x), (dx, box.maxX - x0), (-dy, y0 - box.y), (dy, box.maxY - y0)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { low = max(low, t) } else { high = min(high, t) }
                if low > high { return false }
            }
        }
        return true
    }
}
