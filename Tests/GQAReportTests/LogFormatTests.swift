import Foundation
import XCTest

@testable import GQAReport
import FuzzTargets

/// The other metric formats a run directory may hold, and downstream benchmark results.
final class LogFormatTests: XCTestCase {
    private func read(_ reader: any MetricLogReader, _ text: String) throws -> MetricSet {
        var diagnostics = Diagnostics()
        return try reader.read(Data(text.utf8), path: "run/m", diagnostics: &diagnostics)
    }

    func testPlainJSONLinesRecords() throws {
        let metrics = try read(JSONLinesMetricsReader(), """
            {"step": 1, "tag": "train/loss", "value": 5.5}
            {"step": 2, "tag": "train/loss", "value": 5.0}

            {"step": 2, "tag": "loss/val", "value": 5.2}
            """)
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.value), [5.5, 5.0])
        XCTAssertEqual(FinalLoss.from(metrics)?.source, .validation)
    }

    func testWandbHistoryAsJSONLinesWithMissingCellsAndNaN() throws {
        let metrics = try read(WandbHistoryJSONLReader(), """
            {"_step": 1, "_runtime": 3.2, "train/loss": 5.5, "train/grad_norm": "NaN"}
            {"_step": 2, "train/learning_rate": 0.001}
            {"_step": 3, "train/loss": 4.9, "train/grad_norm": 1.2}
            """)
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.step), [1, 3])
        XCTAssertTrue(metrics[MetricTag.gradientNorm][0].value.isNaN, "a NaN grad norm is kept")
        XCTAssertEqual(metrics[MetricTag.learningRate].count, 1)
        XCTAssertFalse(metrics.tags.contains("_runtime"))
    }

    func testJSONLinesErrorsNameTheLine() {
        XCTAssertThrowsError(try read(JSONLinesMetricsReader(), "{\"step\": 1, \"tag\": \"train/loss\", \"value\": 5}\n{oops\n")) { error in
            XCTAssertEqual((error as! ReportError).line, 2)
        }
        XCTAssertThrowsError(try read(WandbHistoryJSONLReader(), "{\"_step\": 1, \"train/loss\": \"NaN\"}\n")) { error in
            XCTAssertTrue("\(error)".contains("train/loss is nan"), "\(error)")
        }
        XCTAssertThrowsError(try read(JSONLinesMetricsReader(), "{\"step\": 1.5, \"tag\": \"x\", \"value\": 1}\n"))
        XCTAssertThrowsError(try read(JSONLinesMetricsReader(), "[1, 2]\n"))
    }

    func testWandbCSVExportWithMissingCells() throws {
        let metrics = try read(WandbHistoryCSVReader(), """
            _step,_runtime,train/loss,loss/val
            10,1.5,5.0,
            20,3.0,4.5,4.7
            30,4.5,,
            """)
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.step), [10, 20])
        XCTAssertEqual(metrics[MetricTag.validationLoss].map(\.value), [4.7])
        // Text in a metric column is skipped with one warning for the column, not an error.
        var diagnostics = Diagnostics()
        let text = try WandbHistoryCSVReader().read(Data("_step,train/loss\n1,abc\n2,def\n3,4.0\n".utf8), path: "run/m", diagnostics: &diagnostics)
        XCTAssertEqual(text[MetricTag.trainLoss].map(\.step), [3])
        XCTAssertEqual(diagnostics.warnings.filter { $0.contains("'train/loss' holds text values") && $0.contains("2 row(s), first at line 2") }.count, 1, "\(diagnostics.warnings)")
        XCTAssertThrowsError(try read(WandbHistoryCSVReader(), "step,train/loss\n1,2\n"))
        // Found by fuzz-wandb-csv: a repeated column trapped.
        XCTAssertThrowsError(try read(WandbHistoryCSVReader(), "_step,x,x\n1,2,3\n")) { error in
            XCTAssertEqual("\(error)", "run/m:1: column 'x' appears twice in the header")
        }
    }

    /// Found by fuzz-wandb-csv: a step beyond Int.max trapped converting Double to Int.
    func testAStepTooLargeForAnIntegerIsAnErrorNotACrash() {
        XCTAssertThrowsError(try read(WandbHistoryCSVReader(), "_step,train/loss\n254444444444444444444.0,3\n")) { error in
            XCTAssertEqual("\(error)", "run/m:2: '_step' must be a whole number, found 2.5444444444444446e+20")
        }
        XCTAssertThrowsError(try read(WandbHistoryJSONLReader(), "{\"_step\": 1e300, \"train/loss\": 3}\n"))
        XCTAssertEqual(WholeNumber.exact(9_007_199_254_740_992), 9_007_199_254_740_992)
        XCTAssertNil(WholeNumber.exact(1e19))
        XCTAssertNil(WholeNumber.exact(.nan))
    }

    func testARunDirectoryWithOnlyAJSONLinesLog() throws {
        let project = try TestProject()
        let run = try project.addRun("a")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        try project.write((1...20).map { "{\"step\": \($0), \"tag\": \"train/loss\", \"value\": \(5 - 0.1 * Double($0))}" }.joined(separator: "\n"),
                          to: run.appendingPathComponent("metrics.jsonl"))
        let context = try project.build()
        XCTAssertEqual(context.runs[0].finalLoss.value, 3.0, accuracy: 1e-9)
        XCTAssertEqual(context.runs[0].tokens.source, .arguments)
    }

    private let llama = """
        {"results": {
          "arc_easy": {"alias": "arc_easy", "acc,none": 0.60, "acc_stderr,none": 0.01, "acc_norm,none": 0.55, "acc_norm_stderr,none": 0.01},
          "boolq": {"acc,none": 0.58, "acc_stderr,none": "N/A"},
          "wikitext": {"word_perplexity,none": 25.1}
        }, "config": {"model": "hf", "model_args": "pretrained=llama"}, "versions": {"arc_easy": 1.0}}
        """

    func testLmEvalResultsPickNormalisedAccuracyAndToleratePlaceholders() throws {
        let file = InputFile(path: "b.json", sha256: "", bytes: 0)
        var diagnostics = Diagnostics()
        let results = try BenchmarkResultsReader.read(Data(llama.utf8), path: "b.json", label: "b", file: file, diagnostics: &diagnostics)
        XCTAssertEqual(results.model, "pretrained=llama")
        XCTAssertEqual(results.tasks.map(\.name), ["arc_easy", "boolq", "wikitext"])
        XCTAssertEqual(results.tasks[0].accuracy, 0.55)
        XCTAssertEqual(results.tasks[0].metric, "acc_norm")
        XCTAssertNil(results.tasks[1].standardError, "N/A is no number")
        XCTAssertNil(results.tasks[2].accuracy, "perplexity is not an accuracy")
        XCTAssertThrowsError(try BenchmarkResultsReader.read(Data("{\"config\": {}}".utf8), path: "x.json", label: "x", file: file, diagnostics: &diagnostics))
    }

    func testC8IsComputedWhenBothModelsHaveResultsAndUnknownTasksAreKept() throws {
        let project = try TestProject()
        try project.addRun("a")
        let ours = llama.replacingOccurrences(of: "0.55", with: "0.57").replacingOccurrences(of: "\"wikitext\"", with: "\"made_up_task\"")
        try project.write(llama, to: project.layout.results.appendingPathComponent("benchmarks/base.json"))
        try project.write(ours, to: project.layout.results.appendingPathComponent("benchmarks/ours.json"))
        try project.write("""
            <?xml version="1.0"?>
            <claims><claim id="C8" required="true"><statement>s</statement><source>t</source>
            <computation name="benchmark-average-difference" models="both" baseline="base" candidate="ours" tasks="arc_easy,boolq"/>
            <expect relation="approximately" value="1" tolerance="0.01" unit="points">t</expect></claim></claims>
            """, to: project.layout.results.appendingPathComponent("claims.xml"))
        let context = try project.build()
        // (0.57 + 0.58)/2 − (0.55 + 0.58)/2 = 1 point.
        XCTAssertEqual(try XCTUnwrap(context.claims[0].computed.value), 1, accuracy: 1e-9)
        XCTAssertEqual(context.claims[0].verdict, .holds)
        let table = try String(contentsOf: project.layout.tables.appendingPathComponent("benchmarks.xml"), encoding: .utf8)
        XCTAssertTrue(table.contains(#"name="made_up_task""#))
    }
}

/// Every input in the fuzz seed corpus (seeds, and every crash the fuzzers ever found) goes
/// through its parser without crashing.
final class FuzzCorpusTests: XCTestCase {
    func testEveryCorpusInputParsesWithoutACrash() {
        setenv("GQA_SCHEMAS", Repository.root.appendingPathComponent("Results/schemas").path, 1)  // for the claims target
        let corpus = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/fuzz-corpus")
        for target in FuzzTargets.all.keys.sorted() {
            let folder = corpus.appendingPathComponent(target)
            XCTAssertFalse(FileTree.regularFiles(under: folder).isEmpty, "no seeds for \(target)")
            XCTAssertEqual(FuzzTargets.replay(target, paths: [folder.path]), 0)
        }
    }

    /// The tree targets' seeds are trees a build reads runs from, so fuzzing starts from the
    /// reading code and not only from discovery's refusals.
    func testEveryTreeSeedHoldsARunThatIsRead() throws {
        let corpus = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/fuzz-corpus")
        for target in ["discovery-tree", "wandb-run-folder", "mlflow-run"] {
            let folder = corpus.appendingPathComponent(target)
            let counts = try FileTree.regularFiles(under: folder).map { FuzzTree.discoverAndRead(try Data(contentsOf: folder.appendingPathComponent($0))) }
            XCTAssertGreaterThan(counts.filter { $0 > 0 }.count, 0, "\(target): \(counts)")
            if target != "discovery-tree" { XCTAssertFalse(counts.contains(0), "\(target): every seed reads a run: \(counts)") }
        }
    }
}
