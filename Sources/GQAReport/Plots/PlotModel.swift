/// The plot model: a figure holds panels (axes); axes hold two scales and marks; one Cairo
/// renderer draws a figure to SVG and PNG from the same calls (see `CairoRenderer`).

public struct Color: Hashable, Sendable {
    public var red: Double, green: Double, blue: Double, alpha: Double

    public init(_ red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    public init(hex: UInt32, alpha: Double = 1) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255, alpha: alpha)
    }

    public func with(alpha: Double) -> Color { Color(red, green, blue, alpha: alpha) }

    /// "#rrggbb", for pages (alpha left out).
    public var hex: String {
        String(format: "#%02x%02x%02x", Int((red * 255).rounded()), Int((green * 255).rounded()), Int((blue * 255).rounded()))
    }

    public static let black = Color(0, 0, 0)
    public static let white = Color(1, 1, 1)
    public static let grid = Color(hex: 0xDDDDDD)
    public static let axis = Color(hex: 0x333333)
}

public enum ScaleKind: Sendable, Equatable {
    case linear, log
}

public struct Axis: Sendable {
    public var label: String
    public var scale: ScaleKind
    /// Fixed limits; nil fits the data.
    public var limits: ClosedRange<Double>?
    /// False for an axis that only places marks (a forest plot's rows): no ticks, no grid.
    public var showsTicks = true

    public init(_ label: String, scale: ScaleKind = .linear, limits: ClosedRange<Double>? = nil, showsTicks: Bool = true) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.showsTicks = showsTicks
    }
}

/// A marker's outline and whether it is filled: runs are drawn filled and digitized points
/// hollow, so the two sources of one head configuration (one colour) tell apart at a glance.
public struct MarkerShape: Sendable, Equatable {
    public enum Outline: Sendable, Equatable {
        case circle, square, diamond, triangle
    }

    public var outline: Outline
    public var filled = true

    public static let circle = MarkerShape(outline: .circle)
    public static let square = MarkerShape(outline: .square)
    public static let diamond = MarkerShape(outline: .diamond)
    public static let triangle = MarkerShape(outline: .triangle)

    public var hollow: MarkerShape { MarkerShape(outline: outline, filled: false) }
}

/// Something drawn in a panel. Marks with a label appear in the legend.
public enum Mark: Sendable {
    /// `names`, one per point, say which run a point is (its hover title, and its link when the
    /// figure's `pointLinks` has the name).
    case points(xs: [Double], ys: [Double], color: Color, shape: MarkerShape, label: String?, names: [String]? = nil)
    case line(xs: [Double], ys: [Double], color: Color, dashed: Bool, label: String?)
    /// A shaded region between two curves (a confidence band).
    case band(xs: [Double], lower: [Double], upper: [Double], color: Color, label: String?)
    /// Stacked bars on a categorical x axis: one bar per category, one layer per stack.
    case stackedBars(categories: [String], layers: [(label: String, values: [Double], color: Color)])
    /// A horizontal (y = value) or vertical (x = value) reference line.
    case reference(horizontal: Bool, value: Double, color: Color, label: String?)
    /// Text at data coordinates, centred on the point.
    case text(x: Double, y: Double, string: String, color: Color)
    /// A grid of coloured cells (a map): edges in data coordinates, colours row by row (y).
    case cells(xEdges: [Double], yEdges: [Double], colors: [[Color?]])
}

public struct LegendEntry: Sendable, Equatable {
    public var label: String
    public var color: Color
    public var shape: MarkerShape?
    public var isLine: Bool
    public var dashed = false
}

public struct Axes: Sendable {
    public var title: String
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]
    /// Extra legend entries (for marks drawn without labels, such as map cells).
    public var extraLegend: [LegendEntry] = []
    /// Beside the plot always; otherwise inside in a corner that covers no mark, or beside the
    /// plot when no corner is free (see `LegendLayout`).
    public var legendOutside = false
    /// False for a panel whose legend another panel of the figure already shows.
    public var showsLegend = true
    /// The legend under the plot, its panel made taller for it (narrow layouts: a legend beside
    /// a phone-wide plot would leave the plot no room).
    public var legendBelow = false

    public init(title: String, x: Axis, y: Axis, marks: [Mark], extraLegend: [LegendEntry] = [], legendOutside: Bool = false) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.extraLegend = extraLegend
        self.legendOutside = legendOutside
    }

    /// The legend: labelled marks in order, each label once.
    public var legend: [LegendEntry] {
        var entries: [LegendEntry] = []
        func add(_ entry: LegendEntry) {
            if !entries.contains(where: { $0.label == entry.label }) { entries.append(entry) }
        }
        for mark in marks {
            switch mark {
            case let .points(_, _, color, shape, label?, _): add(LegendEntry(label: label, color: color, shape: shape, isLine: false))
            case let .line(_, _, color, dashed, label?): add(LegendEntry(label: label, color: color, shape: nil, isLine: true, dashed: dashed))
            case let .band(_, _, _, color, label?): add(LegendEntry(label: label, color: color, shape: .square, isLine: false))
            case let .stackedBars(_, layers): for l in layers { add(LegendEntry(label: l.label, color: l.color, shape: .square, isLine: false)) }
            case let .reference(_, _, color, label?): add(LegendEntry(label: label, color: color, shape: nil, isLine: true, dashed: true))
            default: break
            }
        }
        extraLegend.forEach(add)
        return entries
    }

    var categories: [String]? {
        for case let .stackedBars(categories, _) in marks { return categories }
        return nil
    }
}

public struct Figure: Sendable {
    /// File name without extension: `site/figures/NAME.svg` and `.png`.
    public var name: String
    public var title: String
    /// A sentence for people who cannot see the figure (the page's alt text and caption).
    public var caption: String
    public var panels: [Axes]
    public var columns: Int
    /// Size of one panel in points.
    public var panelWidth: Double = 380
    public var panelHeight: Double = 300
    /// Room added beside the last column, for a legend shared by the figure's panels.
    public var legendColumnWidth: Double = 0
    /// The input files the figure's data comes from, for its page's provenance.
    public var inputs: [InputFile] = []
    /// The fits drawn in the figure (ids of `fits.xml`).
    public var fitIDs: [String] = []
    /// A point's name (a run's) → its page, relative to the site's root ("runs.html#run-3").
    public var pointLinks: [String: String] = [:]
    /// A point's name → a line about it for its hover title (a run's size and heads).
    public var pointNotes: [String: String] = [:]

    /// The plotted points, for the table under the figure: panel, series, x, y.
    public var dataRows: [(panel: String, series: String, xLabel: String, x: Double, yLabel: String, y: Double)] {
        panels.flatMap { panel in
            panel.marks.flatMap { mark -> [(String, String, String, Double, String, Double)] in
                guard case let .points(xs, ys, _, shape, label, _) = mark else { return [] }
                let series = Self.series(label ?? "", shape: shape)
                return zip(xs, ys).map { (panel.title, series, panel.x.label, $0, panel.y.label, $1) }
            }
        }
    }

    /// A points series as the data table and the hover titles name it. One legend entry serves
    /// a series drawn from both sources, so hollow markers (the paper's digitized points) say
    /// so, once: some labels say it already.
    static func series(_ label: String, shape: MarkerShape) -> String {
        shape.filled || label.hasSuffix("(digitized)") ? label : label + " (digitized)"
    }

    public init(name: String, title: String, caption: String, panels: [Axes], columns: Int? = nil) {
        self.name = name
        self.title = title
        self.caption = caption
        self.panels = panels
        self.columns = columns ?? panels.count
    }

    /// Room above the panels for the title: one line, or two where the figure is narrow.
    public var headerHeight: Double = 30

    public var rows: Int { (panels.count + columns - 1) / columns }
    public var width: Double { Double(columns) * panelWidth + legendColumnWidth }
    public var height: Double { headerHeight + rowHeights.reduce(0, +) }

    /// Each row's height: a panel's, and the tallest legend drawn below a panel of the row.
    var rowHeights: [Double] {
        (0..<rows).map { row in
            let members = panels[(row * columns)..<min(panels.count, (row + 1) * columns)]
            return panelHeight + (members.map(PanelRenderer.legendBelowHeight).max() ?? 0)
        }
    }

    /// The layouts a figure is drawn in, one file each (`PlotStep.variants`).
    public enum Layout: String, Sendable, CaseIterable {
        /// As designed, for a desktop page.
        case desktop
        /// One panel a row, read at 360–400 CSS px: its panels are drawn 300 units wide, so the
        /// page's scaling up makes its 9.5-unit tick labels about 11 px.
        case phone
        /// Two panels a row, for a PDF 7 in (504 pt) wide: text ≥ 7.9 pt.
        case twoColumns
    }

    /// The figure laid out for `layout`: the same marks, axes and legend entries (the content
    /// digest is the desktop figure's), in narrower panels, every legend under its plot and the
    /// title on up to two lines.
    public func laidOut(_ layout: Layout) -> Figure {
        guard layout != .desktop else { return self }
        var figure = self
        figure.columns = layout == .phone ? 1 : min(2, panels.count)
        figure.panelWidth = 300
        figure.panelHeight = min(250, panelHeight)  // a forest plot's rows stay as short as they are
        figure.legendColumnWidth = 0
        // Room for the title in as many lines (up to 3) as it needs at 13 units: DejaVu Sans
        // Bold averages about 0.62 em a character; the renderer wraps it for real.
        let lines = min(3, max(1, Int((Double(title.count) * 0.62 * 13 / (figure.width - 20)).rounded(.up))))
        figure.headerHeight = 14 + 17 * Double(lines)
        for index in figure.panels.indices { figure.panels[index].legendBelow = true }
        return figure
    }

    /// Every coordinate must be a number: a NaN or infinity is an error naming the figure,
    /// the panel and the series.
    public func validate() throws {
        for panel in panels {
            for mark in panel.marks {
                let (label, values): (String, [Double]) = {
                    switch mark {
                    case let .points(xs, ys, _, _, label, _): return (label ?? "points", xs + ys)
                    case let .line(xs, ys, _, _, label): return (label ?? "line", xs + ys)
                    case let .band(xs, lower, upper, _, label): return (label ?? "band", xs + lower + upper)
                    case let .stackedBars(_, layers): return ("bars", layers.flatMap(\.values))
                    case let .reference(_, value, _, label): return (label ?? "reference line", [value])
                    case let .text(x, y, string, _): return (string, [x, y])
                    case let .cells(xEdges, yEdges, _): return ("map", xEdges + yEdges)
                    }
                }()
                if let bad = values.firstIndex(where: { !$0.isFinite }) {
                    throw ReportError("figure \(name), panel '\(panel.title)', series '\(label)': value \(bad) is \(values[bad]); a plot needs finite numbers")
                }
            }
        }
    }
}
