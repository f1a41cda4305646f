import Foundation
import XCTest

@testable import GQAReport

/// Each bad input in a run gives one clear message naming the file (and line). The run is then
/// unreadable: listed with that message, while every other run is built; `--strict` fails the
/// build with it and leaves the previous outputs exactly as they were.
final class BadInputTests: XCTestCase {
    private var project: TestProject!
    private var before: [String: String] = [:]

    override func setUpWithError() throws {
        project = try TestProject()
        try project.addRun("good_gpt-4-256")
        try project.build()
        before = project.outputHashes()
        for file in ["site/index.html", "site/style.css", "Results/tables/runs.xml", "Results/tables/costs.xml",
                     "Results/tables/fits.xml", "Results/tables/claims.xml"] {
            XCTAssertNotNil(before[file], file)
        }
    }

    override func tearDown() {
        project = nil
    }

    /// Breaks the whole build (not one run) with `breakIt`: the error, and the untouched outputs.
    private func assertWholeBuildFails(
        path: String, mentioning words: String, file: StaticString = #filePath, fileLine: UInt = #line, _ breakIt: () throws -> Void
    ) throws {
        try breakIt()
        guard let error = project.buildError(file: file, line: fileLine) else { return }
        XCTAssertEqual(error.path, path, "\(error)", file: file, line: fileLine)
        XCTAssertTrue(error.description.contains(words), "\(error)", file: file, line: fileLine)
        XCTAssertEqual(project.outputHashes(), before, "outputs changed after a failed build", file: file, line: fileLine)
    }

    /// Breaks one run with `breakIt`, then checks the build error and the untouched outputs.
    private func assertBuildFails(
        path: String, line: Int? = nil, mentioning words: String,
        file: StaticString = #filePath, fileLine: UInt = #line, _ breakIt: () throws -> Void
    ) throws {
        try breakIt()
        let located = path + (line.map { ":\($0)" } ?? "") + ": "
        guard let error = project.buildError(strict: true, file: file, line: fileLine) else { return }
        XCTAssertTrue(error.description.hasPrefix("--strict: 1 input(s)"), "\(error)", file: file, line: fileLine)
        XCTAssertTrue(error.description.contains(located), "\(error)", file: file, line: fileLine)
        XCTAssertTrue(error.description.contains(words), "\(error)", file: file, line: fileLine)
        XCTAssertEqual(project.outputHashes(), before, "outputs changed after a failed build", file: file, line: fileLine)
        // Without --strict the good run is built and the bad one listed, with the same message.
        let context = try project.build()
        XCTAssertEqual(context.runs.map(\.name), ["good_gpt-4-256"], file: file, line: fileLine)
        let unreadable = context.runsWithoutMetrics.filter(\.unreadable)
        XCTAssertEqual(unreadable.count, 1, file: file, line: fileLine)
        XCTAssertTrue(unreadable.first.map { $0.reason.hasPrefix(located) && $0.reason.contains(words) } ?? false, "\(unreadable)", file: file, line: fileLine)
        let runsTable = try String(contentsOf: project.layout.tables.appendingPathComponent("runs.xml"), encoding: .utf8)
        XCTAssertTrue(runsTable.contains("<unreadable name=\""), file: file, line: fileLine)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(OutputWriter.stagingName).path))
    }

    func testFolderWithOnlyArgumentsIsLeftOutWithAWarning() throws {
        // train.py writes args.json before it builds the model: a crash in between leaves
        // a folder with args.json only. It is left out with a warning, never a failed build.
        let run = try project.addRun("bad")
        try FileManager.default.removeItem(at: run.appendingPathComponent("model_config.json"))
        let context = try project.build()
        XCTAssertEqual(context.runs.map(\.name), ["good_gpt-4-256"])
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.hasPrefix("Results/runs/bad: missing model_config.json") }, "\(context.diagnostics.warnings)")
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.hasPrefix("Results/runs/bad/stdout.log: not tied to any run") }, "\(context.diagnostics.warnings)")
    }

    func testMalformedJSONNamesTheLine() throws {
        try assertBuildFails(path: "Results/runs/bad/model_config.json", line: 3, mentioning: "malformed JSON") {
            try project.addRun("bad", modelJSON: "{\n  \"n_layer\": 4,\n  \"d_model\": 256,,\n}")
        }
    }

    func testMissingRequiredField() throws {
        try assertBuildFails(path: "Results/runs/bad/model_config.json", mentioning: "missing required field 'n_kv_head'") {
            try project.addRun("bad", modelJSON: #"{"n_layer": 4, "d_model": 256, "n_head": 4, "vocab_size": 50304}"#)
        }
    }

    func testMisspelledFieldIsRejected() throws {
        try assertBuildFails(path: "Results/runs/bad/model_config.json", mentioning: "unknown field 'n_kv_heads' (did you mean 'n_kv_head'?)") {
            try project.addRun("bad", modelJSON: #"{"n_layer": 4, "d_model": 256, "n_head": 4, "n_kv_head": 4, "n_kv_heads": 1, "vocab_size": 50304}"#)
        }
    }

    func testMisspelledTrainingFieldIsRejected() throws {
        try assertBuildFails(path: "Results/runs/bad/args.json", mentioning: "did you mean 'n_train_steps'") {
            try project.addRun("bad", argsJSON: #"{"max_len": 8192, "batch_size": 8, "n_train_step": 10}"#)
        }
    }

    func testWrongFieldType() throws {
        try assertBuildFails(path: "Results/runs/bad/model_config.json", mentioning: "field 'd_model' must be an integer") {
            try project.addRun("bad", modelJSON: #"{"n_layer": 4, "d_model": "256", "n_head": 4, "n_kv_head": 4, "vocab_size": 50304}"#)
        }
    }

    func testHeadsNotAMultipleOfKVHeads() throws {
        try assertBuildFails(path: "Results/runs/bad/model_config.json", mentioning: "n_head (6) must be a multiple of n_kv_head (4)") {
            try project.addRun("bad", heads: 6, kvHeads: 4)
        }
    }

    func testZeroSize() throws {
        try assertBuildFails(path: "Results/runs/bad/model_config.json", mentioning: "'n_layer' must be a positive integer, found 0") {
            try project.addRun("bad", layers: 0)
        }
    }

    func testNegativeSize() throws {
        try assertBuildFails(path: "Results/runs/bad/args.json", mentioning: "'max_len' must be a positive integer, found -8192") {
            try project.addRun("bad", argsJSON: #"{"max_len": -8192, "batch_size": 8, "n_train_steps": 10}"#)
        }
    }

    func testNaNLoss() throws {
        try assertBuildFails(path: "Results/runs/bad/stdout.log", line: 4, mentioning: "loss is nan") {
            try project.addRun("bad", log: "a\nb\n[1/3] loss 5.0\n[2/3] loss nan | lr 1e-3\n")
        }
    }

    func testInfiniteLoss() throws {
        try assertBuildFails(path: "Results/runs/bad/stdout.log", line: 1, mentioning: "loss is inf") {
            try project.addRun("bad", log: "[1/3] loss inf\n")
        }
    }

    func testBrokenMetricLine() throws {
        try assertBuildFails(path: "Results/runs/bad/stdout.log", line: 2, mentioning: "broken metric line") {
            try project.addRun("bad", log: "[1/3] loss 5.0\n[2/3] loss 4.9 | lr\n")
        }
    }

    /// A launch that crashed before its first step leaves a run directory with no loss: the
    /// run is listed without metrics and the build goes on.
    func testLogWithNoLossIsListedNotFatal() throws {
        try project.addRun("bad", log: "Traceback (most recent call last):\nRuntimeError: out of memory\n")
        let context = try project.build()
        XCTAssertEqual(context.runs.map(\.name), ["good_gpt-4-256"])
        XCTAssertEqual(context.runsWithoutMetrics.map(\.name), ["bad"])
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.hasPrefix("Results/runs/bad: run 'bad' has no metrics") }, "\(context.diagnostics.warnings)")
        let page = try String(contentsOf: project.layout.site.appendingPathComponent("runs.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("bad"), "the runs page lists the run without metrics")
    }

    func testNoLogAtAllIsListedNotFatal() throws {
        let run = try project.addRun("bad")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        let context = try project.build()
        XCTAssertEqual(context.runsWithoutMetrics.map(\.name), ["bad"])
        XCTAssertTrue(context.runsWithoutMetrics[0].reason.contains("no metric log found"))
    }

    func testEmptyRunsFolder() throws {
        try assertWholeBuildFails(path: "Results/runs/", mentioning: "no run directories") {
            try FileManager.default.removeItem(at: project.runDirectory("good_gpt-4-256"))
        }
    }

    func testInvalidTableStopsTheBuild() throws {
        // A schema that demands an attribute the table does not have: the table fails validation.
        try assertWholeBuildFails(path: "Results/tables/costs.xml", mentioning: "does not validate against costs.xsd") {
            let schema = project.root.appendingPathComponent("Results/schemas/costs.xsd")
            let text = try String(contentsOf: schema, encoding: .utf8).replacingOccurrences(
                of: #"<xs:attribute name="bytesPerValue" type="xs:double" use="required"/>"#,
                with: #"<xs:attribute name="bytesPerValue" type="xs:double" use="required"/><xs:attribute name="notThere" type="xs:string" use="required"/>"#)
            try project.write(text, to: schema)
        }
    }
}
