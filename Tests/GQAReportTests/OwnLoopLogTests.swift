import Foundation
import XCTest

@testable import GQAReport

/// The files a person's own PyTorch loop writes, made by a real loop (`Fixtures/own-loop/
/// train_tiny_gqa.py`, torch on CPU): three shapes of printed lines, a `csv.writer` file, JSON
/// lines and a bare `SummaryWriter` folder. Each is read by content to the step and value of the
/// event file the same loop wrote; the folder is one training written six times, so one run.
final class OwnLoopLogTests: XCTestCase {
    private let folder = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/own-loop", isDirectory: true)

    private func read(_ name: String) throws -> (format: String, metrics: MetricSet, diagnostics: Diagnostics) {
        let url = folder.appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: url.lastPathComponent, bytes: data), whole: data) else {
            XCTFail("\(name) not recognised"); return ("", MetricSet(), Diagnostics())
        }
        var diagnostics = Diagnostics()
        return (reader.formatName, try reader.read(data, path: name, diagnostics: &diagnostics), diagnostics)
    }

    private func eventFile() throws -> MetricSet {
        let events = folder.appendingPathComponent("runs/tiny_gqa")
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: events.path).first { $0.hasPrefix("events.out.tfevents") })
        return try read("runs/tiny_gqa/\(name)").metrics
    }

    func testEveryFileReadsToTheEventFilesStepsAndValues() throws {
        let truth = try eventFile()
        let training = truth["train/loss"], validation = truth["val/loss"]
        XCTAssertEqual(training.count, 60)
        XCTAssertEqual(training.first?.step, 0)
        XCTAssertEqual(training.last?.step, 59)
        XCTAssertEqual(validation.map(\.step), Array(stride(from: 0, through: 60, by: 10)))
        let lines = StepLossLinesReader().formatName
        let files: [(name: String, format: String, decimals: Int, hasValidation: Bool)] = [
            ("print_comma.log", lines, 4, false),
            ("print_pipes.txt", lines, 4, true),
            ("logging.log", lines, 4, false),
            ("train_metrics.csv", LoopMetricsCSVReader().formatName, 6, true),
            ("metrics.jsonl", LoopMetricsJSONLinesReader().formatName, 6, true),
        ]
        for file in files {
            let (format, metrics, _) = try read(file.name)
            XCTAssertEqual(format, file.format, file.name)
            for (tag, expected) in [(MetricTag.trainLoss, training), (MetricTag.validationLoss, file.hasValidation ? validation : [])] {
                let got = metrics[tag]
                XCTAssertEqual(got.map(\.step), expected.map(\.step), "\(file.name) \(tag)")
                for (point, truth) in zip(got, expected) {
                    // Printed to 4 or 6 decimals; the event file holds float32.
                    XCTAssertEqual(point.value, truth.value, accuracy: 0.5 * pow(10, -Double(file.decimals)) + 1e-6, "\(file.name) \(tag) at \(point.step)")
                }
            }
        }
    }

    func testTheJSONLinesSummaryWithoutAStepIsSaid() throws {
        let (_, metrics, diagnostics) = try read("metrics.jsonl")
        XCTAssertEqual(metrics["lr"].count, 60)
        XCTAssertTrue(metrics["final_val_loss"].isEmpty)
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("1 line(s) without a whole step") && $0.contains("line 68") }, "\(diagnostics.notes)")
    }

    /// A loop's CSV with `step` and `epoch` columns is the loop's, not Lightning's: Lightning
    /// always names its file metrics.csv.
    func testACSVWithStepAndEpochIsNotCalledLightnings() throws {
        let (format, metrics, _) = try read("train_metrics.csv")
        XCTAssertEqual(format, LoopMetricsCSVReader().formatName)
        XCTAssertEqual(metrics["epoch"].last, MetricPoint(step: 60, value: 3))
        let renamed = FileHead(name: "metrics.csv", bytes: try Data(contentsOf: folder.appendingPathComponent("train_metrics.csv")))
        guard case let .metrics(reader) = MetricLogFormats.detect(renamed) else { return XCTFail("metrics.csv not recognised") }
        XCTAssertEqual(reader.formatName, LightningMetricsCSVReader().formatName)
    }

    /// Six files of one training, with no run directory and no configuration: one run, each
    /// file listed with it, and the note naming how many steps joined them.
    func testTheFolderIsOneRun() throws {
        let project = try TestProject()
        let copy = project.root.appendingPathComponent("my-loop", isDirectory: true)
        try FileManager.default.copyItem(at: folder, to: copy)
        let inspection = try FolderInspection.inspect(copy, layout: project.layout)
        XCTAssertEqual(inspection.runsWithoutConfiguration.count, 1, "\(inspection.runsWithoutConfiguration.map(\.name))")
        let run = try XCTUnwrap(inspection.runsWithoutConfiguration.first)
        XCTAssertEqual(run.alsoIn.count, 5, "\(run.alsoIn.map(\.path))")
        XCTAssertEqual(run.finalLoss?.step, 60)
        XCTAssertFalse(inspection.warnings.contains { $0.contains("agrees at 0 common step") }, "\(inspection.warnings)")
        XCTAssertTrue(inspection.untied.isEmpty, "\(inspection.untied.map(\.path))")
    }

    /// Text under the runs folders that no reader takes but whose lines hold numbers as a log's
    /// do is listed with a line of it, and `--strict` stops on it; a requirements file is not.
    func testTextThatLooksLikeALogIsNeverLeftOutSilently() throws {
        let project = try TestProject()
        try project.addRun("a")
        let runs = project.layout.runs
        try project.write((1...6).map { "2024-11-03 10:47:\($0 + 10),085 - INFO - Epoch 1, Global Batch \($0 * 25), Training Loss: \(8.0 - Double($0) * 0.1)" }.joined(separator: "\n") + "\n",
                          to: runs.appendingPathComponent("mine/training.txt"))
        try project.write((1...6).map { "Epoch 1, Global Batch \($0 * 25), Training Loss: \(8.0 - Double($0) * 0.1)" }.joined(separator: "\n") + "\n",
                          to: runs.appendingPathComponent("theirs/training.log"))
        try project.write("torch==2.1.0\nnumpy==1.26.4\nwandb==0.16.1\nscipy==1.11.0\ntqdm==4.66.1\n", to: runs.appendingPathComponent("mine/requirements.txt"))
        try project.write("See the results in 3 tables.\n", to: runs.appendingPathComponent("mine/notes.txt"))
        let inspection = try FolderInspection.inspect(runs, layout: project.layout)
        let listed = inspection.untied.filter { $0.path.contains("mine/") }
        XCTAssertEqual(listed.map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["training.txt"], "\(inspection.untied)")
        XCTAssertTrue(listed.first?.reason.contains("like '2024-11-03 10:47:11,085 - INFO - Epoch 1, Global Batch 25, Training Loss: 7.9'") == true, "\(listed)")
        XCTAssertTrue(listed.first?.reason.contains("declare its format") == true)
        // A .log is taken by its name; where none of its lines is a metric line, it says what they look like.
        let log = inspection.untied.first { $0.path.hasSuffix("theirs/training.log") }
        XCTAssertTrue(log?.reason.contains("like 'Epoch 1, Global Batch 25, Training Loss: 7.9'") == true, "\(String(describing: log))")
        let error = project.buildError(strict: true)
        XCTAssertTrue(error?.description.contains("mine/training.txt") == true, "\(String(describing: error))")
    }

    /// A row with quotes goes through the CSV parser, a plain one is split on its bytes: both
    /// are one row alike, CRLF and blanks around a number included; a short row names its line.
    func testQuotedAndPlainRowsReadAlike() throws {
        let text = "step,loss,note\r\n1,\"3.5\",\"a, b\"\r\n2, 3.25 ,x\r\n3,nan2,\"q\"\r\n"
        var diagnostics = Diagnostics()
        let metrics = try LoopMetricsCSVReader().read(Data(text.utf8), path: "loop.csv", diagnostics: &diagnostics)
        XCTAssertEqual(metrics[MetricTag.trainLoss], [MetricPoint(step: 1, value: 3.5), MetricPoint(step: 2, value: 3.25)])
        for short in ["step,loss\n1,\"3.5\",x\n", "step,loss\n1,3.5,x\n"] {
            XCTAssertThrowsError(try LoopMetricsCSVReader().read(Data(short.utf8), path: "loop.csv", diagnostics: &diagnostics)) { error in
                XCTAssertEqual("\(error)", "loop.csv:2: 3 cells where the header has 2")
            }
        }
    }

    func testLoopColumnNames() {
        XCTAssertEqual(LoopMetricNames.loss("loss"), .training)
        XCTAssertEqual(LoopMetricNames.loss("Train Loss"), .training)
        XCTAssertEqual(LoopMetricNames.loss("val_loss"), .validation)
        XCTAssertEqual(LoopMetricNames.loss("eval/loss"), .validation)
        XCTAssertEqual(LoopMetricNames.loss("loss_val"), .validation)
        XCTAssertNil(LoopMetricNames.loss("aux_loss"))
        XCTAssertNil(LoopMetricNames.loss("lossy"))
        XCTAssertTrue(LoopMetricNames.isStep("Global_Step"))
        XCTAssertFalse(LoopMetricNames.holdStepAndLoss(["epoch", "train_loss"]), "an epoch is no step")
    }
}
