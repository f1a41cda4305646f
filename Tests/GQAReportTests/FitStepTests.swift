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

    func testJSONHasTheLawsParameterNames() throws {
        let data = FitData(x: [1, 2, 4, 8, 16], y: [3.05, 3.0, 2.96, 2.931, 2.905])
        var options = FitOptions()
        options.bootstrapSamples = 10
        let object = try JSONSerialization.jsonObject(with: Data(try FitReport.json(CurveFitter.fit(.powerPlusConstant, data, options: options)).utf8)) as! [String: Any]
        XCTAssertEqual(Set(object.keys), ["law", "parameters", "stderr", "r2", "rmse", "n"])
        XCTAssertEqual(Set((object["parameters"] as! [String: Double]).keys), ["a", "b", "c"])
        XCTAssertEqual(object["n"] as? Int, 5)
    }
}
