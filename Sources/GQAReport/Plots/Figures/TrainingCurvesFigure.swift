import Foundation

/// The training-curves figure at any sweep size: one panel a model size or a head
/// configuration (whichever the sweep has fewer of), colour by head configuration, the
/// training loss smoothed with its raw values faint, the validation loss as markers, x in
/// tokens, and one legend entry a head configuration (never one a run). Where more than
/// `bandThreshold` runs share a panel and a colour, they are drawn as their band (min–max)
/// and median instead.
enum TrainingCurvesFigure {
    /// TensorBoard's default smoothing: a debiased exponential moving average of weight 0.6.
    static let smoothingWeight = 0.6
    /// Beyond this many runs of one colour in one panel, lines would be a solid block.
    static let bandThreshold = 5
    /// Points drawn for all curves together; each curve is thinned to fit (no fewer than 50).
    static let pointBudget = 40_000
    /// Validation markers a run, at most: evenly spaced over its evaluations. More would hide
    /// the lines (a run evaluated every 10 of 2,000 steps has 200) and weigh the page.
    static let validationMarkers = 12

    private struct Curve {
        var run: Run
        var xs: [Double]
        var raw: [Double]
        var smoothed: [Double]
        var validation: (xs: [Double], ys: [Double])
    }

    /// A model size (L, d) or a head configuration (n_h, n_kv): the two things a panel or a
    /// colour stands for, ordered as their figures list them.
    private struct Key: Hashable, Comparable {
        var first: Int, second: Int
        static func < (a: Self, b: Self) -> Bool { (a.first, a.second) < (b.first, b.second) }
        static func size(_ curve: Curve) -> Key { Key(first: curve.run.model.layers, second: curve.run.model.hiddenSize) }
        static func heads(_ curve: Curve) -> Key { Key(first: curve.run.model.queryHeads, second: curve.run.model.kvHeads) }
    }

    static func make(_ context: BuildContext) -> Figure {
        let palette = context.palette
        let perCurve = max(50, min(RunMetrics.curvePoints, pointBudget / max(1, context.runs.count)))
        let curves = context.runs.compactMap { curve($0, points: perCurve) }
        let configurations = Set(curves.map(\.run.model.heads))
        // Panels by whichever the sweep has fewer of; colour is always the head configuration.
        let bySize = Set(curves.map(Key.size)).count <= configurations.count
        let panelOf = bySize ? Key.size : Key.heads, groupOf = bySize ? Key.heads : Key.size
        var usesBands = false, usesValidation = false, usesRaw = false
        var panels: [Axes] = Set(curves.map(panelOf)).sorted().map { key in
            let inPanel = curves.filter { panelOf($0) == key }
            // Within a panel, curves of one colour: one head configuration (panels by size), or
            // one size (panels by configuration, a shade of its colour, darker when larger).
            let groups = Dictionary(grouping: inPanel, by: groupOf)
            let groupKeys = groups.keys.sorted()
            var marks: [Mark] = []
            for (rank, groupKey) in groupKeys.enumerated() {
                let members = groups[groupKey]!.sorted { $0.run.name < $1.run.name }
                let heads = members[0].run.model.heads
                let base = palette.color(for: heads)
                let color = bySize ? base : shade(base, rank: rank, of: groupKeys.count)
                if members.count > bandThreshold {
                    usesBands = true
                    marks += band(members, color: color)
                    continue
                }
                for member in members {
                    usesRaw = true
                    marks.append(.line(xs: member.xs, ys: member.raw, color: color.with(alpha: 0.22), dashed: false, label: nil))
                    marks.append(.line(xs: member.xs, ys: member.smoothed, color: color, dashed: false, label: nil))
                    if !member.validation.xs.isEmpty {
                        usesValidation = true
                        marks.append(.points(xs: member.validation.xs, ys: member.validation.ys, color: color, shape: palette.shape(for: heads), label: nil,
                                             names: Array(repeating: member.run.name, count: member.validation.xs.count)))
                    }
                }
            }
            let vocabularies = Set(inPanel.map(\.run.model.vocabularySize))
            let title = bySize ? "L = \(key.first), d = \(key.second)" : "H = (\(key.first), \(key.second))"
            // Example runs say so in their panel's title (their lines are drawn as any run's).
            return Axes(title: title + (inPanel.allSatisfy(\.run.isExample) ? " (example runs)" : ""), x: Axis("Tokens seen", scale: .log),
                        y: Axis(LossUnits.label(vocabulary: vocabularies.count == 1 ? vocabularies.first : nil)), marks: marks)
        }
        if panels.isEmpty {
            panels = [Axes(title: "Training loss", x: Axis("Tokens", limits: 0...1), y: Axis("Loss", limits: 0...1),
                           marks: [.text(x: 0.5, y: 0.5, string: "no data", color: Palette.gray)])]
        }
        // One legend for the figure, beside the last panel: the head configurations, then a
        // key to what the line styles mean.
        var legend = configurations.sorted().map { LegendEntry(label: "H = \($0)", color: palette.color(for: $0), shape: nil, isLine: true) }
        legend.append(LegendEntry(label: "training loss, smoothed", color: Palette.black, shape: nil, isLine: true))
        if usesRaw { legend.append(LegendEntry(label: "raw (faint)", color: Palette.black.with(alpha: 0.22), shape: nil, isLine: true)) }
        if usesValidation { legend.append(LegendEntry(label: "validation loss", color: Palette.black, shape: .circle, isLine: false)) }
        if usesBands { legend.append(LegendEntry(label: "band: min–max of runs; line: median", color: Palette.gray.with(alpha: 0.4), shape: .square, isLine: false)) }
        if !bySize && !curves.isEmpty { legend.append(LegendEntry(label: "darker: larger model", color: Palette.gray, shape: nil, isLine: true)) }
        for index in panels.indices { panels[index].showsLegend = index == panels.count - 1 }
        panels[panels.count - 1].extraLegend = legend
        panels[panels.count - 1].legendOutside = true

        // Two columns up to four panels, then three, then four: panels stay readable.
        let columns = panels.count <= 2 ? panels.count : panels.count <= 4 ? 2 : panels.count <= 9 ? 3 : 4
        var figure = Figure(
            name: "training-curves", title: "Training curves",
            caption: "Training loss against tokens seen, one panel per \(bySize ? "model size (the sweep has fewer sizes than head configurations)" : "head configuration (the sweep has fewer of them than sizes)"), coloured by head configuration: the loss smoothed as TensorBoard does by default (a debiased exponential moving average of weight \(smoothingWeight) over the logged points drawn, each curve thinned to at most \(RunMetrics.curvePoints) points evenly spaced in log(step)), the raw values faint, and the validation loss as markers (at most \(validationMarkers) a run, evenly spaced over its evaluations). Where more than \(bandThreshold) runs share a panel and a colour, their band (min–max over the runs) and median are drawn instead.",
            panels: panels, columns: max(columns, 1))
        figure.panelWidth = panels.count > 4 ? 330 : 420
        figure.panelHeight = panels.count > 4 ? 260 : 300
        figure.legendColumnWidth = 230
        figure.inputs = FigureData.unique(context.runs.flatMap(\.provenance))
        return figure
    }

    /// A run's curves against tokens; nil when its tokens a step are unknown.
    private static func curve(_ run: Run, points: Int) -> Curve? {
        let training = run.metrics.trainingCurve
        guard training.count >= 1, let tokens = run.training.tokensPerStep.map(Double.init)
            ?? run.tokens.value.flatMap({ count in run.training.trainSteps.map { Double(count) / Double($0) } }) else { return nil }
        let smoothed = smooth(training.map(\.value))
        let stride = (training.count + points - 1) / points
        let kept = training.indices.filter { $0 % stride == 0 || $0 == training.count - 1 }
        let all = run.metrics.validationCurve
        let validation = all.count <= validationMarkers ? all
            : (0..<validationMarkers).map { all[Int((Double($0) * Double(all.count - 1) / Double(validationMarkers - 1)).rounded())] }
        return Curve(run: run, xs: kept.map { Double(training[$0].step) * tokens }, raw: kept.map { training[$0].value },
                     smoothed: kept.map { smoothed[$0] },
                     validation: (validation.map { Double($0.step) * tokens }, validation.map(\.value)))
    }

    /// TensorBoard's smoothing: last = w·last + (1 − w)·value, divided by 1 − w^n (debiased).
    static func smooth(_ values: [Double]) -> [Double] {
        var last = 0.0, weightSum = 0.0
        return values.map { value in
            last = smoothingWeight * last + (1 - smoothingWeight) * value
            weightSum = smoothingWeight * weightSum + (1 - smoothingWeight)
            return last / weightSum
        }
    }

    /// Min–max band and median of several runs' smoothed curves on a shared log grid of
    /// tokens, where at least two of them reach.
    private static func band(_ members: [Curve], color: Color) -> [Mark] {
        let low = members.compactMap(\.xs.first).max() ?? 1, high = members.compactMap(\.xs.last).max() ?? 1
        guard low > 0, high > low else { return [] }
        var xs: [Double] = [], lower: [Double] = [], upper: [Double] = [], middle: [Double] = []
        for x in FigureData.logSpace(low, high, count: 80) {
            let values = members.compactMap { interpolate($0.xs, $0.smoothed, at: x) }
            guard values.count >= 2 else { continue }
            xs.append(x)
            lower.append(values.min()!)
            upper.append(values.max()!)
            middle.append(Percentile.of(values, 0.5))
        }
        guard !xs.isEmpty else { return [] }
        return [.band(xs: xs, lower: lower, upper: upper, color: color.with(alpha: 0.25), label: nil),
                .line(xs: xs, ys: middle, color: color, dashed: false, label: nil)]
    }

    /// Linear interpolation in log x; nil outside the curve.
    private static func interpolate(_ xs: [Double], _ ys: [Double], at x: Double) -> Double? {
        guard let first = xs.first, let last = xs.last, x >= first, x <= last else { return nil }
        var index = 0
        while index + 1 < xs.count && xs[index + 1] < x { index += 1 }
        guard index + 1 < xs.count else { return ys[index] }
        let a = log(xs[index]), b = log(xs[index + 1])
        let t = b > a ? (log(x) - a) / (b - a) : 0
        return ys[index] + t * (ys[index + 1] - ys[index])
    }

    /// A shade of `color` for the rank-th of `count` sizes: lighter for smaller models.
    private static func shade(_ color: Color, rank: Int, of count: Int) -> Color {
        guard count > 1 else { return color }
        let t = 0.55 * (1 - Double(rank) / Double(count - 1))  // 0.55 lighter … the colour itself
        return Color(((color.red + (1 - color.red) * t) * 255).rounded() / 255, ((color.green + (1 - color.green) * t) * 255).rounded() / 255,
                     ((color.blue + (1 - color.blue) * t) * 255).rounded() / 255)
    }
}
