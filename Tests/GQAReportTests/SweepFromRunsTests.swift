import Foundation
import XCTest

@testable import GQAReport

/// A user's own sweep decides the claims: runs with the shapes of the paper's Figure 2 (and
/// Figure 1's Llama-3 ladder), their final losses set to the digitized losses of the same
/// points, each run's event file in a `tb/` subfolder as TensorBoard logdirs usually are.
/// Generated here; the runs say they are test input (in their names and EXAMPLE-free dirs,
/// since examples never decide a claim).
final class SweepFromRunsTests: XCTestCase {
    private func project() throws -> (TestProject, [DigitizedSource]) {
        let project = try TestProject()
        for folder in ["Results/digitized", "Results/paper"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder), to: project.root.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Results/claims.xml"),
                                         to: project.root.appendingPathComponent("Results/claims.xml"))
        let (sources, _) = try DigitizedSourceReader(layout: project.layout).readAll()
        return (project, sources)
    }

    /// One run a digitized point: 200 steps of training loss falling to the point's loss, and
    /// a validation loss every 50 steps ending at the point's loss at the last step.
    private func addRuns(_ points: [DigitizedPoint], to project: TestProject, prefix: String, context: Int = 8192) throws {
        for point in points {
            guard let model = point.model else { continue }
            let name = "\(prefix)_gpt-\(model.layers)-\(model.hiddenSize)-h\(model.queryHeads)-kv\(model.kvHeads)"
            let args = """
                {"batch_size": 8, "grad_accum_steps": 1, "lr": 0.001, "lr_scheduler": "wsd",
                 "max_len": \(context), "n_gpus": 8, "n_train_steps": 200, "seed": 0}
                """
            let directory = try project.addRun(name, layers: model.layers, hidden: model.hiddenSize, heads: model.queryHeads,
                                               kvHeads: model.kvHeads, steps: 200, argsJSON: args, log: "")
            try FileManager.default.removeItem(at: directory.appendingPathComponent("stdout.log"))
            var events = Data()
            for step in 1...200 {
                var scalars: [(tag: String, value: Float)] = [("train/loss", Float(point.loss + 3 / Double(step)))]
                if step % 50 == 0 { scalars.append(("loss/val", Float(point.loss + 0.0001 * Double(200 - step)))) }
                events += TensorBoardEventWriter.record(step: step, scalars: scalars)
            }
            let folder = directory.appendingPathComponent("tb", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try events.write(to: folder.appendingPathComponent("events.out.tfevents.1700000000.testhost.\(abs(name.hashValue % 90000) + 1).0"))
        }
    }

    private func claim(_ id: String, in context: BuildContext) -> ClaimResult {
        context.claims.first { $0.declaration.id == id }!
    }

    func testFigure2SweepDecidesTheCurveClaimsAndSaysWhatC5AndC9Lack() throws {
        let (project, sources) = try project()
        let figure2 = sources.first { $0.id == "figure-2" }!
        try addRuns(figure2.points, to: project, prefix: "test-sweep")
        let context = try project.build()
        XCTAssertEqual(context.runs.count, figure2.points.filter { $0.model != nil }.count)

        XCTAssertEqual(context.sweeps.map(\.name), ["vocab-50304-context-8192"])
        for id in ["C1", "C2", "C6"] {
            let result = claim(id, in: context)
            XCTAssertEqual(result.decidedBy, .runs, "\(id): \(result.computed)")
            XCTAssertEqual(result.sweep, "vocab-50304-context-8192", id)
            let fromRuns = try XCTUnwrap(result.computed.value, id)
            let alternative = try XCTUnwrap(result.alternative, id)
            XCTAssertEqual(alternative.source, .digitized)
            let digitized = try XCTUnwrap(alternative.computed.value, id)
            // The same points read as runs and as digitized markers: within the claim's tolerance.
            XCTAssertEqual(fromRuns, digitized, accuracy: result.declaration.expectation.tolerance, id)
        }
        for id in ["C5", "C9"] {
            let result = claim(id, in: context)
            XCTAssertEqual(result.decidedBy, .digitized, id)
            let lacking = try XCTUnwrap(result.alternative?.computed.missing, id)
            XCTAssertTrue(lacking.contains("Llama-3 GQA family"), "\(id): \(lacking)")
            XCTAssertTrue(result.computed.details.first?.contains("the runs do not cover this claim") == true, id)
        }
        // C4 compares single runs: its interval moves each run's loss by the sweep's seed noise,
        // here the scatter of its size-law curves (one run per configuration).
        let c4 = claim("C4", in: context)
        XCTAssertEqual(c4.decidedBy, .runs, "\(c4.computed)")
        XCTAssertEqual(c4.uncertainty.method, .perturbedRuns, c4.uncertainty.note)
        XCTAssertTrue(c4.uncertainty.note.contains("residuals of 7 size-law curve(s)"), c4.uncertainty.note)
        XCTAssertNotNil(c4.uncertainty.interval)
        // --source digitized puts every claim back on the paper's figures.
        var options = BuildOptions()
        options.source = .digitized
        let digitizedOnly = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(claim("C1", in: digitizedOnly).decidedBy, .digitized)
        XCTAssertEqual(claim("C1", in: digitizedOnly).alternative?.source, .runs)

        let claimsTable = try String(contentsOf: project.layout.tables.appendingPathComponent("claims.xml"), encoding: .utf8)
        XCTAssertTrue(claimsTable.contains(#"<alternative source="runs""#))
    }

    /// The same sweep trained at two contexts: two sweeps, each covering C1. Neither decides
    /// until one is named; named, it decides and is named in the claim, and the figures and
    /// the explorer show its curves only.
    func testTwoSweepsCoveringAClaimDecideNothingUntilOneIsNamed() throws {
        let (project, sources) = try project()
        let figure2 = sources.first { $0.id == "figure-2" }!
        try addRuns(figure2.points, to: project, prefix: "ctx8k")
        try addRuns(figure2.points, to: project, prefix: "ctx4k", context: 4096)
        let both = try project.build()
        XCTAssertEqual(both.sweeps.map(\.name), ["vocab-50304-context-4096", "vocab-50304-context-8192"])
        let c1 = claim("C1", in: both)
        XCTAssertEqual(c1.decidedBy, .digitized)
        XCTAssertNil(c1.sweep)
        let lacking = try XCTUnwrap(c1.alternative?.computed.missing)
        XCTAssertTrue(lacking.contains("each cover this claim") && lacking.contains("--sweep"), lacking)
        XCTAssertNil(both.curveSweep)
        XCTAssertFalse(both.curveFits.contains { $0.selection.source == .runs })
        XCTAssertTrue(both.fits.contains { $0.selection.summary.hasSuffix("(sweep vocab-50304-context-4096)") }, "every sweep's fits are made and named")
        XCTAssertEqual(Set(both.fits.map(\.selection.id)).count, both.fits.count, "fit ids stay unique")

        var options = BuildOptions()
        options.sweep = "vocab-50304-context-8192"
        let named = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(claim("C1", in: named).decidedBy, .runs)
        XCTAssertEqual(claim("C1", in: named).sweep, "vocab-50304-context-8192")
        XCTAssertTrue(named.curveFits.filter { $0.selection.source == .runs }.allSatisfy { $0.selection.sweep == "vocab-50304-context-8192" })
        let claims = try String(contentsOf: project.layout.tables.appendingPathComponent("claims.xml"), encoding: .utf8)
        XCTAssertTrue(claims.contains(#"sweep="vocab-50304-context-8192""#))
        // A curve takes the same bootstrap refits whatever else was fitted: the digitized
        // points' interval of C1 is one number, with or without a sweep deciding.
        XCTAssertEqual(claim("C1", in: named).alternative?.uncertainty.interval, c1.uncertainty.interval)

        options.sweep = "no-such-sweep"
        XCTAssertThrowsError(try BuildPipeline.standard.build(layout: project.layout, options: options)) { error in
            XCTAssertTrue("\(error)".contains("the sweeps are 'vocab-50304-context-4096'"), "\(error)")
        }
    }

    func testLlama3RunsLetTheRunsDecideC5AndC9AndRecommend() throws {
        let (project, sources) = try project()
        try addRuns(sources.first { $0.id == "figure-2" }!.points, to: project, prefix: "test-sweep")
        // Only the rungs a trainer can build: n_h = d/64 with n_kv = 8 is whole-number grouping
        // at d = 1024, 1536, 2048 only (12, 20 and 28 query heads do not divide by 8).
        let llama3 = sources.first { $0.id == "figure-1" }!.points(in: "Llama-3 GQA")
            .filter { $0.model.map { $0.queryHeads % $0.kvHeads == 0 } ?? false }
        XCTAssertEqual(llama3.count, 3)
        try addRuns(llama3, to: project, prefix: "test-llama3")
        let context = try project.build()
        for id in ["C5", "C9"] {
            let result = claim(id, in: context)
            XCTAssertEqual(result.decidedBy, .runs, "\(id): \(result.computed)")
            let digitized = try XCTUnwrap(result.alternative?.computed.value, id)
            XCTAssertEqual(try XCTUnwrap(result.computed.value, id), digitized, accuracy: max(result.declaration.expectation.tolerance, 1), id)
        }

        let search = CostOptimalSearch(context: 131_072, targetLoss: 2.615)
        let recommendation = Recommendation.make(fits: context.fits, search: search, source: "runs")
        XCTAssertEqual(recommendation.curveSource, "runs")
        XCTAssertNotNil(recommendation.winner)
        XCTAssertNotNil(recommendation.baseline, "the runs' Llama-3 family is the baseline")
        let json = try JSONSerialization.jsonObject(with: Data(try recommendation.json().utf8)) as! [String: Any]
        let winner = try XCTUnwrap(json["winner"] as? [String: Any])
        XCTAssertNotNil(winner["n_head"] as? Double)
        XCTAssertNotNil(winner["n_kv_head"] as? Double)
        XCTAssertEqual(runReport(["recommend", "--root", project.root.path, "--context", "131072", "--target-loss", "2.615",
                                  "--source", "runs", "--json"]), 0)

        // The explorer offers the runs' curves beside the digitized ones and opens on them.
        let explorer = ExplorePage.data(context)
        XCTAssertEqual(explorer.sources.map(\.id), ["digitized", "runs"])
        XCTAssertEqual(explorer.defaults.source, "runs")
        let runs = try XCTUnwrap(explorer.sources.last)
        XCTAssertEqual(runs.curves.count, 7)
        XCTAssertEqual(runs.baseline?.family, "llama3")
        XCTAssertEqual(runs.baseline?.nKvHead, 8)
        // And the page answers as recommend does on them (the Llama-3 baseline with 8 KV heads
        // is a family the committed site does not have).
        try BrowserCheck.run("explorer_check.py", ["--site", project.layout.site.path, "--report", BrowserCheck.report.path,
                                                   "--root", project.root.path])
    }

    func testRunsPageSortsBySizeAndHasNoExamplesBanner() throws {
        let (project, sources) = try project()
        try addRuns(sources.first { $0.id == "figure-2" }!.points, to: project, prefix: "test-sweep")
        try project.build()
        let page = try String(contentsOf: project.layout.site.appendingPathComponent("runs.html"), encoding: .utf8)
        XCTAssertFalse(page.contains("are examples"))
        let small = try XCTUnwrap(page.range(of: "test-sweep_gpt-6-768"))
        let large = try XCTUnwrap(page.range(of: "test-sweep_gpt-10-1280"))
        XCTAssertLessThan(small.lowerBound, large.lowerBound, "runs sorted by size, not by name")
        XCTAssertTrue(page.contains("/tb/events.out.tfevents.1700000000.testhost."), "each run lists the files it was read from")
        XCTAssertTrue(page.contains("<polyline"), "each run shows its training curve")
    }

    /// With the sweep and the digitized points in one figure: one legend entry per head
    /// configuration (plus the filled/hollow key), runs filled and digitized hollow, and no
    /// legend box over a marker or a curve.
    func testFiguresWithBothSourcesStayLegible() throws {
        let (project, sources) = try project()
        try addRuns(sources.first { $0.id == "figure-2" }!.points, to: project, prefix: "test-sweep")
        let context = try project.build()
        let figure = try XCTUnwrap(context.figures.first { $0.name == "loss-vs-cost-128k" })
        for panel in figure.panels {
            let labels = panel.legend.map(\.label)
            XCTAssertEqual(labels.count, Set(labels).count)
            XCTAssertEqual(labels.filter { $0.hasPrefix("H = ") }.count, 7, "\(labels)")
            XCTAssertTrue(labels.contains("filled: runs") && labels.contains("hollow: paper's figure (digitized)"), "\(labels)")
            var filled = 0, hollow = 0
            for case let .points(_, _, _, shape, _, _) in panel.marks { if shape.filled { filled += 1 } else { hollow += 1 } }
            XCTAssertEqual(filled, 7, "one filled series per head configuration of the runs")
            XCTAssertEqual(hollow, 7, "one hollow series per digitized head configuration")
        }
        for figure in context.figures {
            for (index, layout) in CairoRenderer.layout(figure).enumerated() {
                guard let legend = layout.legend else { continue }
                XCTAssertFalse(layout.marks.meets(legend), "\(figure.name), panel \(index): the legend covers a mark")
            }
        }
    }
}
