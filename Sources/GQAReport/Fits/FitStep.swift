import Foundation

/// Refits every curve of the study the data supports (spec §2): loss against n_h per model
/// shape and n_kv, L(N; H) per head configuration, and loss against memory, FLOPs and Z at
/// 128K per head configuration.
public struct FitStep: BuildStep {
    public var options: FitOptions
    /// The context length of the loss-against-cost fits (the paper's Figure 2: 128K).
    public static let costContext = 131_072

    public init(options: FitOptions = FitOptions()) {
        self.options = options
    }

    public var name: String { "fit scaling curves" }

    public func run(_ context: inout BuildContext) throws {
        context.fitOptions = options
        let selections = Self.selections(runs: context.runs, costs: context.costs, sweeps: context.sweeps, options: context.options)
            + Self.selections(digitized: context.digitized, options: context.options)
        // Fits are independent: make them on every core, then keep them in selection order.
        // Each bootstrap has its own seeded generator, so the result does not depend on timing.
        let options = self.options, cache = context.cache
        context.fits = try parallelMap(selections) { Self.fit($0, options: options, cache: cache) }
        // A user's own curves get one warning each; the shipped example runs' fold into one
        // line, so a first build does not read as broken (each is on the fits page, and -v).
        var exampleProblems = 0
        for outcome in context.fits {
            let message: String
            switch outcome.status {
            case let .undetermined(reason): message = "fit \(outcome.selection.id): not determined by its points: \(reason)"
            case let .floorUndetermined(_, reason): message = "fit \(outcome.selection.id): \(reason)"
            case .fitted, .insufficient: continue
            }
            if outcome.selection.source == .exampleRuns {
                exampleProblems += 1
                context.diagnostics.detail(message)
            } else {
                context.diagnostics.warn(message)
            }
        }
        if exampleProblems > 0 {
            let total = context.fits.filter { $0.selection.source == .exampleRuns }.count
            context.diagnostics.warn("\(exampleProblems) of \(total) curves of the example runs are not determined by their points: site/fits.html says why (-v lists each)")
        }
    }

    static func fit(_ selection: FitSelection, options: FitOptions, cache: BuildCache? = nil) -> FitOutcome {
        let distinct = Set(selection.data.x).count
        let needed = selection.law.law.parameterNames.count
        guard distinct >= needed else {
            return FitOutcome(selection: selection, status: .insufficient(
                "\(distinct) distinct \(selection.xName) value(s); the law has \(needed) parameters and needs at least \(needed)"))
        }
        // A fit depends only on its law, its points and the fit options: those are its key.
        let key = cache.map { _ in BuildCache.key(["fit", selection.law.rawValue, Self.describe(options, selection.law), Self.describe(selection.data)]) }
        if let cache, let key, let cached = cache.load(CachedFit.self, kind: "fits", key: key) {
            return FitOutcome(selection: selection, status: cached.fit.map { .fitted($0) } ?? .init(cached.failure ?? FitFailure("")),
                              holdout: cached.holdout)
        }
        let status: FitOutcome.Status
        do {
            status = .fitted(try CurveFitter.fit(selection.law, selection.data, options: options))
        } catch let failure as FitFailure {
            status = .init(failure)
        } catch {
            status = .undetermined("\(error)")
        }
        // The hold-out depends on the same points and options, so it is cached with the fit.
        let holdout = Self.holdout(selection, options: options)
        if let cache, let key {
            switch status {
            case let .fitted(fit): cache.store(CachedFit(fit: fit, failure: nil, holdout: holdout), kind: "fits", key: key)
            case let .undetermined(reason): cache.store(CachedFit(fit: nil, failure: FitFailure(reason), holdout: holdout), kind: "fits", key: key)
            case let .floorUndetermined(slope, reason):
                cache.store(CachedFit(fit: nil, failure: FitFailure(reason, kind: .floorUndetermined(slopePerDoubling: slope)), holdout: holdout),
                            kind: "fits", key: key)
            case .insufficient: break
            }
        }
        return FitOutcome(selection: selection, status: status, holdout: holdout)
    }

    /// The size laws' leave-the-largest-out check, where a curve has 4 or more sizes (3 remain
    /// for the law's 3 parameters). Its band comes from 200 refits, not the fits' 500: it is
    /// shown beside the error, not read by any claim, and a build makes one a size law.
    static func holdout(_ selection: FitSelection, options: FitOptions) -> HoldoutCheck? {
        guard selection.law == .sizeLaw, Set(selection.data.x).count >= 4 else { return nil }
        var options = options
        options.bootstrapSamples = min(options.bootstrapSamples, 200)
        return try? HoldoutCheck.run(.sizeLaw, selection.data, largest: 1, options: options)
    }

    private struct CachedFit: Codable {
        var fit: Fit?
        var failure: FitFailure?
        var holdout: HoldoutCheck?
    }

    /// Exact text of the numbers a fit is made from (bit patterns, so no rounding can make
    /// two different inputs share a key).
    private static func describe(_ data: FitData) -> String {
        func bits(_ values: [Double]) -> String { values.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }
        return [bits(data.x), data.x2.map(bits) ?? "-", bits(data.y), data.labels.joined(separator: "\u{1F}")].joined(separator: "|")
    }

    private static func describe(_ options: FitOptions, _ law: LawKind) -> String {
        var parts = ["\(options.bootstrapSamples)", "\(options.seed)"]
        if law.isChinchilla {
            parts.append("\(options.chinchillaBootstrapSamples) \(options.chinchillaDescents) \(options.chinchillaLoss)")
            parts.append(options.chinchillaGrid.points.map { $0.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }.joined(separator: ";"))
        }
        return parts.joined(separator: "|")
    }

    /// The curves the runs support, in a fixed order: each sweep's runs fitted together, never
    /// with another's (`Sweep`); runs outside every sweep are fitted in none.
    static func selections(runs: [Run], costs: [RunCosts], sweeps: [Sweep], options: BuildOptions) -> [FitSelection] {
        let rows = zip(runs, costs).map { (run: $0, cost: $1) }
        var selections: [FitSelection] = []
        for sweep in sweeps {
            let source = sweep.isExample ? DataSource.exampleRuns : .runs
            let members = Set(sweep.runs)
            let mine = rows.filter { members.contains($0.run.name) }
            guard !mine.isEmpty else { continue }
            // Where a source has several sweeps, each curve says whose it is.
            let named = sweeps.filter { $0.isExample == sweep.isExample }.count > 1 ? sweep.name : nil
            let start = selections.count
            defer {
                for index in selections.indices.dropFirst(start) {
                    selections[index].sweep = sweep.name
                    if let named {
                        selections[index].summary += " (sweep \(named))"
                        selections[index].sweepInID = true
                    }
                }
            }

            // Loss against n_h, per model shape and n_kv.
            let byShape = Dictionary(grouping: mine) { ShapeKey(layers: $0.run.model.layers, hidden: $0.run.model.hiddenSize, kv: $0.run.model.kvHeads) }
            for key in byShape.keys.sorted() {
                let group = byShape[key]!.sorted { $0.run.model.queryHeads < $1.run.model.queryHeads }
                guard Set(group.map { $0.run.model.queryHeads }).count > 1 else { continue }
                selections.append(FitSelection(
                    law: .powerPlusConstant, source: source,
                    summary: "loss against n_h for L = \(key.layers), d = \(key.hidden), n_kv = \(key.kv)",
                    xName: "n_h", yName: "final loss", heads: nil, series: nil, sourceID: nil,
                    shape: (key.layers, key.hidden), context: nil,
                    data: FitData(x: group.map { Double($0.run.model.queryHeads) }, y: group.map { $0.run.finalLoss.value },
                                  labels: group.map { $0.run.name }), kvHeads: key.kv))
            }

            // The Llama-3 GQA family (n_h = d/64, n_kv = 8, Figure 1's baseline) across sizes:
            // its head configuration changes with d, so it is a curve of its own.
            let llama3 = mine.filter { $0.run.model.queryHeads * 64 == $0.run.model.hiddenSize && $0.run.model.kvHeads == 8 }
                .sorted { $0.cost.n < $1.cost.n }
            if Set(llama3.map(\.run.model.hiddenSize)).count > 1 {
                selections.append(FitSelection(
                    law: .sizeLaw, source: source, summary: "loss against N for the Llama-3 GQA family (n_h = d/64, n_kv = 8)",
                    xName: "N", yName: "final loss", heads: nil, series: CurveReference.llama3Series, sourceID: nil, shape: nil,
                    context: nil, data: FitData(x: llama3.map(\.cost.n), y: llama3.map(\.run.finalLoss.value), labels: llama3.map(\.run.name))))
            }

            // L(N; H) and loss against costs at 128K, per head configuration.
            let byHeads = Dictionary(grouping: mine) { $0.run.model.heads }
            for heads in byHeads.keys.sorted() {
                let group = byHeads[heads]!.sorted { $0.cost.n < $1.cost.n }
                let labels = group.map { $0.run.name }
                let losses = group.map { $0.run.finalLoss.value }
                selections.append(FitSelection(
                    law: .sizeLaw, source: source, summary: "loss against N for H = \(heads)", xName: "N",
                    yName: "final loss", heads: heads, series: nil, sourceID: nil, shape: nil, context: nil,
                    data: FitData(x: group.map { $0.cost.n }, y: losses, labels: labels)))
                let atContext = group.map { row in row.cost.contexts.first { $0.context == costContext } }
                guard atContext.allSatisfy({ $0 != nil }) else { continue }
                let figure2 = CostConvention.figure2(bytesPerValue: options.bytesPerValue).id
                let costs = atContext.map { row in row!.byConvention.first { $0.convention.id == figure2 }!.cost }
                for (name, values) in [("memory bytes", costs.map(\.memory)), ("FLOPs", costs.map(\.flops)), ("Z", atContext.map { $0!.z })] {
                    selections.append(FitSelection(
                        law: .powerPlusConstant, source: source,
                        summary: "loss against \(name) at T = 128K for H = \(heads)", xName: name, yName: "final loss",
                        heads: heads, series: nil, sourceID: nil, shape: nil, context: costContext,
                        data: FitData(x: values, y: losses, labels: labels)))
                }
            }
        }
        return selections
    }

    /// Size-law fits of every digitized series with a ladder, and, for figures whose axes are
    /// costs, loss against the costs the cost model gives the inferred shapes at 128K.
    static func selections(digitized sources: [DigitizedSource], options: BuildOptions) -> [FitSelection] {
        var selections: [FitSelection] = []
        for source in sources {
            for series in source.series {
                let points = source.points(in: series).filter { $0.model != nil }
                guard !points.isEmpty else { continue }
                let models = points.map { $0.model! }
                let n = models.map { options.parameterConvention.count($0) }
                let losses = points.map(\.loss)
                let labels = points.map { "\(series) L=\($0.model!.layers)" }
                let heads = Set(points.map(\.heads)).count == 1 ? points[0].heads : nil
                selections.append(FitSelection(
                    law: .sizeLaw, source: .digitized, summary: "loss against N for \(series) (\(source.id), digitized)",
                    xName: "N", yName: "loss", heads: heads, series: series, sourceID: source.id, shape: nil, context: nil,
                    data: FitData(x: n, y: losses, labels: labels)))
                guard source.costConvention == "figure-2" else { continue }
                let costs = zip(models, n).map { InferenceCost($0, parameters: $1, context: costContext, convention: options.zConvention) }
                for (name, values) in [("memory bytes", costs.map(\.memory)), ("FLOPs", costs.map(\.flops)), ("Z", costs.map(options.hardwareCost.z))] {
                    selections.append(FitSelection(
                        law: .powerPlusConstant, source: .digitized,
                        summary: "loss against \(name) at T = 128K for \(series) (\(source.id), digitized)",
                        xName: name, yName: "loss", heads: heads, series: series, sourceID: source.id, shape: nil,
                        context: costContext, data: FitData(x: values, y: losses, labels: labels)))
                }
            }
        }
        return selections
    }

    private struct ShapeKey: Hashable, Comparable {
        var layers: Int, hidden: Int, kv: Int
        static func < (a: Self, b: Self) -> Bool { (a.layers, a.hidden, a.kv) < (b.layers, b.hidden, b.kv) }
    }
}
