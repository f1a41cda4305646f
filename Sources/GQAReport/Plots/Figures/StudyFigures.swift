import Foundation

/// The claims at a glance and the seven figures of the study, each built from the build's tables (fits, costs,
/// digitized points, runs, claims), never from numbers written here.
public enum StudyFigures {
    public static func all(_ context: BuildContext) -> [Figure] {
        [
            ClaimsForestFigure.figure(context),
            lossAgainstCost(context),
            headlineComparison(context),
            lossAgainstHeads(context),
            lossAgainstSize(context),
            trainingCurves(context),
            costShares(context),
            optimalMap(context),
        ]
    }

    private static let noData = Mark.text(x: 0.5, y: 0.5, string: "no data", color: Palette.gray)

    private static func placeholder(_ title: String, x: String, y: String) -> Axes {
        Axes(title: title, x: Axis(x, limits: 0...1), y: Axis(y, limits: 0...1), marks: [noData])
    }

    // MARK: 1. Loss against memory, FLOPs and Z at 128K (the paper's Figure 2)

    static func lossAgainstCost(_ context: BuildContext) -> Figure {
        let palette = context.palette
        // One row of three panels a vocabulary (the paper's first): losses of different
        // vocabularies share no axis. Example runs are not costed at the study's context.
        let costed = context.curveFits.filter { $0.selection.context == FitStep.costContext && $0.selection.source != .exampleRuns }
        let vocabularies = Set(costed.map { LossUnits.vocabulary(of: $0.selection, context) ?? 0 }).union([LossUnits.paperVocabulary])
            .sorted { ($0 != LossUnits.paperVocabulary ? 1 : 0, $0) < ($1 != LossUnits.paperVocabulary ? 1 : 0, $1) }
        var panels: [Axes] = []
        for vocabulary in vocabularies {
            let row = costed.filter { (LossUnits.vocabulary(of: $0.selection, context) ?? 0) == vocabulary }
            guard !row.isEmpty || vocabulary == LossUnits.paperVocabulary else { continue }
            let suffix = vocabularies.count > 1 && vocabulary != LossUnits.paperVocabulary ? ", runs of vocabulary \(vocabulary == 0 ? "unknown" : LossUnits.grouped(vocabulary))" : ""
            // Memory is fitted in bytes and drawn in GiB, the one memory unit of the site.
            var rowPanels = [("memory bytes", "Memory (GiB)", 1 / CostConvention.bytesPerGiB), ("FLOPs", "FLOPs of one pass over T", 1), ("Z", "Hardware-aware cost Z", 1)].map { name, axis, factor in
                let outcomes = row.filter { $0.selection.xName == name }
                let marks = FigureData.scalingX(outcomes.flatMap { FigureData.marks($0, palette: palette) }, by: factor)
                let loss = LossUnits.label(vocabulary: vocabulary == 0 ? nil : vocabulary)
                return marks.isEmpty ? placeholder(axis + " at 128K", x: axis, y: loss)
                    : Axes(title: axis + " at T = 128K" + suffix, x: Axis(axis, scale: .log), y: Axis(loss), marks: marks,
                           extraLegend: FigureData.sourceKey(outcomes))
            }
            // One legend for the row's three panels (same colours), beside the last one.
            for index in rowPanels.indices { rowPanels[index].showsLegend = index == rowPanels.count - 1 }
            rowPanels[rowPanels.count - 1].legendOutside = true
            panels += rowPanels
        }
        let used = context.curveFits.filter { $0.selection.context == FitStep.costContext && $0.selection.source != .exampleRuns }
        // The caption names only the sources drawn: filled markers only where runs are.
        let fromRuns = used.contains { $0.selection.source == .runs }, fromFigure = used.contains { $0.selection.source == .digitized }
        let named = [fromRuns ? "from runs (filled markers)" : nil, fromFigure ? "from the paper's Figure 2 (digitized, hollow markers)" : nil]
            .compactMap { $0 }.joined(separator: " and ")
        let lossSources = (named.isEmpty ? "none are drawn: no curve has data at this context" : named)
            + (vocabularies.count > 1 ? "; runs of another vocabulary than the paper's get a row of their own" : "")
        var figure = Figure(
            name: "loss-vs-cost-128k", title: leastMemoryFinding(costed.filter { (LossUnits.vocabulary(of: $0.selection, context) ?? 0) == LossUnits.paperVocabulary })
                ?? "Loss against inference memory, FLOPs and Z at T = 128K",
            caption: "Loss against inference memory (GiB, BF16), FLOPs and the hardware-aware cost Z at a 128K context, one colour and marker per head configuration H = (n_h, n_kv), with power-plus-constant fits, dashed beyond the largest point each was fitted on. Costs come from the cost model for each point's shape; losses " + lossSources + ". The title's memories are point values read off the fitted curves inside their data; the fits' parameters carry their 95% intervals on this page.",
            panels: panels, columns: 3)
        figure.legendColumnWidth = 190
        figure.inputs = FigureData.inputs(used, context)
        figure.fitIDs = used.filter { $0.fit != nil }.map(\.selection.id)
        return figure
    }

    /// The finding the memory panel shows, in words: at the lowest loss every fitted curve
    /// reaches within its own data, which configuration needs the least memory (each curve read
    /// inside its data, never extrapolated). nil where fewer than two curves share such a loss.
    static func leastMemoryFinding(_ outcomes: [FitOutcome]) -> String? {
        let curves = outcomes.filter { $0.selection.xName == "memory bytes" }.compactMap { outcome -> (String, Fit)? in
            guard let fit = outcome.fit, let heads = outcome.selection.heads, fit.data.x.count >= 2 else { return nil }
            return ("H = \(heads)", fit)
        }
        guard curves.count >= 2 else { return nil }
        // The lowest loss every curve's fit reaches between its smallest and largest x.
        let span = { (fit: Fit) -> ClosedRange<Double> in
            let ends = [fit.predict(x: fit.data.x.min()!), fit.predict(x: fit.data.x.max()!)]
            return ends.min()!...ends.max()!
        }
        let loss = curves.map { span($0.1).lowerBound }.max()!
        guard curves.allSatisfy({ span($0.1).contains(loss) }) else { return nil }
        // Memory at that loss, by bisection on log x (the fits fall with x).
        func memory(_ fit: Fit) -> Double {
            var low = log(fit.data.x.min()!), high = log(fit.data.x.max()!)
            for _ in 0..<80 {
                let middle = (low + high) / 2
                if fit.predict(x: exp(middle)) > loss { low = middle } else { high = middle }
            }
            return exp((low + high) / 2)
        }
        let ranked = curves.map { ($0.0, memory($0.1)) }.sorted { $0.1 < $1.1 }
        let (best, bytes) = ranked[0], runnerUp = ranked[1]
        return "At T = 128K and loss \(String(format: "%.3f", loss)), \(best) needs the least memory: \(String(format: "%.2f", bytes / CostConvention.bytesPerGiB)) GiB, against \(String(format: "%.2f", runnerUp.1 / CostConvention.bytesPerGiB)) for \(runnerUp.0), next"
    }

    // MARK: 2. The headline comparison (the paper's Figure 1)

    static func headlineComparison(_ context: BuildContext) -> Figure {
        let title = "Llama-3 GQA against the cost-optimal configuration at equal loss"
        guard let comparison = FigureData.equalLossComparison(context),
              case let .success(resolved) = comparison.resolve(ClaimInputs(fits: context.curveFits, digitized: context.digitized, runs: context.runs, options: context.options), source: context.curveSource)
        else {
            return Figure(name: "headline-comparison", title: title, caption: "The data for the headline comparison (claim C1) is missing.",
                          panels: [placeholder("Memory", x: "", y: "GiB")])
        }
        let t = comparison.context
        let gib = 2.0 / CostConvention.bytesPerGiB
        let candidate = resolved.shape.cost(context: t, convention: .perToken())
        let baseline = InferenceCost(comparison.baseline, parameters: resolved.baselineN, context: t, convention: .perToken())
        let names = ["Llama-3 GQA \(comparison.baseline.heads)", "\(resolved.curve.label) at N*"]
        func change(_ a: Double, _ b: Double) -> String { String(format: "%+.1f%%", 100 * (a / b - 1)) }
        let memory = Axes(
            title: "Inference memory at T = \(IndexPage.contextLabel(t))", x: Axis(""), y: Axis("GiB (BF16)"),
            marks: [
                .stackedBars(categories: names, layers: [
                    ("weights (time-invariant)", [baseline.memoryInvariant * gib, candidate.memoryInvariant * gib], Palette.timeInvariant),
                    ("KV cache (time-variant)", [baseline.memoryVariant * gib, candidate.memoryVariant * gib], Palette.timeVariant),
                ]),
                .text(x: 1, y: candidate.memory * gib * 1.06 + 0.15, string: change(candidate.memory, baseline.memory), color: Palette.black),
            ])
        let flops = Axes(
            title: "Inference FLOPs per token at T = \(IndexPage.contextLabel(t))", x: Axis(""), y: Axis("GFLOPs per token"),
            marks: [
                .stackedBars(categories: names, layers: [
                    ("2N (time-invariant)", [baseline.flopsInvariant / 1e9, candidate.flopsInvariant / 1e9], Palette.timeInvariant),
                    ("attention (time-variant)", [baseline.flopsVariant / 1e9, candidate.flopsVariant / 1e9], Palette.timeVariant),
                ]),
                .text(x: 1, y: candidate.flops / 1e9 * 1.06 + 0.4, string: change(candidate.flops, baseline.flops), color: Palette.black),
            ])
        // Loss against memory and FLOPs for the two families of Figure 1 (digitized losses,
        // costs from the cost model in Figure 1's convention), with the target-loss line.
        var memoryMarks: [Mark] = [], flopsMarks: [Mark] = []
        if let figure1 = context.digitized.first(where: { $0.id == "figure-1" }) {
            for series in figure1.series {
                let points = figure1.points(in: series).filter { $0.model != nil }
                guard let first = points.first else { continue }
                let isLlama = Set(points.map(\.heads)).count > 1
                let color = isLlama ? Palette.llama : context.palette.color(for: first.heads)
                let costs = points.map { InferenceCost($0.model!, parameters: ParameterConvention.paperFormula.count($0.model!), context: t, convention: .figure1Scatter()) }
                memoryMarks.append(.line(xs: costs.map(\.memory), ys: points.map(\.loss), color: color, dashed: false, label: nil))
                memoryMarks.append(.points(xs: costs.map(\.memory), ys: points.map(\.loss), color: color, shape: MarkerShape.circle.hollow, label: series + " (digitized)"))
                flopsMarks.append(.line(xs: costs.map(\.flops), ys: points.map(\.loss), color: color, dashed: false, label: nil))
                flopsMarks.append(.points(xs: costs.map(\.flops), ys: points.map(\.loss), color: color, shape: MarkerShape.circle.hollow, label: series + " (digitized)"))
            }
        }
        let star = resolved.shape.cost(context: t, convention: .figure1Scatter())
        let starColor = context.palette.color(for: HeadConfiguration(queryHeads: Int(resolved.shape.queryHeads), kvHeads: Int(resolved.shape.kvHeads)))
        let target = Mark.reference(horizontal: true, value: comparison.targetLoss, color: Palette.gray, label: "target loss \(NumberFormat.real(comparison.targetLoss))")
        let starLabel = "N* from the fit of " + resolved.curve.provenance
        memoryMarks += [.points(xs: [star.memory], ys: [comparison.targetLoss], color: starColor, shape: .diamond, label: starLabel), target]
        flopsMarks += [.points(xs: [star.flops], ys: [comparison.targetLoss], color: starColor, shape: .diamond, label: starLabel), target]
        // The title says what the bars show, whichever way it came out.
        func relation(_ a: Double, _ b: Double, less: String, more: String) -> String {
            String(format: "%.0f%% %@", abs(100 * (1 - a / b)), a <= b ? less : more)
        }
        let finding = "At T = \(IndexPage.contextLabel(t)), \(resolved.curve.label) reaches loss \(NumberFormat.real(comparison.targetLoss)) with "
            + relation(candidate.memory, baseline.memory, less: "less", more: "more") + " memory and "
            + relation(candidate.flops, baseline.flops, less: "fewer", more: "more") + " FLOPs per token than Llama-3 GQA \(comparison.baseline.heads)"
        var figure = Figure(
            name: "headline-comparison", title: finding,
            caption: "Time-invariant and time-variant inference memory and FLOPs of the Llama-3.2-1B shape, H = (32, 8), and of \(resolved.curve.label) at the size N* its fitted curve (\(resolved.curve.provenance)) needs to reach loss \(NumberFormat.real(comparison.targetLoss)), with the change printed; and loss against memory (GiB) and FLOPs (summed causally over the context) for the two families of the paper's Figure 1. The title's and the bars' percentages are point values of that fitted curve at N*; claims C1 and C2 give the savings with their 95% intervals.",
            panels: [memory, flops,
                     Axes(title: "Loss against memory (Figure 1's units)", x: Axis("Memory (GiB)", scale: .log), y: Axis("Loss"), marks: memoryMarks),
                     Axes(title: "Loss against FLOPs (causal sum over T)", x: Axis("FLOPs", scale: .log), y: Axis("Loss"), marks: flopsMarks)],
            columns: 2)
        figure.panelHeight = 290
        let used = context.curveFits.filter { outcome in
            let s = outcome.selection
            guard s.law == .sizeLaw else { return false }
            return context.curveSource == .runs ? s.source == .runs && s.heads.map { "H=(\($0.queryHeads),\($0.kvHeads))" } == resolved.curve.label
                : s.source == .digitized && s.series == resolved.curve.label
        }
        figure.inputs = FigureData.unique(FigureData.inputs(used, context) + context.digitized.filter { $0.id == "figure-1" }.map(\.file)
                                          + [context.claimsFile].compactMap { $0 })
        figure.fitIDs = used.map(\.selection.id)
        return figure
    }

    // MARK: 3. Loss against the number of heads

    static func lossAgainstHeads(_ context: BuildContext) -> Figure {
        let outcomes = context.curveFits.filter { $0.selection.xName == "n_h" }
        // Losses of different vocabularies (a byte-level example model, the paper's GPT-2
        // tokenizer) are not comparable: one panel a vocabulary, examples apart, each y label
        // saying what the loss is. The paper's published fits use its vocabulary.
        let paperUnit = LossAxis(examples: false, vocabulary: LossUnits.paperVocabulary)
        let byUnit = Dictionary(grouping: outcomes) { LossAxis($0.selection, context) }
        let published = context.claims.first { $0.declaration.computation.name == HeadsCurvesCrossing.name }?.declaration.computation.items
            .filter { $0.element == "curve" } ?? []
        let units = Set(byUnit.keys).union(published.isEmpty ? [] : [paperUnit]).sorted()
        let heads = FigureData.logSpace(1, 128)
        // C3 is about where the published fits cross (near n_h = 8K): the paper's panel reaches
        // past that crossing and marks it, rather than stop at 128 heads.
        let crossing = context.claims.first { $0.declaration.computation.name == HeadsCurvesCrossing.name }?.computed.value
            .map { pow(2, $0) }.flatMap { $0.isFinite && $0 > 128 && $0 < 1e7 ? $0 : nil }
        let paperHeads = crossing.map { FigureData.logSpace(1, pow(2, ceil(log2($0)) + 1)) } ?? heads
        let panels = units.map { unit -> Axes in
            // One colour and marker a curve (a model shape and n_kv), in the panel.
            var marks = (byUnit[unit] ?? []).enumerated().flatMap { index, outcome in
                FigureData.marks(outcome, palette: context.palette, color: Palette.color(index: index),
                                 shape: MarkerShape(outline: Palette.outlines[index % Palette.outlines.count]), band: true)
            }
            if unit == paperUnit {
                let offset = byUnit[unit]?.count ?? 0
                for (index, item) in published.enumerated() {
                    let value = { (key: String) in item.attributes.first { $0.name == key }.flatMap { Double($0.value) } }
                    guard let a = value("a"), let b = value("b"), let c = value("c") else { continue }
                    let label = item.attributes.first { $0.name == "label" }?.value ?? "?"
                    marks.append(.line(xs: paperHeads, ys: paperHeads.map { a * pow($0, b) + c }, color: Palette.color(index: offset + index + 3), dashed: true,
                                       label: "\(label): published fit (App. I, 1K context)"))
                }
                if let crossing, !published.isEmpty {
                    marks.append(.reference(horizontal: false, value: crossing, color: .axis,
                                            label: "C3: the published fits cross at n_h ≈ \(NumberFormat.compact(crossing))"))
                }
            }
            let title = unit.examples ? "Example runs (tiny, not the study's scale)" : unit == paperUnit ? "The paper's vocabulary" : "Runs"
            return Axes(title: title, x: Axis("Query heads n_h", scale: .log), y: Axis(LossUnits.label(vocabulary: unit.vocabulary)), marks: marks)
        }
        var figure = Figure(
            name: "loss-vs-heads", title: crossing.map { "Loss against query heads: the paper's published fits cross near n_h = \(NumberFormat.compact($0)) (claim C3), far past 128" }
                ?? "Loss against the number of query heads",
            caption: "Loss against the number of query heads with power-plus-constant fits (dashed beyond the data) and their 95% bootstrap bands where runs vary n_h at a fixed model shape, one colour and marker a shape; dashed: the paper's published fits of Appendix I, whose points were not published. Losses of different vocabularies, and example runs, have panels of their own.",
            panels: panels.isEmpty ? [placeholder("Loss against n_h", x: "Query heads n_h", y: "Loss")] : panels, columns: min(max(panels.count, 1), 2))
        figure.panelWidth = panels.count > 1 ? 460 : 620
        figure.panelHeight = 360
        figure.inputs = FigureData.unique(FigureData.inputs(outcomes, context) + [context.claimsFile].compactMap { $0 })
        figure.fitIDs = outcomes.filter { $0.fit != nil }.map(\.selection.id)
        return figure
    }

    // MARK: 4. Loss against model size

    static func lossAgainstSize(_ context: BuildContext) -> Figure {
        let palette = context.palette
        let outcomes = context.curveFits.filter { $0.selection.law == .sizeLaw }
        // Digitized series first (the paper's vocabulary), then runs, one panel a vocabulary,
        // example runs apart: losses of different vocabularies share no axis.
        var sources: [(title: String, vocabulary: Int?, belongs: (FitOutcome) -> Bool)] = [
            ("Figure 2 (digitized)", LossUnits.paperVocabulary, { $0.selection.sourceID == "figure-2" }),
            ("Figure 1 (digitized)", LossUnits.paperVocabulary, { $0.selection.sourceID == "figure-1" }),
        ]
        let runOutcomes = outcomes.filter { $0.selection.source != .digitized }
        let runUnits = Set(runOutcomes.map { LossAxis($0.selection, context) })
        for unit in runUnits.sorted() {
            let title = unit.examples ? "Example runs (tiny, not the study's scale)" : runUnits.filter({ !$0.examples }).count > 1 ? "Runs, vocabulary \(unit.vocabulary.map(LossUnits.grouped) ?? "unknown")" : "Runs"
            sources.append((title, unit.vocabulary, { outcome in
                LossAxis(outcome.selection, context) == unit && outcome.selection.source != .digitized
            }))
        }
        let panels = sources.compactMap { title, vocabulary, belongs -> Axes? in
            let chosen = outcomes.filter(belongs)
            let marks = chosen.flatMap { FigureData.marks($0, palette: palette) }
            return marks.isEmpty ? nil : Axes(title: title, x: Axis("Non-embedding parameters N", scale: .log),
                                              y: Axis(LossUnits.label(vocabulary: vocabulary)), marks: marks)
        }
        var figure = Figure(
            name: "loss-vs-size", title: "Loss against model size, L(N; H) = (a/N)^b + E",
            caption: "Loss against non-embedding parameters for each head configuration, with size-law fits (dashed beyond the largest size each was fitted on: an extrapolation): the digitized series of the paper's Figures 2 and 1, and the runs under Results/runs (examples marked).",
            panels: panels.isEmpty ? [placeholder("L(N; H)", x: "N", y: "Loss")] : panels)
        figure.inputs = FigureData.inputs(outcomes, context)
        figure.fitIDs = outcomes.filter { $0.fit != nil }.map(\.selection.id)
        return figure
    }

    /// Points whose losses share an axis: one vocabulary, example runs apart.
    private struct LossAxis: Hashable, Comparable {
        var examples: Bool, vocabulary: Int?

        init(examples: Bool, vocabulary: Int?) {
            self.examples = examples
            self.vocabulary = vocabulary
        }

        init(_ selection: FitSelection, _ context: BuildContext) {
            self.init(examples: selection.source == .exampleRuns, vocabulary: LossUnits.vocabulary(of: selection, context))
        }

        static func < (a: Self, b: Self) -> Bool { (a.examples ? 1 : 0, a.vocabulary ?? 0) < (b.examples ? 1 : 0, b.vocabulary ?? 0) }
    }

    // MARK: 5. Training curves (TrainingCurvesFigure)

    static func trainingCurves(_ context: BuildContext) -> Figure {
        TrainingCurvesFigure.make(context)
    }

    // MARK: 6. Where memory and FLOPs go as the context grows

    static func costShares(_ context: BuildContext) -> Figure {
        let configurations: [(String, ModelConfig)] = [
            ("MHA, L16 d2048, H = (32, 32)", ModelConfig(layers: 16, hiddenSize: 2048, queryHeads: 32, kvHeads: 32)),
            ("Llama-3.2-1B shape, H = (32, 8)", ModelConfig(layers: 16, hiddenSize: 2048, queryHeads: 32, kvHeads: 8)),
            ("L20 d2560, H = (8, 1)", ModelConfig(layers: 20, hiddenSize: 2560, queryHeads: 8, kvHeads: 1)),
            ("L20 d2560, H = (1, 1)", ModelConfig(layers: 20, hiddenSize: 2560, queryHeads: 1, kvHeads: 1)),
        ]
        let contexts = (0...40).map { pow(2, 10 + Double($0) / 4) }  // 1K … 1M
        let palette = context.palette
        func panel(_ title: String, _ y: String, _ share: (InferenceCost) -> Double) -> Axes {
            Axes(title: title, x: Axis("Context length T (tokens)", scale: .log), y: Axis(y, limits: 0...100),
                 marks: configurations.map { label, config in
                     let n = context.options.parameterConvention.count(config)
                     return .line(xs: contexts, ys: contexts.map { share(InferenceCost(config, parameters: n, context: Int($0), convention: .perToken())) * 100 },
                                  color: palette.color(for: config.heads), dashed: false, label: label)
                 })
        }
        // The two panels share their legend: once, beside the second.
        var memory = panel("KV cache share of memory", "% of memory", { $0.variantMemoryShare })
        memory.showsLegend = false
        var flops = panel("Attention share of FLOPs", "% of FLOPs per token", { $0.variantFlopsShare })
        flops.legendOutside = true
        var figure = Figure(
            name: "cost-shares", title: "Share of inference cost that grows with the context",
            caption: "The share of inference memory taken by the KV cache and the share of FLOPs per token taken by attention over the context, from 1K to 1M tokens, for four configurations (cost model, per-token convention).",
            panels: [memory, flops])
        figure.legendColumnWidth = 240
        return figure
    }

    // MARK: 7. The cost-optimal head configuration over context and target loss

    static func optimalMap(_ context: BuildContext) -> Figure {
        let recommendation = { (t: Int, loss: Double) in
            Recommendation.make(fits: context.curveFits, search: CostOptimalSearch(context: t, targetLoss: loss, objective: .z,
                                                                              hardwareCost: context.options.hardwareCost),
                                source: context.recommendationSource, intervals: false)
        }
        let palette = context.palette
        let exponents = Array(10...20)
        let losses = stride(from: 2.35, through: 3.0001, by: 0.05).map { ($0 * 100).rounded() / 100 }
        let xEdges = (0...exponents.count).map { pow(2, Double(exponents[0]) - 0.5 + Double($0)) }
        let yEdges = (0...losses.count).map { losses[0] - 0.025 + 0.05 * Double($0) }
        var used: [HeadConfiguration] = []
        var source = ""
        let unreachable = Color(hex: 0xEEEEEE)
        // A winner whose N* lies beyond its curve's fitted sizes is drawn lighter: the law is
        // extrapolated there.
        let extrapolatedAlpha = 0.4
        var anyExtrapolated = false
        let colors: [[Color?]] = losses.map { loss in
            exponents.map { e in
                let r = recommendation(1 << e, loss)
                source = r.curveSource
                guard let winner = r.winner, case let .fixed(heads) = r.candidates[winner].curve.family else { return nil }
                if !used.contains(heads) { used.append(heads) }
                let candidate = r.candidates[winner]
                let extrapolated = candidate.shape.flatMap { candidate.curve.extrapolation(at: $0.parameters) } != nil
                anyExtrapolated = anyExtrapolated || extrapolated
                return extrapolated ? palette.color(for: heads).with(alpha: extrapolatedAlpha) : palette.color(for: heads)
            }
        }
        let legend = used.sorted().map { LegendEntry(label: "H = \($0)", color: palette.color(for: $0), shape: .square, isLine: false) }
            + (anyExtrapolated ? [LegendEntry(label: "lighter: N* beyond its curve's fitted sizes", color: Color.axis.with(alpha: extrapolatedAlpha), shape: .square, isLine: false)] : [])
            + [LegendEntry(label: "no candidate reaches the loss", color: unreachable, shape: .square, isLine: false)]
        // The paper's operating point: 128K and the headline comparison's loss.
        let paperPoint = FigureData.equalLossComparison(context).map { comparison -> Mark in
            .points(xs: [Double(comparison.context)], ys: [comparison.targetLoss], color: .black, shape: .diamond,
                    label: "the paper's operating point (\(IndexPage.contextLabel(comparison.context)), loss \(NumberFormat.prose(comparison.targetLoss)))")
        }
        var figure = Figure(
            name: "optimal-map", title: "Cost-optimal head configuration (minimum Z) by context length and target loss",
            caption: "For each context length (1K to 1M) and target loss, the head configuration whose fitted L(N; H) reaches the loss at the lowest Z (λ = 0.9), among the curves of \(source.isEmpty ? "this data" : source); lighter where that winner's N* lies beyond the sizes its curve was fitted on (an extrapolation), light grey where none reaches the loss; the diamond marks the paper's operating point. Only the configurations the data covers can win.",
            panels: [Axes(title: "Winner of the three-step search", x: Axis("Context length T (tokens)", scale: .log, limits: xEdges.first!...xEdges.last!),
                          y: Axis("Target loss", limits: yEdges.first!...yEdges.last!),
                          marks: [.cells(xEdges: xEdges, yEdges: yEdges, colors: colors)] + (paperPoint.map { [$0] } ?? []), extraLegend: legend, legendOutside: true)])
        figure.panelWidth = 760
        figure.panelHeight = 380
        let curves = context.curveFits.filter { $0.selection.law == .sizeLaw && $0.fit != nil }
        figure.inputs = FigureData.inputs(curves, context)
        figure.fitIDs = curves.map(\.selection.id)
        return figure
    }
}
