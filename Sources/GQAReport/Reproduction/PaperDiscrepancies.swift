import Foundation

/// The places where the paper's text, figures, tables and code disagree (research notes,
/// shared/paper/NOTES.md §7), each with the numbers this build computes for it.
enum PaperDiscrepancies {
    struct Item {
        var title: String
        var source: String
        var finding: String
    }

    static func items(_ context: BuildContext) -> [Item] {
        let t = 131_072
        let gib = 2.0 / CostConvention.bytesPerGiB
        func memoryGiB(_ config: ModelConfig) -> Double {
            InferenceCost(config, parameters: ParameterConvention.paperFormula.count(config), context: t, convention: .perToken()).memory * gib
        }
        func real(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)g", value) }
        let llama = ModelConfig(layers: 16, hiddenSize: 2048, queryHeads: 32, kvHeads: 8)
        let table9 = ModelConfig(layers: 36, hiddenSize: 1536, queryHeads: 24, kvHeads: 8)
        let llamaCount = ParameterCount(llama)
        let claim = { (id: String) in context.claims.first { $0.declaration.id == id } }
        func reading(_ id: String, containing text: String) -> Double? {
            claim(id)?.computed.readings.first { $0.label.contains(text) }?.value
        }
        var items: [Item] = []
        let inputs = ClaimInputs(fits: context.curveFits, digitized: context.digitized, runs: context.runs, options: context.options)
        var nStar = "not computable from this data"
        if let comparison = FigureData.equalLossComparison(context), case let .success(resolved) = comparison.resolve(inputs, source: context.curveSource) {
            nStar = "N* = \(NumberFormat.real(resolved.shape.parameters)) (from its \(context.curveSource == .runs ? "runs'" : "digitized") curve at loss \(NumberFormat.real(comparison.targetLoss)))"
        }

        items.append(Item(
            title: "The figures do not use the ladder of Table 9", source: "Figures 1–2 against Table 9 and the repository's configs",
            finding: "Every digitized marker fits the ladder d = 128·L, L = 6…16 (\(context.reproduction.residuals.filter(\.withinPrecision).count) of \(context.reproduction.residuals.count) costs within twice the digitization precision). The Llama-3 “1.2B” point is L = 16, d = 2048: \(real(memoryGiB(llama))) GiB at 128K, as plotted; Table 9's 1.2B shape (L = 36, d = 1536) with n_kv = 8 would need \(real(memoryGiB(table9))) GiB."))
        // The Llama-3 series as inferred (n_h = d/64, n_kv = 8): rungs a trainer cannot build.
        let llamaRungs = context.digitized.filter { $0.id == "figure-1" }.flatMap { $0.points(in: "Llama-3 GQA") }.compactMap(\.model)
        let unbuildable = llamaRungs.filter { $0.queryHeads % $0.kvHeads != 0 }
        if !unbuildable.isEmpty {
            items.append(Item(
                title: "Figure 1's Llama-3 ladder cannot all be trained with 8 KV heads", source: "Figure 1, the authors' model code",
                finding: "With n_h = d/64 and n_kv = 8 on the d = 128·L ladder, \(unbuildable.count) of the \(llamaRungs.count) Llama-3 rungs have a query-head count that 8 KV heads do not divide (\(unbuildable.map { "L = \($0.layers), d = \($0.hiddenSize): n_h = \($0.queryHeads)" }.joined(separator: "; "))); grouped-query attention shares each KV head among a whole number of query heads (this tool rejects such a model_config.json). Those points were trained with another n_kv, or another shape, than the figure's family suggests. A user's sweep can rebuild the Llama-3 curve only from the other rungs."))
        }
        items.append(Item(
            title: "Size labels are not the N of the formulas", source: "Figure 1, §5.2",
            finding: "“1.2B” is N = \(NumberFormat.real(ParameterConvention.paperFormula.count(llama))) non-embedding parameters under the paper's formula; with the GPT-2 vocabulary the model has \(NumberFormat.real(Double(llamaCount.total))) parameters untied, \(NumberFormat.real(Double(llamaCount.total - llamaCount.lmHead))) tied. The “1.8B” H = (8, 1) model has \(nStar) here."))
        if let perToken = claim("C2")?.computed.value, let read = reading("C2", containing: "read off"), let same = reading("C2", containing: "convention") {
            items.append(Item(
                title: "Three FLOPs conventions", source: "Eq. 3, Figure 2, Figure 1",
                finding: "Per token (Eq. 3) the FLOPs reduction is \(real(perToken))%; Figure 1's scatter, which sums FLOPs causally over the context, reads \(real(read))% off the markers and \(real(same))% from the cost model in that convention; the paper prints 57.8%. Figure 2 multiplies per-token FLOPs by T."))
        }
        if let memory = reading("C1", containing: "read off"), let flops = reading("C2", containing: "read off") {
            items.append(Item(
                title: "Figure 1's bars and scatter disagree", source: "Figure 1",
                finding: "The bars print −50.8% memory and −57.8% FLOPs; the diamond and the Llama-3 1.2B marker of the scatter give −\(real(memory))% and −\(real(flops))%. Only the printed percentages of the bars can be used; their heights match neither convention."))
        }
        items.append(Item(
            title: "Tied or untied embeddings", source: "App. D against the code's tie_emb = false",
            finding: "Untied, the LM head adds V·d = \(NumberFormat.real(Double(llamaCount.lmHead))) parameters at d = 2048 (\(real(100 * Double(llamaCount.lmHead) / ParameterConvention.paperFormula.count(llama)))% of N), and the code's “non-embedding” count (\(NumberFormat.real(Double(llamaCount.authorsCodeNonEmbedding)))) keeps it; the paper's N excludes it."))
        let d = 2048
        items.append(Item(
            title: "FFN size", source: "Table 2 and App. D against the code",
            finding: "Table 2 counts a two-matrix FFN (2·d·d_ff); the models are SwiGLU (3·d·d_ff ≈ 8d²). The code truncates d_ff = int(8d/3) = \(8 * d / 3) at d = \(d); App. D rounds to a multiple of 32, \(Int((Double(8 * d) / 3 / 32).rounded()) * 32)."))
        let training = TrainingCost(llama, parameters: ParameterConvention.paperFormula.count(llama), tokens: 1, context: 8192)
        items.append(Item(
            title: "Training FLOPs: Table 8 against Eq. 11", source: "App. C",
            finding: "Table 8's attention term 12·D·T·L·d_h·n_h is twice Eq. 11's with T̄ = T/2. For the Llama-3.2-1B shape trained at 8K the two totals differ by \(real(100 * (training.flopsTable8 / training.flopsEquation11 - 1)))%."))
        items.append(Item(
            title: "Phase-1 context of the downstream models", source: "§5.5 against App. J.1",
            finding: "§5.5 says training starts at 4K; App. J.1 says phase 1 uses the scaling settings (8K). No log says which."))
        let typo = ModelConfig(layers: 24, hiddenSize: 1280, queryHeads: 24, kvHeads: 24)
        let intended = ModelConfig(layers: 24, hiddenSize: 1536, queryHeads: 24, kvHeads: 24)
        items.append(Item(
            title: "Configuration files that disagree with their names", source: "src/configs/model/gpt-24-1536.json, gpt-36-1536.json",
            finding: "Both set d_model = 1280 with n_head = 24 (which implies 1536). gpt-24-1536 as written has N = \(NumberFormat.real(ParameterConvention.paperFormula.count(typo))); with d = 1536 it would have \(NumberFormat.real(ParameterConvention.paperFormula.count(intended)))."))
        let r = context.reproduction
        items.append(Item(
            title: "Table 4 rests on 21 candidates; \(context.curveSource == .runs ? "the runs cover" : "the published data covers") \(r.candidatesCovered.count)", source: "Table 4, Figure 2",
            finding: "This build recomputes Table 4 from the \(r.candidatesCovered.count) curves of \(context.curveSource == .runs ? "the runs" : "Figure 2") and matches \(r.table4.filter(\.matches).count) of \(r.table4.count) cells; in \(r.table4.filter { !$0.matches && !$0.paperCandidateCovered }.count) of the differing cells the paper's winner is one of the \(r.candidatesMissing.count) configurations without \(context.curveSource == .runs ? "runs" : "published data"), so the difference cannot be settled; in \(r.table4.filter { !$0.matches && $0.paperCandidateCovered }.count) the paper's winner is covered and still loses here."))
        if let gap = claim("C9")?.computed.value {
            items.append(Item(
                title: "The 0.117 loss gap at equal Z", source: "§5.2",
                finding: "At Llama-3.2-1B's Z, H = (8, 1) reaches a loss \(real(gap)) lower on the digitized fits (d/L = 128), not 0.117; the value depends on extrapolating E, which 5–6 points determine poorly."))
        }
        if let closest = claim("C7")?.computed.value {
            items.append(Item(
                title: "“Up to 37%”", source: "an AI-written summary of v1; no author text",
                finding: "No reading of the data gives 37%: the closest is \(real(closest))% (\(claim("C7")?.computed.basis.components(separatedBy: "closest reading: ").last ?? "")). The v1 body, where it might have come from, could not be found."))
        }
        if let memory = r.aspectForPaperMemory, let flops = r.aspectForPaperFlops {
            items.append(Item(
                title: "No single shape rule gives both headline numbers", source: "§5.2, App. B.1",
                finding: "With N* from the digitized H = (8, 1) curve, 50.8% memory needs d/L ≈ \(real(memory)) and 57.8% FLOPs needs d/L ≈ \(real(flops)); the recipe's own rule (interpolating Tables 9 and 7) gives \(r.rules.last.flatMap(\.memory).map { real($0) } ?? "?")% and \(r.rules.last.flatMap(\.flops).map { real($0) } ?? "?")%."))
        }
        return items
    }
}
