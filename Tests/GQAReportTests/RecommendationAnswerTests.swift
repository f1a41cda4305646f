import Foundation
import XCTest

@testable import GQAReport

/// `report recommend` answers first: switch, or keep Llama-3's configuration when no
/// candidate is cheaper; its savings carry intervals from the curves' refits, and an N*
/// beyond a curve's data is called an extrapolation. On the study's digitized curves.
final class RecommendationAnswerTests: XCTestCase {
    private func studyFits() throws -> [FitOutcome] {
        let project = try TestProject()
        for folder in ["Results/digitized", "Results/paper"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder), to: project.root.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Results/claims.xml"),
                                         to: project.root.appendingPathComponent("Results/claims.xml"))
        try project.addRun("a")  // a build needs a run; its one size fits no size law
        return try project.build().fits
    }

    func testAtEightKTheAnswerIsToKeepLlama3sConfiguration() throws {
        let r = Recommendation.make(fits: try studyFits(), search: CostOptimalSearch(context: 8192, targetLoss: 2.615), source: "digitized")
        XCTAssertEqual(r.answer, .keepBaseline)
        XCTAssertTrue(r.answerText.hasPrefix("answer: keep Llama-3's configuration"), r.answerText)
        XCTAssertTrue(r.text.hasPrefix("answer: keep"), "the answer is the first line")
        XCTAssertLessThan(r.savings[.z]!, 0, "the cheapest candidate costs more than the baseline")
        let interval = try XCTUnwrap(r.savingsIntervals[.z])
        XCTAssertTrue(interval.contains(r.savings[.z]!))
        XCTAssertFalse(r.text.contains("winner:"), r.text)
    }

    func testAt128KTheAnswerIsToSwitchWithAnIntervalAndTheExtrapolationSaid() throws {
        let r = Recommendation.make(fits: try studyFits(), search: CostOptimalSearch(context: 131_072, targetLoss: 2.615), source: "digitized")
        XCTAssertEqual(r.answer, .switchTo)
        XCTAssertGreaterThan(r.savings[.z]!, 0)
        let interval = try XCTUnwrap(r.savingsIntervals[.z])
        XCTAssertGreaterThan(interval.lowerBound, 0, "at 128K the saving is sure")
        XCTAssertTrue(r.answerText.contains("95% interval"), r.answerText)
        XCTAssertTrue(r.extrapolations.contains { $0.contains("the largest fitted N") }, "\(r.extrapolations)")
    }

    func testNoCandidateReachingTheLossIsUnreachable() throws {
        let r = Recommendation.make(fits: try studyFits(), search: CostOptimalSearch(context: 131_072, targetLoss: 1.0), source: "digitized")
        XCTAssertEqual(r.answer, .unreachable)
        XCTAssertTrue(r.savingsIntervals.isEmpty)
    }

    func testTheExplorerEmbedsEachCurvesRefitsInReplicateOrder() throws {
        let fits = try studyFits()
        let data = try JSONSerialization.jsonObject(with: Data(try ExplorerData(fits: fits, defaultContext: 131_072, defaultLoss: 2.615).json().utf8)) as! [String: Any]
        let source = (data["sources"] as! [[String: Any]]).first { $0["id"] as? String == "digitized" }!
        let curves = source["curves"] as! [[String: Any]]
        let set = Recommendation.curveSet(fits: fits, source: "digitized")
        for (index, curve) in curves.enumerated() {
            let refits = curve["refits"] as! [[Double]]
            XCTAssertEqual(refits.count, Recommendation.replicates)
            // Foundation's JSON reader may round the last bit; the page's (JavaScript's) does not.
            let expected = try XCTUnwrap(Recommendation.replicate(set.curves[index], r: 3, place: index)).fit.parameters
            for j in 0..<3 { XCTAssertEqual(refits[3][j], expected[j], accuracy: 1e-15 * abs(expected[j])) }
        }
    }
}
