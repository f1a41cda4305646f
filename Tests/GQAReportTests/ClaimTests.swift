import Foundation
import XCTest

@testable import GQAReport
@testable import ReportCLI

/// Claim computations on small hand-made inputs with known answers.
final class ClaimComputationTests: XCTestCase {
    private func spec(_ name: String, _ parameters: [(String, String)], items: [(String, [(String, String)])] = []) -> ComputationSpec {
        ComputationSpec(name: name, parameters: parameters.map { (name: $0.0, value: $0.1) },
                        items: items.map { (element: $0.0, attributes: $0.1.map { (name: $0.0, value: $0.1) }) },
                        path: "claims.xml", line: 1)
    }

    /// A fitted size law as a digitized series of source "fig".
    private func sizeFit(_ series: String, heads: HeadConfiguration?, a: Double, b: Double, e: Double,
                         sizes n: [Double] = [1e7, 3e7, 1e8, 3e8, 1e9]) throws -> FitOutcome {
        let fit = try CurveFitter.fit(.sizeLaw, FitData(x: n, y: n.map { SizeLaw().predict([a, b, e], x: $0) }), options: {
            var o = FitOptions(); o.bootstrapSamples = 0; return o
        }())
        let selection = FitSelection(law: .sizeLaw, source: .digitized, summary: series, xName: "N", yName: "loss", heads: heads,
                                     series: series, sourceID: "fig", shape: nil, context: nil, data: fit.data)
        return FitOutcome(selection: selection, status: .fitted(fit))
    }

    private func inputs(_ fits: [FitOutcome], digitized: [DigitizedSource] = []) -> ClaimInputs {
        ClaimInputs(fits: fits, digitized: digitized, runs: [], options: BuildOptions())
    }

    func testReductionAtEqualLossMatchesTheCostModelByHand() throws {
        // (a/N)^b + E with E = 2, b = 0.25, a = 1e8: loss 2.5 needs N* = 1e8 / 0.5^4 = 1.6e9.
        let fit = try sizeFit("H=(8,1)", heads: HeadConfiguration(queryHeads: 8, kvHeads: 1), a: 1e8, b: 0.25, e: 2)
        let computation = try ReductionAtEqualLoss(spec("reduction-at-equal-loss", [
            ("quantity", "memory"), ("convention", "per-token"), ("targetLoss", "2.5"), ("context", "131072"),
            ("candidate", "fig:H=(8,1)"), ("baselineLayers", "16"), ("baselineHidden", "2048"),
            ("baselineQueryHeads", "32"), ("baselineKVHeads", "8"), ("aspectRatio", "128"),
        ]))
        let result = computation.compute(inputs([fit]))
        let rule = ShapeRule(aspectRatio: 128)
        let shape = try rule.shape(parameters: 1.6e9, family: .fixed(HeadConfiguration(queryHeads: 8, kvHeads: 1)))
        XCTAssertEqual(rule.parameters(layers: shape.layers, aspectRatio: 128, family: .fixed(HeadConfiguration(queryHeads: 8, kvHeads: 1))), 1.6e9, accuracy: 1)
        // Memory in values: N* + 2·T·L·64·1 against 704,643,072 + 2,147,483,648.
        let expected = 100 * (1 - (1.6e9 + 2 * 131_072 * shape.layers * 64) / 2_852_126_720)
        XCTAssertEqual(try XCTUnwrap(result.value), expected, accuracy: 1e-3)
        XCTAssertTrue(result.details[0].contains("N*(H=(8,1)) = 1600000000"), result.details[0])
    }

    func testReductionCannotBeCheckedBelowTheIrreducibleLoss() throws {
        let fit = try sizeFit("H=(8,1)", heads: HeadConfiguration(queryHeads: 8, kvHeads: 1), a: 1e8, b: 0.25, e: 2)
        let computation = try ReductionAtEqualLoss(spec("reduction-at-equal-loss", [
            ("quantity", "flops"), ("targetLoss", "1.9"), ("context", "131072"), ("candidate", "fig:H=(8,1)"),
            ("baselineLayers", "16"), ("baselineHidden", "2048"), ("baselineQueryHeads", "32"), ("baselineKVHeads", "8"),
            ("aspectRatio", "128"),
        ]))
        let result = computation.compute(inputs([fit]))
        XCTAssertNil(result.value)
        XCTAssertTrue(result.missing!.contains("never reaches loss 1.9"), result.missing!)
        XCTAssertNotNil(computation.compute(inputs([])).missing)
    }

    func testCrossingOfTwoPublishedCurves() throws {
        // n^-0.5 + 2 = 2·n^-1 + 2 at n = 4, i.e. log2 = 2.
        let computation = try HeadsCurvesCrossing(spec("heads-curves-crossing", [("first", "p"), ("second", "q")], items: [
            ("curve", [("label", "p"), ("a", "1"), ("b", "-0.5"), ("c", "2")]),
            ("curve", [("label", "q"), ("a", "2"), ("b", "-1"), ("c", "2")]),
        ]))
        XCTAssertEqual(try XCTUnwrap(computation.compute(inputs([])).value), 2, accuracy: 1e-9)
    }

    func testParallelCurvesDoNotCross() throws {
        let computation = try HeadsCurvesCrossing(spec("heads-curves-crossing", [("first", "p"), ("second", "q")], items: [
            ("curve", [("label", "p"), ("a", "1"), ("b", "-0.5"), ("c", "2")]),
            ("curve", [("label", "q"), ("a", "1"), ("b", "-0.5"), ("c", "3")]),
        ]))
        XCTAssertNotNil(computation.compute(inputs([])).missing)
    }

    func testDominatingPairs() throws {
        func point(_ layers: Int, heads: Int, kv: Int, loss: Double) -> DigitizedPoint {
            DigitizedPoint(series: "s", index: 0, model: ModelConfig(layers: layers, hiddenSize: 128 * layers, queryHeads: heads, kvHeads: kv),
                           heads: HeadConfiguration(queryHeads: heads, kvHeads: kv), loss: loss, lossPrecision: 0, memory: nil,
                           flops: nil, z: nil, costPrecision: 0, confidence: "high", role: nil)
        }
        // A bigger model with 8 heads and 1 KV head against a smaller MHA model with 32 heads:
        // cheaper at long contexts only.
        let source = DigitizedSource(id: "fig", origin: "test", file: InputFile(path: "f", sha256: "", bytes: 0), context: 131_072,
                                     costConvention: "per-token", series: ["s"],
                                     points: [point(16, heads: 8, kv: 1, loss: 2.6), point(12, heads: 32, kv: 32, loss: 2.7)])
        let computation = try DominatingPair(spec("dominating-pairs", [("source", "fig"), ("context", "131072"), ("contexts", "1024,131072")]))
        let result = computation.compute(inputs([], digitized: [source]))
        XCTAssertEqual(result.value, 1)
        XCTAssertEqual(result.details[0], "T = 1024: 0 pair(s)")
        XCTAssertTrue(result.details[2].contains("T = 131072"), result.details[2])
        XCTAssertNotNil(computation.compute(inputs([])).missing)
    }

    func testBaselineSuboptimalPicksTheCheapestCandidate() throws {
        // Same loss curve for every configuration: then fewer KV heads and query heads must win on Z at 128K.
        let fits = try [(8, 8), (8, 1), (1, 1)].map { h in
            try sizeFit("H=(\(h.0),\(h.1))", heads: HeadConfiguration(queryHeads: h.0, kvHeads: h.1), a: 1e8, b: 0.25, e: 2)
        } + [try sizeFit("Llama", heads: nil, a: 1e8, b: 0.25, e: 2)]
        let computation = try BaselineSuboptimal(spec("baseline-suboptimal", [
            ("targetLoss", "2.5"), ("context", "131072"), ("candidates", "fig"), ("baseline", "fig:Llama"),
            ("baselineFamily", "llama3:8"), ("aspectRatio", "128"),
        ]))
        let result = computation.compute(inputs(fits))
        XCTAssertGreaterThan(try XCTUnwrap(result.value), 0)
        XCTAssertTrue(result.details.contains { $0.hasPrefix("winner: H=(1,1)") }, "\(result.details)")
    }

    func testMinimumR2AndBenchmarksSayWhatIsMissing() throws {
        let quality = try MinimumFitQuality(spec("minimum-r2", [("law", "size-law"), ("source", "runs")]))
        XCTAssertTrue(quality.compute(inputs([])).missing!.contains("no size-law curve from runs"))
        let fit = try sizeFit("H=(8,1)", heads: HeadConfiguration(queryHeads: 8, kvHeads: 1), a: 1e8, b: 0.25, e: 2)
        let digitized = try MinimumFitQuality(spec("minimum-r2", [("law", "size-law"), ("source", "digitized")]))
        XCTAssertEqual(try XCTUnwrap(digitized.compute(inputs([fit])).value), 1, accuracy: 1e-9)
        let benchmarks = try BenchmarkAverage(spec("benchmark-average-difference", [
            ("models", "both"), ("baseline", "base"), ("candidate", "ours"), ("tasks", "arc_easy"),
        ]))
        XCTAssertTrue(benchmarks.compute(inputs([])).missing!.contains("lm-evaluation-harness"))
    }

    func testFitQualityCountsNoInterpolation() throws {
        // Three sizes for three parameters: the curve passes through every point.
        let three = [1e7, 1e8, 1e9]
        let quality = try MinimumFitQuality(spec("minimum-r2", [("law", "size-law"), ("source", "digitized")]))
        let interpolations = try [(8, 1), (4, 1)].map { h in
            try sizeFit("H=(\(h.0),\(h.1))", heads: HeadConfiguration(queryHeads: h.0, kvHeads: h.1), a: 1e8, b: 0.25, e: 2, sizes: three)
        }
        XCTAssertTrue(interpolations.allSatisfy { $0.fit?.isInterpolation == true })
        let none = quality.compute(inputs(interpolations))
        XCTAssertNil(none.value)
        XCTAssertTrue(none.missing!.contains("exactly as many points as parameters"), none.missing!)
        // With one real fit beside them, only it counts.
        let real = try sizeFit("H=(2,1)", heads: HeadConfiguration(queryHeads: 2, kvHeads: 1), a: 1e8, b: 0.25, e: 2)
        let result = quality.compute(inputs(interpolations + [real]))
        XCTAssertEqual(try XCTUnwrap(result.value), 1, accuracy: 1e-9)
        XCTAssertTrue(result.basis.contains("1 size-law fit(s)") && result.basis.contains("not counting 2 interpolation(s)"), result.basis)
    }

    func testMissingParameterNamesTheFileAndLine() {
        XCTAssertThrowsError(try ReductionAtEqualLoss(spec("reduction-at-equal-loss", [("quantity", "memory")]))) { error in
            XCTAssertEqual("\(error)", "claims.xml:1: computation 'reduction-at-equal-loss': missing parameter 'targetLoss'")
        }
    }
}

/// The claims file and `report check`.
final class ClaimsCheckTests: XCTestCase {
    private func claimsFile(paperValue: Double, required: Bool, computation: String? = nil) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <claims>
          <claim id="X1" required="\(required)">
            <statement>Two test curves cross at n_h = 2^\(paperValue).</statement>
            <source>a test</source>
            \(computation ?? """
            <computation name="heads-curves-crossing" first="p" second="q">
              <curve label="p" a="1" b="-0.5" c="2"/>
              <curve label="q" a="2" b="-1" c="2"/>
            </computation>
            """)
            <expect relation="approximately" value="\(paperValue)" tolerance="0.1" unit="log2(n_h)">test</expect>
          </claim>
        </claims>
        """
    }

    private func check(_ project: TestProject, _ extra: [String] = []) -> Int32 {
        runReport(["check", "--root", project.root.path] + extra)
    }

    private func project(claims: String) throws -> TestProject {
        let project = try TestProject()
        try project.addRun("a")
        try project.write(claims, to: project.layout.results.appendingPathComponent("claims.xml"))
        return project
    }

    func testARequiredClaimThatFailsMakesCheckExitOne() throws {
        let failing = try project(claims: claimsFile(paperValue: 5, required: true))
        try failing.build()
        let context = try failing.build()
        XCTAssertEqual(context.claims.map(\.verdict), [.fails])
        XCTAssertEqual(check(failing), 1)

        let holding = try project(claims: claimsFile(paperValue: 2, required: true))
        try holding.build()
        XCTAssertEqual(check(holding), 0)
        XCTAssertEqual(check(holding, ["--json"]), 0)

        let optional = try project(claims: claimsFile(paperValue: 5, required: false))
        try optional.build()
        XCTAssertEqual(check(optional), 0)
    }

    /// `report build` writes the outputs, which show the failing claim, and exits 1 for CI.
    func testARequiredClaimThatFailsMakesBuildExitOneAfterWriting() throws {
        let failing = try project(claims: claimsFile(paperValue: 5, required: true))
        XCTAssertEqual(runReport(["build", "--root", failing.root.path, "-q"]), 1)
        let table = try String(contentsOf: failing.layout.tables.appendingPathComponent("claims.xml"), encoding: .utf8)
        XCTAssertTrue(table.contains(#"verdict="fails""#))
        XCTAssertEqual(check(failing), 1)

        let optional = try project(claims: claimsFile(paperValue: 5, required: false))
        XCTAssertEqual(runReport(["build", "--root", optional.root.path, "-q"]), 0)
    }

    func testCannotBeCheckedDoesNotFailTheCheck() throws {
        let project = try project(claims: claimsFile(paperValue: 1, required: true, computation: #"<computation name="minimum-r2" law="size-law" source="runs"/>"#))
        let context = try project.build()
        XCTAssertEqual(context.claims.map(\.verdict), [.cannotBeChecked])
        XCTAssertEqual(check(project), 0)
        let table = try String(contentsOf: project.layout.tables.appendingPathComponent("claims.xml"), encoding: .utf8)
        XCTAssertTrue(table.contains(#"verdict="cannot be checked""#))
        XCTAssertTrue(table.contains("<missing>"))
    }

    func testUnknownComputationNamesFileAndLine() throws {
        let project = try project(claims: claimsFile(paperValue: 1, required: true, computation: #"<computation name="vibes"/>"#))
        guard let error = project.buildError() else { return }
        XCTAssertEqual(error.path, "Results/claims.xml")
        XCTAssertEqual(error.line, 6)
        XCTAssertTrue(error.reason.contains("unknown computation"), error.reason)
    }

    func testClaimsFileThatBreaksItsSchemaIsRejected() throws {
        let project = try project(claims: claimsFile(paperValue: 1, required: true).replacingOccurrences(of: "relation=\"approximately\"", with: "relation=\"roughly\""))
        guard let error = project.buildError() else { return }
        XCTAssertTrue(error.description.contains("claim-declarations.xsd"), error.description)
    }

    func testTheShippedClaimsFileDeclaresC1ToC12() throws {
        let layout = ProjectLayout(root: Repository.root)
        let (claims, _) = try ClaimsFileReader(layout: layout).read()
        XCTAssertEqual(claims.map(\.id), (1...12).map { "C\($0)" })
        for claim in claims { XCTAssertNoThrow(try ClaimComputations.make(claim.computation), claim.id) }
    }
}

final class ShapeRuleTests: XCTestCase {
    func testInterpolatesTheAspectRatioBetweenTheNearestAnchors() throws {
        let rule = ShapeRule(name: "anchors", anchors: [.init(size: 1e9, aspectRatio: 40), .init(size: 2e9, aspectRatio: 60)])
        XCTAssertEqual(rule.aspectRatio(for: 1.5e9), 50)
        XCTAssertEqual(rule.aspectRatio(for: 1e8), 40, "the end anchor's ratio below the first")
        XCTAssertEqual(rule.aspectRatio(for: 5e9), 60)
        let shape = try rule.shape(parameters: 1.5e9, family: .fixed(HeadConfiguration(queryHeads: 8, kvHeads: 1)))
        XCTAssertEqual(shape.hidden / shape.layers, 50, accuracy: 1e-9)
    }
}

final class RecommendTests: XCTestCase {
    func testSearchFindsTheKnownOptimumAndSolvesNStarExactly() throws {
        var options = FitOptions()
        options.bootstrapSamples = 0
        let n = [1e7, 3e7, 1e8, 3e8, 1e9]
        func curve(_ heads: HeadConfiguration, e: Double) throws -> SizeCurve {
            let fit = try CurveFitter.fit(.sizeLaw, FitData(x: n, y: n.map { SizeLaw().predict([1e8, 0.25, e], x: $0) }), options: options)
            return SizeCurve(label: "\(heads)", family: .fixed(heads), fit: fit, provenance: "test")
        }
        let curves = [try curve(HeadConfiguration(queryHeads: 8, kvHeads: 8), e: 2),
                      try curve(HeadConfiguration(queryHeads: 8, kvHeads: 1), e: 2),
                      try curve(HeadConfiguration(queryHeads: 1, kvHeads: 1), e: 2.6)]
        let search = CostOptimalSearch(context: 131_072, targetLoss: 2.5, objective: .memory)
        let (candidates, winner) = search.search(curves)
        XCTAssertEqual(winner, 1)  // (1,1) cannot reach 2.5; (8,1) has the smaller KV cache
        XCTAssertEqual(candidates[0].shape!.parameters, 1.6e9, accuracy: 1e3)
        XCTAssertNil(candidates[2].shape)
        XCTAssertTrue(candidates[2].problem!.contains("not reachable"))
    }

    func testInputsOutOfRangeExitTwo() {
        XCTAssertEqual(runReport(["recommend", "--context", "0", "--target-loss", "2.6"]), 2)
        XCTAssertEqual(runReport(["recommend", "--context", "131072", "--target-loss=-1"]), 2)
        XCTAssertEqual(runReport(["recommend", "--context", "131072", "--target-loss", "2.6", "--objective", "speed"]), 2)
        XCTAssertEqual(runReport(["recommend", "--context", "131072", "--target-loss", "2.6", "--lambda", "1.5"]), 2)
    }

    func testRecommendOnTheShippedDigitizedData() {
        XCTAssertEqual(runReport(["recommend", "--root", Repository.root.path, "--context", "131072", "--target-loss", "2.615", "--json"]), 0)
    }
}
