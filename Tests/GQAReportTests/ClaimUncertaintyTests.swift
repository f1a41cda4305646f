import Foundation
import XCTest

@testable import GQAReport

/// Claims with their uncertainty: the verdict rule's every branch, a zero-width interval on
/// noise-free points, intervals that hold the true value when the noise is known, the systematic
/// shape-rule range kept apart, and extrapolations said.
final class ClaimUncertaintyTests: XCTestCase {
    private let c1Like: [(String, String)] = [
        ("quantity", "memory"), ("convention", "per-token"), ("targetLoss", "2.5"), ("context", "131072"),
        ("candidate", "fig:H=(8,1)"), ("baselineLayers", "16"), ("baselineHidden", "2048"),
        ("baselineQueryHeads", "32"), ("baselineKVHeads", "8"), ("aspectRatio", "128"),
    ]

    private func reduction() throws -> ReductionAtEqualLoss {
        try ReductionAtEqualLoss(ComputationSpec(name: ReductionAtEqualLoss.name, parameters: c1Like.map { (name: $0.0, value: $0.1) },
                                                 items: [], path: "claims.xml", line: 1))
    }

    /// A size law (a/N)^b + E fitted to 6 sizes from 10 M to 1 B, with `noise` added by `seed`.
    private func sizeFit(noise: Double, seed: UInt64, truth: [Double] = [1e8, 0.25, 2]) throws -> FitOutcome {
        var rng = SplitMix64(seed: seed)
        let n = (0..<6).map { 1e7 * pow(100, Double($0) / 5) }
        var options = FitOptions()
        options.bootstrapSamples = 200
        options.seed = seed
        let fit = try CurveFitter.fit(.sizeLaw, FitData(x: n, y: n.map { SizeLaw().predict(truth, x: $0) + noise * rng.gaussian() }), options: options)
        let heads = HeadConfiguration(queryHeads: 8, kvHeads: 1)
        let selection = FitSelection(law: .sizeLaw, source: .digitized, summary: "H=(8,1)", xName: "N", yName: "loss", heads: heads,
                                     series: "H=(8,1)", sourceID: "fig", shape: nil, context: nil, data: fit.data)
        return FitOutcome(selection: selection, status: .fitted(fit))
    }

    private func inputs(_ fits: [FitOutcome]) -> ClaimInputs {
        ClaimInputs(fits: fits, digitized: [], runs: [], options: BuildOptions(), shapeRules: [100, 128].map { ShapeRule(aspectRatio: $0) })
    }

    private func expectation(_ relation: Expectation.Relation, _ value: Double, _ tolerance: Double) -> Expectation {
        Expectation(relation: relation, value: value, tolerance: tolerance, unit: "%", rationale: "")
    }

    private func interval(_ range: ClosedRange<Double>) -> ClaimUncertainty {
        ClaimUncertainty(method: .fitBootstrap, interval: range, replicates: 200, note: "test")
    }

    // MARK: the rule

    func testEveryBranchOfTheVerdictRule() {
        let e = expectation(.approximately, 50, 2)
        XCTAssertEqual(e.decide(50.5, uncertainty: interval(49...51)).verdict, .holds)
        XCTAssertEqual(e.decide(60, uncertainty: interval(55...65)).verdict, .fails)
        XCTAssertEqual(e.decide(44, uncertainty: interval(40...47.9)).verdict, .fails)
        let straddles = e.decide(51, uncertainty: interval(47...53))
        XCTAssertEqual(straddles.verdict, .notDecided)
        XCTAssertTrue(straddles.reason.contains("would say it holds"), straddles.reason)
        // A point estimate outside the band whose interval reaches into it is not a failure.
        XCTAssertEqual(e.decide(53, uncertainty: interval(51...55)).verdict, .notDecided)
        // Without an interval the value decides, and the reason says why there is none.
        let alone = e.decide(51, uncertainty: .none("published numbers"))
        XCTAssertEqual(alone.verdict, .holds)
        XCTAssertTrue(alone.reason.contains("decided by the value alone") && alone.reason.contains("published numbers"), alone.reason)
        XCTAssertEqual(e.decide(55, uncertainty: .none("x")).verdict, .fails)
        // Half-lines.
        XCTAssertEqual(expectation(.atLeast, 0, 0).decide(5, uncertainty: interval(1...9)).verdict, .holds)
        XCTAssertEqual(expectation(.atLeast, 0, 0).decide(5, uncertainty: interval(-1...9)).verdict, .notDecided)
        XCTAssertEqual(expectation(.atMost, 1, 0.5).decide(0, uncertainty: interval(-3...1.5)).verdict, .holds)
        XCTAssertEqual(expectation(.atMost, 1, 0.5).decide(2, uncertainty: interval(1.6...3)).verdict, .fails)
    }

    func testAFailedRequiredClaimFailsCIAndAnUndecidedOneDoesNot() throws {
        let declaration = ClaimDeclaration(id: "X", statement: "", source: "", required: true,
                                           computation: ComputationSpec(name: "n", parameters: [], items: [], path: "", line: 1),
                                           expectation: expectation(.approximately, 50, 2), line: 1)
        let failed = ClaimResult(declaration: declaration, computed: ComputedClaim(value: 60, basis: ""), verdict: .fails)
        let undecided = ClaimResult(declaration: declaration, computed: ComputedClaim(value: 51, basis: ""), verdict: .notDecided)
        XCTAssertTrue(failed.failsCI)
        XCTAssertFalse(undecided.failsCI)
    }

    // MARK: intervals

    func testAClaimOnNoiseFreePointsHasAZeroWidthInterval() throws {
        let computation = try reduction()
        let fits = [try sizeFit(noise: 0, seed: 1)]
        let value = computation.compute(inputs(fits)).value!
        let u = ClaimUncertaintyEstimator.estimate(computation, inputs(fits), source: .digitized, value: value)
        XCTAssertEqual(u.method, .fitBootstrap)
        // Zero to the refits' precision (each resample's exponent is refined to 1e-9).
        let interval = try XCTUnwrap(u.interval, u.note)
        XCTAssertEqual(interval.lowerBound, value, accuracy: 1e-4)
        XCTAssertEqual(interval.upperBound, value, accuracy: 1e-4)
    }

    /// On points with known noise, the claim's 95% interval holds the value computed from the
    /// true law in most of 40 seeded trials.
    func testTheIntervalCoversTheTrueValueInMostTrials() throws {
        let computation = try reduction()
        let truthValue = computation.compute(inputs([try sizeFit(noise: 0, seed: 1)])).value!
        var covered = 0, trials = 0
        for seed in 1...40 {
            guard let fit = try? sizeFit(noise: 0.003, seed: UInt64(seed)), let value = computation.compute(inputs([fit])).value else { continue }
            let u = ClaimUncertaintyEstimator.estimate(computation, inputs([fit]), source: .digitized, value: value)
            guard let interval = u.interval else { continue }
            trials += 1
            if interval.contains(truthValue) { covered += 1 }
        }
        XCTAssertGreaterThanOrEqual(trials, 36)
        XCTAssertGreaterThanOrEqual(Double(covered) / Double(trials), 0.85, "\(covered) of \(trials)")
    }

    func testAFitWithoutRefitsGivesNoIntervalAndSaysWhy() throws {
        let computation = try reduction()
        var outcome = try sizeFit(noise: 0.003, seed: 3)
        guard case var .fitted(fit) = outcome.status else { return XCTFail() }
        fit.intervals = nil
        fit.bootstrapDraws = []
        fit.intervalNote = "no resampling was asked for"
        outcome.status = .fitted(fit)
        let u = ClaimUncertaintyEstimator.estimate(computation, inputs([outcome]), source: .digitized, value: 40)
        XCTAssertNil(u.interval)
        XCTAssertTrue(u.note.contains("no bootstrap refits (no resampling was asked for)"), u.note)
    }

    func testTheShapeRuleRangeIsKeptApartFromTheInterval() throws {
        let computation = try reduction()
        let fits = [try sizeFit(noise: 0, seed: 1)]
        let u = ClaimUncertaintyEstimator.estimate(computation, inputs(fits), source: .digitized, value: computation.compute(inputs(fits)).value)
        let systematic = try XCTUnwrap(u.systematic)
        XCTAssertGreaterThan(systematic.range.upperBound - systematic.range.lowerBound, 0.1, "d/L = 100 and 128 give different shapes")
        XCTAssertLessThan(u.interval!.upperBound - u.interval!.lowerBound, 1e-4, "the interval is not widened by it")
    }

    /// C4 reads the digitized points themselves: its replicates move each loss within the
    /// precision the data state, and the note gives that range as the data have it.
    func testAClaimOnDigitizedPointsIsPerturbedWithinTheirStatedPrecision() throws {
        let project = try TestProject()
        for folder in ["Results/digitized", "Results/paper"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder), to: project.root.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Results/claims.xml"),
                                         to: project.root.appendingPathComponent("Results/claims.xml"))
        try project.addRun("a")
        let context = try project.build()
        let c4 = try XCTUnwrap(context.claims.first { $0.declaration.id == "C4" })
        XCTAssertEqual(c4.uncertainty.method, .perturbedPoints)
        let precisions = context.digitized.flatMap(\.points).map(\.lossPrecision)
        let expected = "±\(NumberFormat.prose(precisions.min()!)) to ±\(NumberFormat.prose(precisions.max()!))"
        XCTAssertTrue(c4.uncertainty.note.contains("stated precision (\(expected))"), c4.uncertainty.note)
        XCTAssertNotNil(c4.uncertainty.interval)
    }

    // MARK: extrapolation

    func testAnNStarBeyondTheFittedSizesIsCalledAnExtrapolation() throws {
        let computation = try reduction()
        // Loss 2.5 needs N* = 1.6e9, beyond the largest fitted size (1e9).
        let result = computation.compute(inputs([try sizeFit(noise: 0, seed: 1)]))
        XCTAssertEqual(result.extrapolations.count, 1)
        XCTAssertTrue(result.extrapolations[0].contains("1.6× the largest fitted N (1e+09)"), result.extrapolations[0])
        // A target inside the data is not.
        let inside = try ReductionAtEqualLoss(ComputationSpec(name: ReductionAtEqualLoss.name,
                                                              parameters: c1Like.map { (name: $0.0, value: $0.0 == "targetLoss" ? "2.6" : $0.1) },
                                                              items: [], path: "claims.xml", line: 1))
        XCTAssertTrue(inside.compute(inputs([try sizeFit(noise: 0, seed: 1)])).extrapolations.isEmpty)
    }
}
