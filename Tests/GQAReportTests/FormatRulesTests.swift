import Foundation
import XCTest

@testable import GQAReport

/// The rules of the formats guide (site/guide-formats.html) in a project: content decides the reader, W&B chart
/// exports are joined to runs by name, which series is the validation loss (and the
/// report.json that overrides it), and lm-eval results combined per model folder.
final class FormatRulesTests: XCTestCase {
    private func stdoutFree(_ project: TestProject, _ name: String) throws -> URL {
        let run = try project.addRun(name)
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        return run
    }

    func testAChartExportIsSplitIntoTheRunsItNames() throws {
        let project = try TestProject()
        try stdoutFree(project, "small")
        try stdoutFree(project, "large")
        let rows = (0...20).map { "\"\($0)\",\"\(5 - 0.1 * Double($0))\",\"0\",\"9\",\"\(4 - 0.1 * Double($0))\",\"\",\"\",\"\(6.0)\"" }
        try project.write((["\"Step\",\"small - eval/loss\",\"small - eval/loss__MIN\",\"small - eval/loss__MAX\",\"large - eval/loss\",\"large - eval/loss__MIN\",\"large - eval/loss__MAX\",\"orphan - eval/loss\""] + rows).joined(separator: "\n"),
                          to: project.layout.runs.appendingPathComponent("wandb_export.csv"))
        let context = try project.build()
        let small = try XCTUnwrap(context.runs.first { $0.name == "small" })
        let large = try XCTUnwrap(context.runs.first { $0.name == "large" })
        XCTAssertEqual(small.finalLoss.value, 3.0, accuracy: 1e-12)
        XCTAssertEqual(small.finalLoss.source, .validation, "eval/loss is a validation loss")
        XCTAssertEqual(large.finalLoss.value, 2.0, accuracy: 1e-12)
        XCTAssertEqual(small.lossSeries.first?.series, "eval/loss")
        XCTAssertEqual(small.logs.first?.runInFile, "small")
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.contains("wandb_export.csv") && $0.contains("'orphan'") && $0.contains("no configuration") },
                      "\(context.diagnostics.warnings)")
        XCTAssertEqual(context.runsWithoutConfiguration.map(\.name), ["orphan"])
        XCTAssertEqual(context.runsWithoutConfiguration[0].finalLoss?.value, 6)
        XCTAssertFalse(context.runs.contains { $0.name == "orphan" }, "no configuration: never costed or fitted")
        let page = try String(contentsOf: project.root.appendingPathComponent("site/runs.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Runs without configuration") && page.contains("<strong>orphan</strong>"))
    }

    /// A user who has only a chart export gets a report: the digitized points decide, and the
    /// export's runs are listed.
    func testAChartExportAloneBuildsAndListsItsRuns() throws {
        let project = try TestProject()
        try FileManager.default.createDirectory(at: project.layout.runs, withIntermediateDirectories: true)
        try project.write("\"Step\",\"a - train/loss\"\n\"1\",\"5\"\n\"2\",\"4\"\n", to: project.layout.runs.appendingPathComponent("wandb_export.csv"))
        let context = try project.build()
        XCTAssertTrue(context.runs.isEmpty)
        XCTAssertEqual(context.runsWithoutConfiguration.map(\.name), ["a"])
        let inspection = try FolderInspection.inspect(project.layout.runs, layout: project.layout)
        XCTAssertTrue(inspection.text.contains("run a  [no configuration]"), inspection.text)
    }

    /// A text log alone is configured by a runs table: the project's own, or one named as
    /// `build --runs-table` names it (`inspect --runs-table`), wherever it lies.
    func testATextLogAloneIsConfiguredByTheRunsTableInspectIsGiven() throws {
        let project = try TestProject()
        let folder = project.root.appendingPathComponent("sweep/nano")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = (0..<5).map { "iter \($0 * 10): loss \(4 - 0.1 * Double($0)), time 12.3ms, mfu 1.0%" }
        try project.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("train.log"))
        let table = project.root.appendingPathComponent("elsewhere/runs.csv")
        try FileManager.default.createDirectory(at: table.deletingLastPathComponent(), withIntermediateDirectories: true)
        try project.write("run,layers,hidden_size,heads,kv_heads,vocab_size\nnano,2,128,4,1,50304\n", to: table)

        let sweep = folder.deletingLastPathComponent()
        let without = try FolderInspection.inspect(sweep, layout: project.layout)
        XCTAssertEqual(without.runsWithoutConfiguration.map(\.name), ["nano"])
        let with = try FolderInspection.inspect(sweep, layout: project.layout, runsTable: table)
        XCTAssertEqual(with.runs.map(\.name), ["nano"])
        XCTAssertTrue(with.text.contains("configured by: elsewhere/runs.csv:2"), with.text)
        XCTAssertEqual(runReport(["inspect", sweep.path, "--root", project.root.path, "--runs-table", table.path]), 0)
    }

    func testReportJSONNamesTheValidationSeriesAndTheStep() throws {
        let project = try TestProject()
        let run = try stdoutFree(project, "a")
        // nanoGPT-style: logged every 10 iterations without step=, two loss-like series.
        let rows = (1...10).map { "{\"_step\": \($0 - 1), \"iter\": \($0 * 10), \"train/loss\": \(5 - 0.1 * Double($0)), \"val/loss\": 9, \"heldout\": \(4 - 0.1 * Double($0))}" }
        try project.write(rows.joined(separator: "\n"), to: run.appendingPathComponent("wandb-history.jsonl"))
        var context = try project.build()
        XCTAssertEqual(context.runs[0].finalLoss.value, 9, "the known name val/loss wins without report.json")
        XCTAssertEqual(context.runs[0].finalLoss.step, 100, "iter, not _step, is the step")

        try project.write(#"{"validationLoss": "heldout"}"#, to: run.appendingPathComponent("report.json"))
        context = try project.build()
        XCTAssertEqual(context.runs[0].finalLoss.value, 3.0, accuracy: 1e-12)
        XCTAssertEqual(context.runs[0].lossSeries.first, LossSeriesChoice(role: "validation loss", series: "heldout", reason: "named in report.json"))

        try project.write(#"{"step": "_step"}"#, to: run.appendingPathComponent("report.json"))
        XCTAssertEqual(try project.build().runs[0].finalLoss.step, 9)
        try project.write(#"{"validationLos": "heldout"}"#, to: run.appendingPathComponent("report.json"))
        XCTAssertThrowsError(try project.build(strict: true)) { error in
            XCTAssertTrue("\(error)".contains("unknown field 'validationLos'"), "\(error)")
        }
        try project.write(#"{"validationLoss": "nope"}"#, to: run.appendingPathComponent("report.json"))
        XCTAssertThrowsError(try project.build(strict: true)) { error in
            XCTAssertTrue("\(error)".contains("names 'nope' as the validation loss") && "\(error)".contains("'heldout'"), "\(error)")
        }
    }

    func testAFileNoReaderRecognisesIsSkippedNamingTheFormatsTriedAndFailsStrict() throws {
        let project = try TestProject()
        let run = try project.addRun("a")
        try project.write("epochs,accuracy\n1,0.5\n", to: run.appendingPathComponent("metrics.csv"))
        let context = try project.build()
        XCTAssertEqual(context.runs.map(\.name), ["a"], "the run is read without the file")
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.contains("metrics.csv: no reader recognises this file") && $0.contains("skipped") },
                      "\(context.diagnostics.warnings)")
        XCTAssertThrowsError(try project.build(strict: true)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("metrics.csv") && message.contains("no reader recognises this file"), message)
            XCTAssertTrue(message.contains("TensorBoard CSV") && message.contains("W&B chart export"), message)
        }
    }

    func testContentNotTheExtensionDecides() throws {
        let history = FileHead(name: "export.csv", bytes: Data(",_step,_runtime,train/loss\n0,0,1.0,5\n".utf8))
        let tensorboard = FileHead(name: "export.csv", bytes: Data("Wall time,Step,Value\n1.0,1,5\n".utf8))
        let events = TensorBoardEventWriter.record(step: 1, scalars: [("train/loss", 5)])
        func format(_ head: FileHead) -> String? {
            if case let .metrics(reader) = MetricLogFormats.detect(head) { return reader.formatName }
            return nil
        }
        XCTAssertEqual(format(history), WandbHistoryCSVReader().formatName)
        XCTAssertEqual(format(tensorboard), TensorBoardCSVReader().formatName)
        XCTAssertEqual(format(FileHead(name: "renamed.bin", bytes: events)), TensorBoardEventReader().formatName)
        XCTAssertEqual(format(FileHead(name: "job.txt", bytes: Data("setup\n[1/10] loss 5.0 | time 1.0ms\n".utf8))), TrainerStdoutReader().formatName)
        XCTAssertNil(format(FileHead(name: "notes.jsonl", bytes: Data("{\"a\": 1}\n".utf8))))
    }

    // MARK: lm-eval

    private func results(_ tasks: [String: Double]) -> String {
        let rows = tasks.keys.sorted().map { "\"\($0)\": {\"acc,none\": \(tasks[$0]!), \"acc_stderr,none\": NaN}" }
        return "{\"results\": {\(rows.joined(separator: ", "))}, \"config\": {\"model_args\": \"pretrained=x\"}}"
    }

    private func claims(_ tasks: String) -> String {
        """
        <?xml version="1.0"?>
        <claims><claim id="C8" required="true"><statement>s</statement><source>t</source>
        <computation name="benchmark-average-difference" models="both" baseline="base" candidate="ours" tasks="\(tasks)"/>
        <expect relation="approximately" value="1" tolerance="0.01" unit="points">t</expect></claim></claims>
        """
    }

    func testV04OutputFoldersAreCombinedPerModel() throws {
        let project = try TestProject()
        try project.addRun("a")
        let benchmarks = project.layout.results.appendingPathComponent("benchmarks")
        try project.write(results(["arc_easy": 0.5]), to: benchmarks.appendingPathComponent("base/results_2025-01-01T00-00-00.json"))
        try project.write(results(["boolq": 0.7, "arc_easy": 0.5]), to: benchmarks.appendingPathComponent("base/more/results_2025-01-02T00-00-00.json"))
        try project.write(results(["arc_easy": 0.52, "boolq": 0.7]), to: benchmarks.appendingPathComponent("ours.json"))
        try project.write(claims("arc_easy,boolq"), to: project.layout.results.appendingPathComponent("claims.xml"))
        let context = try project.build()
        XCTAssertEqual(context.benchmarks.map(\.label), ["base", "ours"])
        XCTAssertEqual(context.benchmarks[0].files.count, 2)
        XCTAssertEqual(try XCTUnwrap(context.claims[0].computed.value), 1, accuracy: 1e-9)
        let table = try String(contentsOf: project.layout.tables.appendingPathComponent("benchmarks.xml"), encoding: .utf8)
        XCTAssertFalse(table.contains("stderr="), "NaN standard errors are missing values, never written")
    }

    func testATaskTwoFilesDisagreeOnIsAnErrorNamingBoth() throws {
        let project = try TestProject()
        try project.addRun("a")
        let base = project.layout.results.appendingPathComponent("benchmarks/base")
        try project.write(results(["arc_easy": 0.5]), to: base.appendingPathComponent("results_1.json"))
        try project.write(results(["arc_easy": 0.6]), to: base.appendingPathComponent("results_2.json"))
        XCTAssertThrowsError(try project.build()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("results_1.json") && message.contains("results_2.json") && message.contains("'arc_easy'"), message)
        }
    }

    func testC8ListsEveryMissingTaskOfEveryModelAtOnce() throws {
        let project = try TestProject()
        try project.addRun("a")
        let benchmarks = project.layout.results.appendingPathComponent("benchmarks")
        try project.write(results(["arc_easy": 0.5]), to: benchmarks.appendingPathComponent("base.json"))
        try project.write(results(["boolq": 0.5]), to: benchmarks.appendingPathComponent("ours.json"))
        try project.write(claims("arc_easy,boolq,piqa"), to: project.layout.results.appendingPathComponent("claims.xml"))
        let context = try project.build()
        let missing = try XCTUnwrap(context.claims[0].computed.missing)
        XCTAssertTrue(missing.contains("'base'") && missing.contains("2 of the 3 tasks: boolq, piqa"), missing)
        XCTAssertTrue(missing.contains("'ours'") && missing.contains("2 of the 3 tasks: arc_easy, piqa"), missing)
    }
}
