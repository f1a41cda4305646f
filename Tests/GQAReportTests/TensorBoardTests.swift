import Foundation
import XCTest

@testable import GQAReport

/// Event files written by TensorBoard's own writer (Fixtures/tensorboard/make_event_files.py).
final class TensorBoardTests: XCTestCase {
    private let fixtures = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/tensorboard")
    private let eventFile = "events.out.tfevents.1700000000.host.1.0"

    private func events(_ folder: String, _ name: String? = nil) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent("\(folder)/\(name ?? eventFile)"))
    }

    private func read(_ data: Data, diagnostics: inout Diagnostics) throws -> MetricSet {
        try TensorBoardEventReader().read(data, path: "run/events", diagnostics: &diagnostics)
    }

    private func read(_ data: Data) throws -> MetricSet {
        var diagnostics = Diagnostics()
        return try read(data, diagnostics: &diagnostics)
    }

    func testCRC32CCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
    }

    func testSimpleValuesMatchTheStdoutLogOfTheSameRun() throws {
        let fromEvents = try read(try events("simple"))
        var diagnostics = Diagnostics()
        let fromStdout = try TrainerStdoutReader().read(try events("simple", "stdout.log"), path: "stdout.log", diagnostics: &diagnostics)
        XCTAssertEqual(fromEvents[MetricTag.trainLoss].count, 12)
        for (a, b) in zip(fromEvents[MetricTag.trainLoss], fromStdout[MetricTag.trainLoss]) {
            XCTAssertEqual(a.step, b.step)
            XCTAssertEqual(a.value, b.value, accuracy: 1e-6, "float32 in the event file")
        }
        XCTAssertEqual(FinalLoss.from(fromEvents)!.value, FinalLoss.from(fromStdout)!.value, accuracy: 1e-6)
    }

    func testScalarsStoredAsTensorsAreRead() throws {
        let metrics = try read(try events("tensors"))
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.step), Array(1...12))
        XCTAssertEqual(metrics[MetricTag.trainLoss][0].value, 5.76, accuracy: 1e-6)  // float_val
        XCTAssertEqual(metrics[MetricTag.trainLoss][11].value, 3.0, accuracy: 1e-6)  // tensor_content
    }

    func testTwoEventFilesOfARunAreMergedByStep() throws {
        let project = try TestProject()
        let run = try project.addRun("split")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        for name in ["events.out.tfevents.1700000000.host.1.0", "events.out.tfevents.1700000500.host.2.0"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("split/\(name)"), to: run.appendingPathComponent(name))
        }
        let context = try project.build()
        let loss = try XCTUnwrap(context.runs[0].metrics.summary(of: MetricTag.trainLoss))
        XCTAssertEqual([loss.points, loss.firstStep, loss.lastStep], [12, 1, 12])
        XCTAssertEqual(context.runs[0].metrics.trainingCurve.map(\.step), Array(1...12))
        // Token counts in event files are float32: the count comes from args.json instead.
        XCTAssertEqual(context.runs[0].tokens.source, .arguments)
    }

    func testATruncatedLastRecordIsReadUpToTheLastWholeRecordWithAWarning() throws {
        let whole = try events("simple")
        var diagnostics = Diagnostics()
        let metrics = try read(whole.prefix(whole.count - 7), diagnostics: &diagnostics)
        XCTAssertEqual(metrics[MetricTag.trainLoss].count, 12, "the last record holds the tokens of step 12")
        XCTAssertEqual(metrics[MetricTag.tokensSeen].count, 11)
        XCTAssertEqual(diagnostics.warnings.count, 1)
        XCTAssertTrue(diagnostics.warnings[0].contains("run/events: truncated last record at offset"), diagnostics.warnings[0])
    }

    func testAFlippedByteInARecordIsAnErrorNamingTheOffset() throws {
        var data = try events("simple")
        // The second record starts after the first: 12 + length + 4.
        let firstLength = Int(data[0]) | Int(data[1]) << 8
        let second = 12 + firstLength + 4
        data[second + 20] ^= 0x01
        XCTAssertThrowsError(try read(data)) { error in
            XCTAssertEqual("\(error)", "run/events: record checksum mismatch at offset \(second): the file is corrupt")
        }
    }

    func testAFlippedByteInALengthIsAnError() throws {
        var data = try events("simple")
        data[0] ^= 0x10
        XCTAssertThrowsError(try read(data)) { error in
            XCTAssertTrue("\(error)".contains("length checksum mismatch at offset 0"), "\(error)")
        }
    }

    func testInspectShowsWhatAnEventFileParsesInto() throws {
        let text = try FileInspection.inspect(fixtures.appendingPathComponent("simple/\(eventFile)"), layout: ProjectLayout(root: Repository.root), json: false)
        XCTAssertTrue(text.contains("TensorBoard event file"))
        XCTAssertTrue(text.contains("train/loss: 12 points, steps 1-12"), text)
        let json = try FileInspection.inspect(fixtures.appendingPathComponent("simple/\(eventFile)"), layout: ProjectLayout(root: Repository.root), json: true)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertThrowsError(try FileInspection.inspect(Repository.root.appendingPathComponent("README.md"), layout: ProjectLayout(root: Repository.root), json: false))
    }

    func testWrittenEventsReadBack() throws {
        var file = Data()
        for step in 1...3 { file.append(TensorBoardEventWriter.record(step: step, scalars: [("train/loss", Float(step)), ("x", 2)])) }
        let metrics = try read(file)
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.value), [1, 2, 3])
        XCTAssertEqual(metrics["x"].count, 3)
    }

    func testAnEmptyFileHasNoMetrics() throws {
        XCTAssertTrue(try read(Data()).tags.isEmpty)
    }
}
