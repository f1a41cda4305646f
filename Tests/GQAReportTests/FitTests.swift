import Foundation
import XCTest

@testable import GQAReport

final class FitTests: XCTestCase {
    private let fixtures = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/fits")

    private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    /// scipy's curve_fit (MINPACK) on the same points; reference values written by
    /// Fixtures/fits/make_fit_fixtures.py.
    func testAgreesWithScipyCurveFit() throws {
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("reference.json"))) as! [String: Any]
        let cases = reference["fits"] as! [[String: Any]]
        XCTAssertEqual(cases.count, 5)  // the last: a size law with a ≈ 1.1e9
        for entry in cases {
            let file = entry["file"] as! String
            let law = LawKind(rawValue: entry["law"] as! String)!
            let data = try FitTableReader.read(Data(contentsOf: fixtures.appendingPathComponent(file)), path: file,
                                               law: law, x: entry["x"] as! String, x2: nil, y: "loss")
            let fit = try CurveFitter.fit(law, data)
            let parameters = entry["parameters"] as! [String: Double]
            let errors = entry["stderr"] as! [String: Double]
            for (name, expected) in parameters {
                XCTAssertLessThanOrEqual(relative(fit.parameter(name)!, expected), 1e-6, "\(file) \(name): \(fit.parameter(name)!) vs scipy \(expected)")
                let index = fit.parameterNames.firstIndex(of: name)!
                XCTAssertLessThanOrEqual(relative(fit.standardErrors![index], errors[name]!), 1e-4, "\(file) stderr \(name)")
            }
            XCTAssertGreaterThan(fit.r2, 0.99, file)
        }
    }

    func testRecoversAPowerPlusConstantFromNoisyData() throws {
        var rng = SplitMix64(seed: 7)
        let x = (0..<12).map { pow(2, Double($0)) }
        let y = x.map { 0.3 * pow($0, -0.227) + 2.622 + 0.0005 * (Double(rng.index(below: 2001)) / 1000 - 1) }
        let fit = try CurveFitter.fit(.powerPlusConstant, FitData(x: x, y: y))
        XCTAssertEqual(fit.parameter("a")!, 0.3, accuracy: 0.01)
        XCTAssertEqual(fit.parameter("b")!, 0.227, accuracy: 0.01)
        XCTAssertEqual(fit.parameter("c")!, 2.622, accuracy: 0.005)
        XCTAssertGreaterThan(fit.r2, 0.999)
        let interval = fit.intervals![1]
        XCTAssertTrue(interval.contains(fit.parameter("b")!))
    }

    func testRecoversASizeLawExactly() throws {
        let n = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9]
        let y = n.map { pow(8.8e7 / $0, 0.19) + 2.05 }
        let fit = try CurveFitter.fit(.sizeLaw, FitData(x: n, y: y))
        XCTAssertEqual(relative(fit.parameter("a")!, 8.8e7), 0, accuracy: 1e-5)
        XCTAssertEqual(fit.parameter("b")!, 0.19, accuracy: 1e-6)
        XCTAssertEqual(fit.parameter("E")!, 2.05, accuracy: 1e-6)
        XCTAssertLessThan(fit.rmse, 1e-9)
    }

    func testRecoversChinchillaFromNoiseFreeData() throws {
        // Hoffmann et al.'s published fit as ground truth.
        let truth = [1.69, 406.4, 0.34, 410.7, 0.28]
        var n: [Double] = [], d: [Double] = [], y: [Double] = []
        for size in [1e7, 4e7, 1.6e8, 6.4e8, 2.56e9] {
            for tokens in [2e8, 1e9, 5e9, 2.5e10] {
                n.append(size); d.append(tokens)
                y.append(ChinchillaLaw().predict(truth, x: size, x2: tokens))
            }
        }
        var options = FitOptions()
        options.chinchillaGrid = .init(e: [0, 1], a: [0, 5, 10], alpha: [0.5], b: [0, 5, 10], beta: [0.5])
        options.chinchillaBootstrapSamples = 10
        let fit = try CurveFitter.fit(.chinchilla, FitData(x: n, x2: d, y: y), options: options)
        for (index, expected) in truth.enumerated() {
            XCTAssertLessThan(relative(fit.parameters[index], expected), 0.02, "\(fit.parameterNames[index]) = \(fit.parameters[index])")
        }
        XCTAssertGreaterThan(fit.r2, 0.9999)
    }

    func testBootstrapIsIdenticalForTheSameSeed() throws {
        let x = [1.0, 2, 4, 8, 16, 32]
        let y = [3.05, 3.0, 2.96, 2.931, 2.905, 2.889]
        var options = FitOptions()
        options.bootstrapSamples = 200
        let first = try CurveFitter.fit(.powerPlusConstant, FitData(x: x, y: y), options: options)
        let second = try CurveFitter.fit(.powerPlusConstant, FitData(x: x, y: y), options: options)
        XCTAssertEqual(first.intervals, second.intervals)
        XCTAssertEqual(first.bootstrap, second.bootstrap)
        options.seed = 99
        let other = try CurveFitter.fit(.powerPlusConstant, FitData(x: x, y: y), options: options)
        XCTAssertNotEqual(first.intervals, other.intervals)
    }

    func testFewerPointsThanParametersFails() {
        XCTAssertThrowsError(try CurveFitter.fit(.sizeLaw, FitData(x: [1e7, 1e8], y: [3, 2.8]))) { error in
            XCTAssertTrue("\(error)".contains("needs at least 3 points; there are 2"), "\(error)")
        }
    }

    func testNonPositiveInputFails() {
        XCTAssertThrowsError(try CurveFitter.fit(.powerPlusConstant, FitData(x: [0, 1, 2, 4], y: [3, 2.9, 2.8, 2.75])))
    }

    func testRisingDataLeavesTheBoundsAndFails() {
        // Loss that grows with size is not a size law: the failure says so instead of a fit.
        XCTAssertThrowsError(try CurveFitter.fit(.sizeLaw, FitData(x: [1e7, 1e8, 1e9, 1e10], y: [2.5, 2.7, 2.9, 3.1])))
    }

    func testAnInterpolationIsNotResampled() throws {
        var options = FitOptions()
        options.bootstrapSamples = 270
        let fit = try CurveFitter.fit(.powerPlusConstant, FitData(x: [1, 4, 16], y: [3.0, 2.8, 2.7]), options: options)
        XCTAssertTrue(fit.isInterpolation)
        XCTAssertEqual(fit.bootstrap.samples, 0)
        XCTAssertNil(fit.intervals)
    }

    func testExactlyAsManyPointsAsParametersHasNoStandardErrors() throws {
        let fit = try CurveFitter.fit(.powerPlusConstant, FitData(x: [1, 4, 16], y: [3.0, 2.8, 2.7]))
        XCTAssertNil(fit.standardErrors)
        XCTAssertEqual(fit.rmse, 0, accuracy: 1e-9)
    }
}

final class FitTableReaderTests: XCTestCase {
    private func read(_ csv: String, law: LawKind = .powerPlusConstant, x: String = "x", x2: String? = nil) throws -> FitData {
        try FitTableReader.read(Data(csv.utf8), path: "p.csv", law: law, x: x, x2: x2, y: "y")
    }

    func testReadsQuotedCellsAndSkipsBlankLines() throws {
        let data = try read("x,\"y\"\n1,\"3.0\"\n\n2,2.9\r\n4,2.85\n")
        XCTAssertEqual(data.x, [1, 2, 4])
        XCTAssertEqual(data.y, [3.0, 2.9, 2.85])
        XCTAssertEqual(data.labels, ["row 2", "row 4", "row 5"])
    }

    func testMissingColumnNamesTheColumns() {
        XCTAssertThrowsError(try read("a,y\n1,2\n", x: "x")) { error in
            XCTAssertEqual("\(error)", "p.csv:1: no column 'x'; the columns are 'a', 'y'")
        }
    }

    func testNonNumericCellNamesRowAndColumn() {
        XCTAssertThrowsError(try read("x,y\n1,3\n2,abc\n4,2.8\n")) { error in
            XCTAssertEqual("\(error)", "p.csv:3: column 'y': 'abc' is not a finite number")
        }
    }

    func testNonPositiveXIsRejected() {
        XCTAssertThrowsError(try read("x,y\n1,3\n-2,2.9\n4,2.8\n")) { error in
            XCTAssertEqual("\(error)", "p.csv:3: column 'x': -2 is not positive; a power law needs x > 0")
        }
    }

    func testTooFewRows() {
        XCTAssertThrowsError(try read("x,y\n1,3\n2,2.9\n")) { error in
            XCTAssertTrue("\(error)".contains("2 data row(s); power-plus-constant has 3 parameters"), "\(error)")
        }
    }

    func testChinchillaNeedsASecondColumn() {
        XCTAssertThrowsError(try read("x,y\n1,3\n", law: .chinchilla)) { error in
            XCTAssertTrue("\(error)".contains("--x2"), "\(error)")
        }
    }
}
