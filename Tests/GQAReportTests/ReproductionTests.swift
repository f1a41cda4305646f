import Foundation
import XCTest

@testable import GQAReport

final class ReproductionTests: XCTestCase {
    /// The repository's own study data, built once: the digitized figures and the published tables.
    private static let study: BuildContext? = {
        var context = BuildContext(layout: ProjectLayout(root: Repository.root))
        try? BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(), ClaimsStep(), ReproductionStep()]).run(&context)
        return context
    }()

    func testReadsThePublishedTables() throws {
        let paper = try XCTUnwrap(Self.study).paper
        XCTAssertEqual(paper.table4Losses, [3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.35])
        XCTAssertEqual(paper.table4Contexts, [8192, 16384, 32768, 65536, 131_072])
        XCTAssertEqual(paper.table4[4][0], HeadConfiguration(queryHeads: 32, kvHeads: 8), "(2.6, 8K) is Llama-3's (32, 8)")
        XCTAssertEqual(paper.shapeAnchors.count, 14)
        XCTAssertEqual(paper.appendixIFits.count, 6)
        let rule = try XCTUnwrap(paper.recipeShapeRule)
        // Between 680M (24, 1536: d/L = 64) and 1.2B (36, 1536: d/L ≈ 42.7).
        XCTAssertEqual(rule.aspectRatio(for: 940e6), 64 + 0.5 * (1536.0 / 36 - 64), accuracy: 1e-9)
    }

    func testTable4IsRecomputedForEveryCellAndOnlyCoveredWinnersCanMatch() throws {
        let r = try XCTUnwrap(Self.study).reproduction
        XCTAssertEqual(r.table4.count, 40)
        XCTAssertEqual(Reproduction.paperCandidates.count, 21)
        XCTAssertEqual(r.candidatesCovered.count + r.candidatesMissing.count, 21)
        XCTAssertTrue(r.table4.filter(\.matches).allSatisfy(\.paperCandidateCovered))
        XCTAssertTrue(r.table4.compactMap(\.computed).allSatisfy(r.candidatesCovered.contains))
    }

    func testShapeRulesMoveTheHeadlineNumbers() throws {
        let r = try XCTUnwrap(Self.study).reproduction
        XCTAssertEqual(r.rules.map(\.rule), ["d/L = 100", "d/L = 112", "d/L = 128", "d/L interpolated between Tables 9 and 7"])
        let memory = r.rules.prefix(3).compactMap(\.memory)
        XCTAssertEqual(memory.count, 3)
        XCTAssertTrue(zip(memory, memory.dropFirst()).allSatisfy { $0 < $1 }, "a wider shape has fewer layers, so a smaller KV cache")
        let aspect = try XCTUnwrap(r.aspectForPaperMemory)
        var comparison = try XCTUnwrap(FigureData.equalLossComparison(try XCTUnwrap(Self.study)))
        comparison.rule = ShapeRule(aspectRatio: aspect)
        let context = try XCTUnwrap(Self.study)
        guard case let .success(resolved) = comparison.resolve(ClaimInputs(fits: context.fits, digitized: context.digitized, runs: [], options: context.options), source: .digitized) else {
            return XCTFail("no comparison")
        }
        XCTAssertEqual(try XCTUnwrap(comparison.reduction("memory", convention: "per-token", trainingContext: nil, resolved, options: context.options)), 50.8, accuracy: 1e-6)
    }

    func testDigitizedCostsAgreeWithTheCostModel() throws {
        let r = try XCTUnwrap(Self.study).reproduction
        // Figure 2: memory, FLOPs and Z of 40 markers; Figure 1: memory and FLOPs of 12.
        XCTAssertEqual(r.residuals.count, 40 * 3 + 12 * 2)
        let worst = try XCTUnwrap(r.residuals.map { abs($0.percent) }.max())
        XCTAssertLessThan(worst, 8, "no digitized cost is further than 8% from the cost model")
    }

    func testPublishedHeadsCurvesCrossNearEightThousand() throws {
        let crossings = try XCTUnwrap(Self.study).reproduction.crossings
        XCTAssertEqual(crossings.count, 3)
        let fourSeventyAndOnePointTwo = try XCTUnwrap(crossings.first { $0.first.hasPrefix("470M") && $0.second.hasPrefix("1.2B") }?.heads)
        XCTAssertEqual(log2(fourSeventyAndOnePointTwo), 13, accuracy: 0.5)
    }
}
