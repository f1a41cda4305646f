import Foundation

/// The claims at a glance (a forest plot): one row a claim with a value, in the claim's own
/// unit: the tolerance band it passes in, the paper's value, the computed value with its 95%
/// interval coloured by verdict, and the shape rule's range apart.
enum ClaimsForestFigure {
    static let name = "claims-forest"

    static let bandColor = Color(hex: 0xCFEBD9)
    static let ruleColor = Color(hex: 0x8A8A8A)

    static func color(_ verdict: Verdict) -> Color {
        switch verdict {
        case .holds: return Color(hex: 0x1B7F4B)
        case .fails: return Color(hex: 0xC0392B)
        case .notDecided: return Color(hex: 0xA86F00)
        case .cannotBeChecked: return Palette.gray
        }
    }

    static func figure(_ context: BuildContext) -> Figure {
        let claims = context.claims.filter { $0.computed.value != nil && $0.computed.missing == nil }
        let panels = claims.map(panel)
        var figure = Figure(
            name: name, title: "Every claim with a value: the band it passes in, the paper's value, and what the data give",
            caption: "One row a claim, each in its own unit. Green band: the values for which the claim holds (the paper's value ± the tolerance, or a half-line); vertical line: the paper's value; dot and solid line: the computed value and its 95% interval, coloured by verdict (green holds, red fails, amber not decided by these data); a dot without a line has no interval (the row's claim says why); dashed grey: the value's range over the shape rules, a modelling choice outside the interval and the verdict.",
            panels: panels.isEmpty ? [Axes(title: "No claim has a value", x: Axis("", limits: 0...1), y: Axis("", limits: 0...1), marks: [])] : panels,
            columns: 1)
        figure.panelWidth = 760
        figure.panelHeight = 96
        figure.inputs = context.claimsFile.map { [$0] } ?? []
        return figure
    }

    private static func panel(_ claim: ClaimResult) -> Axes {
        let e = claim.declaration.expectation, value = claim.computed.value!
        let band = e.band, interval = claim.uncertainty.interval, rule = claim.uncertainty.systematic?.range
        // The axis holds every finite end, with a margin; a half-line band runs to its edge.
        let ends = [value, e.value, band.lowerBound, band.upperBound, interval?.lowerBound, interval?.upperBound, rule?.lowerBound, rule?.upperBound]
            .compactMap { $0 }.filter(\.isFinite)
        var low = ends.min()!, high = ends.max()!
        let pad = max((high - low) * 0.08, abs(value) * 0.0005, 1e-9)
        low -= pad
        high += pad
        let verdictColor = color(claim.verdict)
        var marks: [Mark] = [
            .cells(xEdges: [max(band.lowerBound, low), min(band.upperBound, high)], yEdges: [0.12, 0.88], colors: [[bandColor]]),
            .reference(horizontal: false, value: e.value, color: .axis, label: nil),
        ]
        if let rule { marks.append(.line(xs: [rule.lowerBound, rule.upperBound], ys: [0.25, 0.25], color: ruleColor, dashed: true, label: nil)) }
        if let interval { marks.append(.line(xs: [interval.lowerBound, interval.upperBound], ys: [0.55, 0.55], color: verdictColor, dashed: false, label: nil)) }
        marks.append(.points(xs: [value], ys: [0.55], color: verdictColor, shape: .circle, label: nil))
        var axes = Axes(title: "\(claim.declaration.id): \(claim.verdict.rawValue)", x: Axis(e.unit, limits: low...high),
                        y: Axis("", limits: 0...1, showsTicks: false), marks: marks)
        axes.showsLegend = false
        return axes
    }
}
