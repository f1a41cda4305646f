import Foundation
import XCTest

@testable import GQAReport
@testable import ReportCLI

final class FitStepTests: XCTestCase {
    /// A log whose last 5% of losses average to `loss`.
    private func flatLog(_ loss: Double, steps: Int = 20) -> String {
        (1...steps).map { "[\($0)/\(steps)] loss \(String(format: "%.6f", loss))" }.joined(separator: "\n") + "\n"
    }

    func testBuildFitsTheSizeLawOfARunLadderAndWritesFitsXML() throws {
        let project = try TestProject()
        let truth = [6.0e7, 0.2, 2.1]  // (a/N)^b + E
        for (layers, hidden) in [(4, 256), (6, 512), (8, 768), (12, 1024)] {
            let config = ModelConfig(layers: layers, hiddenSize: hidden, queryHeads: 8, kvHeads: 1)
            let n = ParameterConvention.paperFormula.count(config)
            try project.addRun("r\(layers)", layers: layers, hidden: hidden, heads: 8, kvHeads: 1,
                               log: flatLog(SizeLaw().predict(truth, x: n)))
        }
        let context = try project.build()
        let size = try XCTUnwrap(context.fits.first { $0.selection.law == .sizeLaw }?.fit)
        XCTAssertEqual(size.parameter("b")!, 0.2, accuracy: 1e-4)
        XCTAssertEqual(size.parameter("E")!, 2.1, accuracy: 1e-4)
        XCTAssertEqual(context.fits.filter { $0.selection.context == FitStep.costContext }.count, 3)
        let xml = try String(contentsOf: project.layout.tables.appendingPathComponent("fits.xml"), encoding: .utf8)
        XCTAssertTrue(xml.contains(#"id="size-law_N_h8-kv1_runs" law="size-law""#), xml)
        XCTAssertTrue(xml.contains(#"status="fitted""#))
        let page = try String(contentsOf: project.layout.site.appendingPathComponent("fits.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("loss against N for H = (8, 1)"))
    }

    func testLossAgainstHeadsIsFittedPerShapeAndKVHeads() throws {
        let project = try TestProject()
        for heads in [1, 2, 4, 8, 16] {
            let loss = PowerPlusConstantLaw().predict([0.4, 0.18, 2.6], x: Double(heads))
            try project.addRun("h\(heads)", layers: 6, hidden: 512, heads: heads, kvHeads: 1, log: flatLog(loss))
        }
        let context = try project.build()
        let heads = try XCTUnwrap(context.fits.first { $0.selection.xName == "n_h" }?.fit)
        XCTAssertEqual(heads.parameter("b")!, 0.18, accuracy: 1e-4)
        XCTAssertEqual(heads.n, 5)
    }

    func testExampleRunsAndLoggedRunsAreNeverFittedTogether() throws {
        let project = try TestProject()
        for (index, layers) in [4, 6, 8].enumerated() {
            let run = try project.addRun("r\(layers)", layers: layers, hidden: 128 * layers / 2, log: flatLog(4 - 0.2 * Double(index)))
            if index == 0 { try project.write("example", to: run.appendingPathComponent("EXAMPLE.txt")) }
        }
        let context = try project.build()
        let sizeFits = context.fits.filter { $0.selection.law == .sizeLaw }
        XCTAssertEqual(sizeFits.map(\.selection.source), [.runs, .exampleRuns])
        XCTAssertEqual(sizeFits.map(\.selection.data.count), [2, 1])
        XCTAssertTrue(sizeFits.allSatisfy { $0.fit == nil })
    }
}

final class FitCommandTests: XCTestCase {
    func testExitStatuses() throws {
        let project = try TestProject()
        let good = project.root.appendingPathComponent("good.csv")
        try project.write("n_h,loss\n1,3.05\n2,3.0\n4,2.96\n8,2.931\n16,2.905\n", to: good)
        XCTAssertEqual(runReport(["fit", "power-plus-constant", good.path, "--x", "n_h", "--y", "loss", "--json", "--bootstrap", "20"]), 0)
        XCTAssertEqual(runReport(["fit", "power-plus-constant", good.path, "--x", "heads", "--y", "loss"]), 2)
        let bad = project.root.appendingPathComponent("bad.csv")
        try project.write("n_h,loss\n1,3.05\n2,oops\n4,2.96\n", to: bad)
        XCTAssertEqual(runReport(["fit", "size-law", bad.path, "--x", "n_h", "--y", "loss"]), 2)
        XCTAssertEqual(runReport(["fit", "size-law", project.root.appendingPathComponent("none.csv").path, "--x", "n_h", "--y", "loss"]), 2)
        let rising = project.root.appendingPathComponent("rising.csv")
        try project.write("N,loss\n1e7,2.5\n1e8,2.7\n1e9,2.9\n1e10,3.1\n", to: rising)
        XCTAssertEqual(runReport(["fit", "size-law", rising.path, "--x", "N", "--y", "loss"]), 1)
    }

    func testJSONCarriesErrorsIntervalsBootstrapRangesPredictionsAndHoldout() throws {
        let data = FitData(x: [1, 2, 4, 8, 16, 32], y: [3.05, 3.0, 2.96, 2.931, 2.905, 2.889])
        var options = FitOptions()
        options.bootstrapSamples = 40
        let fit = try CurveFitter.fit(.powerPlusConstant, data, options: options)
        let report = FitReport(fit: fit, inputNames: ["n_h"], predictions: [Prediction(fit, x: 128)],
                               holdout: try HoldoutCheck.run(.powerPlusConstant, data, largest: 1, options: options))
        let object = try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as! [String: Any]
        XCTAssertEqual(Set(object.keys), ["law", "formula", "parameters", "stderr", "intervals", "ranges", "bootstrap", "r2", "rmse", "n", "predictions", "holdout"])
        XCTAssertEqual(Set((object["parameters"] as! [String: Double]).keys), ["a", "b", "c"])
        XCTAssertEqual((object["intervals"] as! [String: [Double]])["b"]!.count, 2)
        XCTAssertEqual((object["ranges"] as! [String: [Double]])["n_h"], [1, 32])
        let bootstrap = object["bootstrap"] as! [String: Any]
        XCTAssertEqual(bootstrap["method"] as? String, "residuals")
        XCTAssertEqual(bootstrap["samples"] as? Int, 40)
        let prediction = (object["predictions"] as! [[String: Any]])[0]
        let extrapolation = (prediction["extrapolations"] as! [[String: Any]])[0]
        XCTAssertEqual(extrapolation["factor"] as? Double, 4)
        XCTAssertEqual(extrapolation["direction"] as? String, "above")
        let holdout = object["holdout"] as! [String: Any]
        XCTAssertEqual(holdout["status"] as? String, "fitted")
        XCTAssertEqual((holdout["points"] as! [[String: Any]]).count, 1)
        XCTAssertEqual(object["n"] as? Int, 6)
    }

    func testPredictAndHoldoutOptionsAreChecked() throws {
        let project = try TestProject()
        let good = project.root.appendingPathComponent("good.csv")
        try project.write("n_h,loss\n1,3.05\n2,3.0\n4,2.96\n8,2.931\n16,2.905\n", to: good)
        let base = ["fit", "power-plus-constant", good.path, "--x", "n_h", "--y", "loss", "--bootstrap", "20"]
        XCTAssertEqual(runReport(base + ["--predict", "64", "--predict", "0.5", "--holdout-largest", "1"]), 0)
        XCTAssertEqual(runReport(base + ["--predict", "64,3"]), 64, "one input, two numbers")
        XCTAssertEqual(runReport(base + ["--predict", "-1"]), 64)
        XCTAssertEqual(runReport(base + ["--holdout-largest", "0"]), 64)
        XCTAssertEqual(runReport(base + ["--holdout-largest", "3"]), 1, "2 sizes left for 3 parameters")
        XCTAssertEqual(runReport(base + ["--loss", "squares"]), 64, "--loss is for the chinchilla laws")
        XCTAssertEqual(runReport(base + ["--bootstrap", "0"]), 0)
    }
}
