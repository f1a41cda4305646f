import CCairo
import Foundation

/// Draws one panel: frame, grid, ticks, labels, marks and legend.
struct PanelRenderer {
    let panel: Axes
    let frame: Rect
    let pen: Pen
    var cr: OpaquePointer { pen.cr }
    /// Computed once: every coordinate mapping reads them.
    let xRange: ClosedRange<Double>
    /// The data's range, raised where that frees a corner for the legend.
    let yRange: ClosedRange<Double>
    let plot: Rect

    /// Where the legend goes (nil: the panel has none).
    let legendBox: Rect?

    init(panel: Axes, frame: Rect, pen: Pen) {
        self.panel = panel
        self.frame = frame
        self.pen = pen
        xRange = Self.range(panel, x: true)
        let dataY = Self.range(panel, x: false)
        let entries = panel.showsLegend ? panel.legend : []
        let legendWidth = 30 + (entries.map { pen.width($0.label, size: Self.legendSize) }.max() ?? 0)
        let legendHeight = Double(entries.count) * Self.legendRow + 6
        func plotRect(besideLegend: Bool) -> Rect {
            let right = 14 + (besideLegend ? legendWidth + 10 : 0)
            return Rect(x: frame.x + 66, y: frame.y + 26, width: frame.width - 66 - right, height: frame.height - 26 - 48)
        }
        if panel.legendBelow && !entries.isEmpty {
            let below = Self.legendBelowHeight(panel)
            plot = Rect(x: frame.x + 66, y: frame.y + 26, width: frame.width - 66 - 14, height: frame.height - 26 - 48 - below)
            yRange = dataY
            legendBox = Rect(x: frame.x + 8, y: plot.maxY + 46, width: min(legendWidth, frame.width - 16), height: legendHeight)
            return
        }
        let inside = plotRect(besideLegend: false)
        // Where no corner is free, more room above the data may free one (as one would do by
        // hand); only then does the legend go beside the plot, which narrows it.
        let headrooms = panel.y.limits == nil ? [0, 0.15, 0.3, 0.45] : [0.0]
        var placed: (range: ClosedRange<Double>, box: Rect)?
        if !entries.isEmpty && !panel.legendOutside {
            for headroom in headrooms {
                let range = Self.raise(dataY, by: headroom, scale: panel.y.scale)
                let marks = LegendLayout.geometry(panel, plot: inside, xRange: xRange, yRange: range)
                if let corner = LegendLayout.freeCorner(width: legendWidth, height: legendHeight, plot: inside, marks: marks) {
                    placed = (range, corner)
                    break
                }
            }
        }
        if entries.isEmpty {
            (plot, yRange, legendBox) = (inside, dataY, nil)
        } else if let placed {
            (plot, yRange, legendBox) = (inside, placed.range, placed.box)
        } else {
            let beside = plotRect(besideLegend: true)
            (plot, yRange, legendBox) = (beside, dataY, Rect(x: beside.maxX + 10, y: beside.y, width: legendWidth, height: legendHeight))
        }
    }

    /// The range with its top raised by a fraction of its span (of its decades on a log axis).
    private static func raise(_ range: ClosedRange<Double>, by fraction: Double, scale: ScaleKind) -> ClosedRange<Double> {
        guard fraction > 0 else { return range }
        switch scale {
        case .linear: return range.lowerBound...(range.upperBound + fraction * (range.upperBound - range.lowerBound))
        case .log: return range.lowerBound...(range.upperBound * pow(range.upperBound / range.lowerBound, fraction))
        }
    }

    static let tickSize = 9.5
    static let labelSize = 11.0

    static let legendSize = 9.0
    static let legendRow = 13.0

    /// The room a legend drawn under the plot takes (0 where the panel draws none there).
    static func legendBelowHeight(_ panel: Axes) -> Double {
        guard panel.legendBelow, panel.showsLegend else { return 0 }
        let count = panel.legend.count
        return count == 0 ? 0 : Double(count) * legendRow + 6 + 8
    }




    // MARK: Scales

    var categories: [String]? { panel.categories }

    /// The axis range: fixed limits, the categories of a bar chart, or the data with a margin.
    static func range(_ panel: Axes, x: Bool) -> ClosedRange<Double> {
        let axis = x ? panel.x : panel.y
        if let limits = axis.limits { return limits }
        if x, let categories = panel.categories { return -0.6...(Double(categories.count) - 0.4) }
        var values = values(panel, x: x)
        if !x && panel.categories != nil { values.append(0) }
        return Ticks.range(of: values, scale: axis.scale)
    }

    private static func values(_ panel: Axes, x: Bool) -> [Double] {
        panel.marks.flatMap { mark -> [Double] in
            switch mark {
            case let .points(xs, ys, _, _, _, _), let .line(xs, ys, _, _, _): return x ? xs : ys
            case let .band(xs, lower, upper, _, _): return x ? xs : lower + upper
            case let .stackedBars(_, layers):
                guard !x, let count = layers.first?.values.count else { return [] }
                return (0..<count).map { i in layers.reduce(0) { $0 + $1.values[i] } }
            case let .reference(horizontal, value, _, _): return horizontal == !x ? [value] : []
            case let .text(tx, ty, _, _): return [x ? tx : ty]
            case let .cells(xEdges, yEdges, _): return x ? xEdges : yEdges
            }
        }
    }

    func px(_ value: Double) -> Double {
        Self.map(value, range: xRange, scale: panel.x.scale, from: plot.x, to: plot.maxX)
    }

    func py(_ value: Double) -> Double {
        Self.map(value, range: yRange, scale: panel.y.scale, from: plot.maxY, to: plot.y)
    }

    static func map(_ v: Double, range: ClosedRange<Double>, scale: ScaleKind, from a: Double, to b: Double) -> Double {
        let t: Double
        switch scale {
        case .linear: t = (v - range.lowerBound) / (range.upperBound - range.lowerBound)
        case .log: t = (log10(max(v, 1e-300)) - log10(range.lowerBound)) / (log10(range.upperBound) - log10(range.lowerBound))
        }
        return a + t * (b - a)
    }

    // MARK: Drawing

    func draw() {
        let none = TickSet(major: [], minor: [])
        let xTicks = panel.x.showsTicks ? ticks(for: panel.x.scale, range: xRange, horizontal: true) : none
        let yTicks = panel.y.showsTicks ? ticks(for: panel.y.scale, range: yRange, horizontal: false) : none
        drawGrid(xTicks, yTicks)
        cairo_save(cr)
        cairo_rectangle(cr, plot.x, plot.y, plot.width, plot.height)
        cairo_clip(cr)
        for mark in panel.marks { drawMark(mark) }
        cairo_restore(cr)
        for case let .text(x, y, string, color) in panel.marks {
            pen.text(string, x: px(x), y: py(y), size: Self.tickSize, bold: true, anchor: .center, color: color)
        }
        drawAxes(xTicks, yTicks)
        drawLegend()
    }

    /// Ticks thinned until their labels do not overlap.
    private func ticks(for scale: ScaleKind, range: ClosedRange<Double>, horizontal: Bool) -> TickSet {
        if horizontal, let categories {
            return TickSet(major: categories.enumerated().map { TickSet.Tick(value: Double($0.offset), text: $0.element, exponent: nil) }, minor: [])
        }
        var maxCount = horizontal ? 7 : 8
        while true {
            var set = scale == .log ? Ticks.log(range, maxMajor: maxCount) : Ticks.linear(range, maxCount: maxCount)
            set.major = set.major.filter { range.contains($0.value) }
            let space = horizontal ? plot.width : plot.height
            let need = set.major.reduce(0) { $0 + (horizontal ? pen.width($1, size: Self.tickSize) + 8 : Self.tickSize + 6) }
            if need <= space || maxCount <= 2 { return set }
            maxCount -= 1
        }
    }

    private func drawGrid(_ xTicks: TickSet, _ yTicks: TickSet) {
        cairo_set_line_width(cr, 0.6)
        CairoRenderer.set(cr, .grid)
        if categories == nil {
            for tick in xTicks.major { line(px(tick.value), plot.y, px(tick.value), plot.maxY) }
        }
        for tick in yTicks.major { line(plot.x, py(tick.value), plot.maxX, py(tick.value)) }
    }

    private func drawAxes(_ xTicks: TickSet, _ yTicks: TickSet) {
        CairoRenderer.set(cr, .axis)
        cairo_set_line_width(cr, 1)
        cairo_rectangle(cr, plot.x, plot.y, plot.width, plot.height)
        cairo_stroke(cr)
        for tick in xTicks.major {
            line(px(tick.value), plot.maxY, px(tick.value), plot.maxY + 4)
            pen.draw(tick, x: px(tick.value), y: plot.maxY + 16, size: Self.tickSize, anchor: .center)
        }
        for value in xTicks.minor { line(px(value), plot.maxY, px(value), plot.maxY + 2) }
        for tick in yTicks.major {
            line(plot.x - 4, py(tick.value), plot.x, py(tick.value))
            pen.draw(tick, x: plot.x - 6, y: py(tick.value) + 3.5, size: Self.tickSize, anchor: .right)
        }
        for value in yTicks.minor { line(plot.x - 2, py(value), plot.x, py(value)) }
        pen.text(panel.x.label, x: plot.x + plot.width / 2, y: plot.maxY + 36, size: Self.labelSize, anchor: .center)
        cairo_save(cr)
        cairo_translate(cr, frame.x + 14, plot.y + plot.height / 2)
        cairo_rotate(cr, -Double.pi / 2)
        pen.text(panel.y.label, x: 0, y: 0, size: Self.labelSize, anchor: .center)
        cairo_restore(cr)
        pen.text(panel.title, x: plot.x + plot.width / 2, y: frame.y + 16, size: Self.labelSize, bold: true, anchor: .center)
    }

    private func drawMark(_ mark: Mark) {
        switch mark {
        case let .points(xs, ys, color, shape, _, _):
            for (x, y) in zip(xs, ys) { marker(shape, x: px(x), y: py(y), color: color) }
        case let .line(xs, ys, color, dashed, _):
            CairoRenderer.set(cr, color)
            cairo_set_line_width(cr, 1.8)
            if dashed { cairo_set_dash(cr, [5, 3], 2, 0) }
            path(zip(xs, ys).map { (px($0), py($1)) })
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        case let .band(xs, lower, upper, color, _):
            CairoRenderer.set(cr, color.with(alpha: 0.18))
            path(zip(xs, upper).map { (px($0), py($1)) } + zip(xs, lower).reversed().map { (px($0), py($1)) })
            cairo_close_path(cr)
            cairo_fill(cr)
        case let .stackedBars(categories, layers):
            for index in categories.indices {
                var base = 0.0
                for layer in layers {
                    let top = base + layer.values[index]
                    CairoRenderer.set(cr, layer.color)
                    let left = px(Double(index) - 0.3), right = px(Double(index) + 0.3)
                    cairo_rectangle(cr, left, py(top), right - left, py(base) - py(top))
                    cairo_fill(cr)
                    base = top
                }
            }
        case let .reference(horizontal, value, color, _):
            CairoRenderer.set(cr, color)
            cairo_set_line_width(cr, 1.2)
            cairo_set_dash(cr, [6, 4], 2, 0)
            if horizontal { line(plot.x, py(value), plot.maxX, py(value)) } else { line(px(value), plot.y, px(value), plot.maxY) }
            cairo_set_dash(cr, nil, 0, 0)
        case .text:
            break  // drawn above the frame, unclipped
        case let .cells(xEdges, yEdges, colors):
            for (row, rowColors) in colors.enumerated() {
                for (column, color) in rowColors.enumerated() {
                    guard let color else { continue }
                    CairoRenderer.set(cr, color)
                    let left = px(xEdges[column]), right = px(xEdges[column + 1])
                    let top = py(yEdges[row + 1]), bottom = py(yEdges[row])
                    cairo_rectangle(cr, min(left, right), min(top, bottom), abs(right - left) + 0.3, abs(bottom - top) + 0.3)
                    cairo_fill(cr)
                }
            }
        }
    }

    private func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        cairo_stroke(cr)
    }

    private func path(_ points: [(Double, Double)]) {
        for (index, point) in points.enumerated() {
            if index == 0 { cairo_move_to(cr, point.0, point.1) } else { cairo_line_to(cr, point.0, point.1) }
        }
    }

    func marker(_ shape: MarkerShape, x: Double, y: Double, color: Color, radius: Double = 4) {
        cairo_new_path(cr)  // text leaves a current point, which an arc would join with a line
        switch shape.outline {
        case .circle: cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
        case .square: cairo_rectangle(cr, x - radius, y - radius, 2 * radius, 2 * radius)
        case .diamond: path([(x, y - radius * 1.3), (x + radius * 1.3, y), (x, y + radius * 1.3), (x - radius * 1.3, y)]); cairo_close_path(cr)
        case .triangle: path([(x, y - radius * 1.2), (x + radius * 1.1, y + radius * 0.8), (x - radius * 1.1, y + radius * 0.8)]); cairo_close_path(cr)
        }
        guard shape.filled else {
            // Hollow: a ring in the series' colour with nothing inside, so a filled marker at
            // the same place (a run beside the paper's point) shows through it.
            CairoRenderer.set(cr, color)
            cairo_set_line_width(cr, 1.4)
            cairo_stroke(cr)
            return
        }
        CairoRenderer.set(cr, color)
        cairo_fill_preserve(cr)
        // A white rim separates overlapping markers; a light fill gets a grey one to stay visible.
        let light = color.red + color.green + color.blue > 2.6
        CairoRenderer.set(cr, light ? Palette.gray : .white)
        cairo_set_line_width(cr, 0.8)
        cairo_stroke(cr)
    }

    // MARK: Legend

    /// In the box chosen at init: a corner that covers no mark, or beside the plot.
    private func drawLegend() {
        let entries = panel.showsLegend ? panel.legend : []
        guard let box = legendBox, !entries.isEmpty else { return }
        let size = Self.legendSize, rowHeight = Self.legendRow
        CairoRenderer.set(cr, Color.white.with(alpha: 0.88))
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_fill_preserve(cr)
        CairoRenderer.set(cr, .grid)
        cairo_set_line_width(cr, 0.6)
        cairo_stroke(cr)
        for (index, entry) in entries.enumerated() {
            let y = box.y + 4 + Double(index) * rowHeight + rowHeight / 2
            if entry.isLine {
                CairoRenderer.set(cr, entry.color)
                cairo_set_line_width(cr, 1.8)
                if entry.dashed { cairo_set_dash(cr, [4, 2], 2, 0) }
                line(box.x + 5, y, box.x + 21, y)
                cairo_set_dash(cr, nil, 0, 0)
            }
            if let shape = entry.shape { marker(shape, x: box.x + 13, y: y, color: entry.color, radius: 3.5) }
            pen.text(entry.label, x: box.x + 26, y: y + 3.2, size: size)
        }
    }
}
