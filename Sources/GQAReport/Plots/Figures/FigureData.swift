import Foundation

/// Shared lookups of the figure builders over one build's data.
enum FigureData {
    /// Points spread evenly on a log axis between two positive values.
    static func logSpace(_ low: Double, _ high: Double, count: Int = 80) -> [Double] {
        (0..<count).map { pow(10, log10(low) + (log10(high) - log10(low)) * Double($0) / Double(count - 1)) }
    }

    static func linearSpace(_ low: Double, _ high: Double, count: Int = 80) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }

    /// The colour of a fitted series: its head configuration's, or the Llama-3 family's.
    static func color(_ selection: FitSelection, _ palette: HeadPalette) -> Color {
        if let heads = selection.heads { return palette.color(for: heads) }
        return Palette.llama
    }

    /// A legend label: the series. Runs and digitized points of one series share it (and one
    /// legend entry); their markers tell them apart (`sourceKey`). Example runs say so.
    static func label(_ selection: FitSelection) -> String {
        // Heads first: the digitized series "H=(8,1)" and the runs' H = (8, 1) are one series.
        let name = selection.heads.map { "H = \($0)" } ?? selection.series ?? selection.summary
        return selection.source == .exampleRuns ? name + " (example runs)" : name
    }

    /// Legend entries that say what filled and hollow markers are, for the sources present.
    static func sourceKey(_ outcomes: [FitOutcome]) -> [LegendEntry] {
        let sources = Set(outcomes.map(\.selection.source))
        var entries: [LegendEntry] = []
        if sources.contains(.runs) { entries.append(LegendEntry(label: "filled: runs", color: Palette.gray, shape: .circle, isLine: false)) }
        if sources.contains(.digitized) {
            entries.append(LegendEntry(label: "hollow: paper's figure (digitized)", color: Palette.gray, shape: MarkerShape.circle.hollow, isLine: false))
        }
        return entries
    }

    /// Points and the fitted curve of one fit outcome (points alone when it was not fitted),
    /// in its head configuration's colour and marker unless `color` and `shape` are given.
    /// The marks with every x multiplied by `factor` (bytes fitted, GiB drawn).
    static func scalingX(_ marks: [Mark], by factor: Double) -> [Mark] {
        marks.map { mark in
            switch mark {
            case let .points(xs, ys, color, shape, label, names): return .points(xs: xs.map { $0 * factor }, ys: ys, color: color, shape: shape, label: label, names: names)
            case let .line(xs, ys, color, dashed, label): return .line(xs: xs.map { $0 * factor }, ys: ys, color: color, dashed: dashed, label: label)
            case let .band(xs, lower, upper, color, label): return .band(xs: xs.map { $0 * factor }, lower: lower, upper: upper, color: color, label: label)
            case let .reference(horizontal, value, color, label): return .reference(horizontal: horizontal, value: horizontal ? value : value * factor, color: color, label: label)
            case let .text(x, y, string, color): return .text(x: x * factor, y: y, string: string, color: color)
            case let .cells(xEdges, yEdges, colors): return .cells(xEdges: xEdges.map { $0 * factor }, yEdges: yEdges, colors: colors)
            case .stackedBars: return mark
            }
        }
    }

    static func marks(_ outcome: FitOutcome, palette: HeadPalette, color: Color? = nil, shape: MarkerShape? = nil, band: Bool = false) -> [Mark] {
        let s = outcome.selection
        let color = color ?? Self.color(s, palette), label = label(s)
        let shape = shape ?? s.heads.map(palette.shape) ?? .circle
        var marks: [Mark] = []
        if let fit = outcome.fit {
            let xs = logSpace(s.data.x.min()!, s.data.x.max()! * 1.6)
            if band {
                let bands = xs.map { fit.band(at: $0) }
                if bands.allSatisfy({ $0 != nil }) {
                    marks.append(.band(xs: xs, lower: bands.map { $0!.lowerBound }, upper: bands.map { $0!.upperBound }, color: color, label: nil))
                }
            }
            // Solid over the data, dashed beyond it: the law is extrapolated there.
            let largest = s.data.x.max()!
            let inside = xs.filter { $0 < largest } + [largest], beyond = [largest] + xs.filter { $0 > largest }
            marks.append(.line(xs: inside, ys: inside.map { fit.predict(x: $0) }, color: color, dashed: false, label: nil))
            if beyond.count > 1 { marks.append(.line(xs: beyond, ys: beyond.map { fit.predict(x: $0) }, color: color, dashed: true, label: nil)) }
        }
        marks.append(.points(xs: s.data.x, ys: s.data.y, color: color, shape: s.source == .digitized ? shape.hollow : shape, label: label,
                             names: s.source == .digitized ? nil : s.data.labels))
        return marks
    }

    /// The input files behind fit outcomes: a digitized source's file, or the runs' files.
    static func inputs(_ outcomes: [FitOutcome], _ context: BuildContext) -> [InputFile] {
        var files: [InputFile] = []
        for outcome in outcomes {
            let s = outcome.selection
            if s.source == .digitized {
                if let source = context.digitized.first(where: { $0.id == s.sourceID }) { files.append(source.file) }
                if let manifest = context.digitizedManifest { files.append(manifest) }
            } else {
                files += context.runs.filter { s.data.labels.contains($0.name) }.flatMap(\.provenance)
            }
        }
        return unique(files)
    }

    static func unique(_ files: [InputFile]) -> [InputFile] {
        var seen = Set<String>()
        return files.filter { seen.insert($0.path).inserted }.sorted { $0.path < $1.path }
    }

    /// The comparison of claim C1 (target loss, context, candidate, baseline), if declared.
    static func equalLossComparison(_ context: BuildContext) -> EqualLossComparison? {
        context.claims.lazy.compactMap { claim in
            claim.declaration.computation.name == ReductionAtEqualLoss.name ? try? EqualLossComparison(claim.declaration.computation) : nil
        }.first
    }
}
