import Foundation
import XCTest

@testable import GQAReport

/// Whether the points determine a law is asked of the points first, and answered in words
/// about them: never with an optimiser's return code.
final class FitIdentifiabilityTests: XCTestCase {
    private func failure(_ law: LawKind, _ x: [Double], _ y: [Double], file: StaticString = #filePath, line: UInt = #line) -> FitFailure? {
        do {
            let fit = try CurveFitter.fit(law, FitData(x: x, y: y))
            XCTFail("fitted \(fit.parameters); expected no fit", file: file, line: line)
            return nil
        } catch let failure as FitFailure {
            for code in ["MINPACK", "lmder", "info", "L-BFGS", "NLopt", "converge"] {
                XCTAssertFalse(failure.reason.contains(code), "names the optimiser: \(failure.reason)", file: file, line: line)
            }
            return failure
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func testThreePointsThatRiseAreNotAPowerLawWithAFloor() throws {
        let failure = try XCTUnwrap(self.failure(.powerPlusConstant, [1, 2, 4], [2.30, 2.13, 2.18]))
        XCTAssertEqual(failure.kind, .undetermined)
        XCTAssertTrue(failure.reason.contains("y does not fall from x = 2 to 4 (2.13 → 2.18)"), failure.reason)
        XCTAssertTrue(failure.reason.contains("(1, 2.3), (2, 2.13), (4, 2.18)"), "names the points: \(failure.reason)")
    }

    func testThreePointsWhoseFallSteepensAreNotConvex() throws {
        let failure = try XCTUnwrap(self.failure(.powerPlusConstant, [1, 2, 4], [2.13, 2.09, 2.00]))
        XCTAssertTrue(failure.reason.contains("does not flatten"), failure.reason)
    }

    func testPointsAlongALineInLogXGiveTheirSlopeNotAFloor() throws {
        // y = 3 − 0.05·log2 x: every exponent fits worse than a straight line in log x.
        let x = [1.0, 2, 4, 8, 16]
        let failure = try XCTUnwrap(self.failure(.powerPlusConstant, x, x.map { 3 - 0.05 * log2($0) }))
        guard case let .floorUndetermined(slope) = failure.kind else { return XCTFail("\(failure.kind)") }
        XCTAssertEqual(slope, -0.05, accuracy: 1e-9)
        XCTAssertTrue(failure.reason.contains("the floor c is not determined"), failure.reason)
    }

    func testASizeLawWhoseBestFloorIsNegativeGivesItsSlope() throws {
        // Falls faster than any floor ≥ 0 allows at this curvature: the best E is below zero.
        let n = [1e8, 2e8, 4e8, 8e8]
        let failure = try XCTUnwrap(self.failure(.sizeLaw, n, n.map { pow(1e6 / $0, 0.05) - 0.3 }))
        guard case .floorUndetermined = failure.kind else { return XCTFail("\(failure.kind)") }
        XCTAssertTrue(failure.reason.contains("the floor E is not determined: the best fit puts the floor E at"), failure.reason)
    }

    func testAStepSteeperThanAnyAllowedExponentIsSaidSo() throws {
        let failure = try XCTUnwrap(self.failure(.powerPlusConstant, [1, 2, 4, 8, 16], [3, 2, 2, 2, 2.0001]))
        XCTAssertEqual(failure.kind, .undetermined)
        XCTAssertTrue(failure.reason.contains("more abruptly than x^(−10)") || failure.reason.contains("does not fall"), failure.reason)
    }

    func testThreeFallingConvexPointsAreInterpolated() throws {
        let fit = try CurveFitter.fit(.powerPlusConstant, FitData(x: [1, 4, 16], y: [3.0, 2.8, 2.7]))
        XCTAssertTrue(fit.isInterpolation)
        XCTAssertNil(fit.standardErrors)
        XCTAssertNil(fit.intervals)
        for (x, y) in zip([1.0, 4, 16], [3.0, 2.8, 2.7]) { XCTAssertEqual(fit.predict(x: x), y, accuracy: 1e-9) }
    }

    /// The projection finds the global optimum in b where a local search from a poor start
    /// would not: the profile is scanned over the whole range first.
    func testTheProjectionFindsTheOptimumOverTheWholeRange() throws {
        let x = [1.0, 2, 4, 8, 16, 32, 64]
        let truth = [0.8, 1.7, 2.1]
        let fit = try CurveFitter.fit(.powerPlusConstant, FitData(x: x, y: x.map { PowerPlusConstantLaw().predict(truth, x: $0) }))
        for (value, expected) in zip(fit.parameters, truth) { XCTAssertEqual(value, expected, accuracy: 1e-7) }
    }

    /// The study's example runs: every curve is fitted, or said in words not to be determined;
    /// no warning, table row or page names an optimiser's code.
    func testTheShippedArtifactNamesNoOptimiserCode() throws {
        let tables = Repository.root.appendingPathComponent("Results/tables/fits.xml")
        let fits = try String(contentsOf: tables, encoding: .utf8)
        let page = try String(contentsOf: Repository.root.appendingPathComponent("site/fits.html"), encoding: .utf8)
        for text in [fits, page] {
            for code in ["MINPACK", "lmder", "did not converge", "L-BFGS failed"] { XCTAssertFalse(text.contains(code), code) }
        }
        XCTAssertFalse(fits.contains("status=\"failed\""))
    }
}
