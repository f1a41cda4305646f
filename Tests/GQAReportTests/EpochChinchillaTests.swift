import Foundation
import XCTest

@testable import GQAReport

/// A check from outside: Chinchilla's law fitted to Epoch AI's 240 points of Hoffmann et al.'s
/// Figure 4 (`../shared/fits-data/epoch-chinchilla/`, read in place) lands on the optimum their
/// notebook prints for the same method (Huber δ = 10⁻³ on ln L, L-BFGS from the 4,500-start grid).
final class EpochChinchillaTests: XCTestCase {
    static func epochPoints() throws -> FitData {
        let file = Repository.fitsData.appendingPathComponent("epoch-chinchilla/svg_extracted_data.csv")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw XCTSkip("\(file.path) is not here (set GQA_FITS_DATA to the fits-data folder): Epoch's points are not checked")
        }
        let rows = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: file.path)
        let header = rows[0]
        let size = try CSVTable.column("Model Size", in: header, path: file.path)
        let flops = try CSVTable.column("Training FLOP", in: header, path: file.path)
        let loss = try CSVTable.column("loss", in: header, path: file.path)
        var points = rows.dropFirst().map { row in (n: Double(row.cells[size])!, c: Double(row.cells[flops])!, loss: Double(row.cells[loss])!) }
        // Their default sample: drop the 5 runs of highest loss.
        let cut = points.map(\.loss).sorted(by: >)[4]
        points = points.filter { $0.loss < cut }
        return FitData(x: points.map(\.n), x2: points.map { $0.c / (6 * $0.n) }, y: points.map(\.loss))
    }

    func testLandsOnEpochsOptimum() throws {
        let data = try Self.epochPoints()
        XCTAssertEqual(data.count, 240)
        var options = FitOptions()
        options.chinchillaBootstrapSamples = 20
        let fit = try CurveFitter.fit(.chinchilla, data, options: options)
        // Their notebook: E 1.8172, A 477.84, α 0.34731, B 2143.86, β 0.36718.
        let epoch = [1.8172, 477.84, 0.34731, 2143.86, 0.36718]
        let tolerance = [1e-4, 1e-3, 1e-4, 1e-3, 1e-4]
        for j in 0..<5 {
            XCTAssertLessThan(abs(fit.parameters[j] - epoch[j]) / epoch[j], tolerance[j], "\(fit.parameterNames[j]) = \(fit.parameters[j])")
        }
    }

    /// Descending from the best 20 starts of the grid finds what descending from all 4,500 does.
    func testTheBestStartsFindTheWholeGridsOptimum() throws {
        let data = try Self.epochPoints()
        var few = FitOptions(), all = FitOptions()
        few.chinchillaBootstrapSamples = 0
        all.chinchillaBootstrapSamples = 0
        all.chinchillaDescents = ChinchillaLaw.Grid.hoffmann.points.count
        let a = try CurveFitter.fit(.chinchilla, data, options: few)
        let b = try CurveFitter.fit(.chinchilla, data, options: all)
        for j in 0..<5 { XCTAssertEqual(a.parameters[j], b.parameters[j], accuracy: 1e-6 * abs(b.parameters[j]), a.parameterNames[j]) }
    }
}

/// The two laws beside Hoffmann et al.'s: least squares on ln L, and one shared exponent, each
/// landing where scipy's L-BFGS-B from every start of the grid does on Epoch's points
/// (Fixtures/fits/make_outside_references.py).
final class ChinchillaVariantsTests: XCTestCase {
    private func scipy(_ law: String) throws -> [String: Double] {
        let file = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/fits/outside-reference.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        return (object["epoch"] as! [[String: Any]]).first { $0["law"] as? String == law }!["parameters"] as! [String: Double]
    }

    private func check(_ fit: Fit, against expected: [String: Double]) {
        XCTAssertEqual(Set(fit.parameterNames), Set(expected.keys))
        for (j, name) in fit.parameterNames.enumerated() {
            XCTAssertEqual(fit.parameters[j], expected[name]!, accuracy: 1e-4 * abs(expected[name]!), "\(fit.law.rawValue) \(name)")
        }
    }

    func testLeastSquaresOnLogLossAgreesWithScipy() throws {
        let data = try EpochChinchillaTests.epochPoints()
        var options = FitOptions()
        options.chinchillaBootstrapSamples = 0
        options.chinchillaLoss = .squares
        check(try CurveFitter.fit(.chinchilla, data, options: options), against: try scipy("chinchilla"))
    }

    func testASharedExponentAgreesWithScipy() throws {
        let data = try EpochChinchillaTests.epochPoints()
        var options = FitOptions()
        options.chinchillaBootstrapSamples = 10
        let fit = try CurveFitter.fit(.chinchillaSharedExponent, data, options: options)
        check(fit, against: try scipy("chinchilla-shared-exponent"))
        XCTAssertEqual(fit.predict(x: 1e9, x2: 2e10), fit.parameters[0] + fit.parameters[1] / pow(1e9, fit.parameters[2]) + fit.parameters[3] / pow(2e10, fit.parameters[2]))
        XCTAssertEqual(fit.bootstrap.method, .cases)
        XCTAssertNotNil(fit.standardErrors)
    }
}
