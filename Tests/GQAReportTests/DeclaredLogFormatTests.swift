import Foundation
import XCTest

@testable import GQAReport

/// A log format the user declares (`log-format.json`): a regular expression with named groups
/// and the samples it must read, checked when it is loaded.
final class DeclaredLogFormatTests: XCTestCase {
    /// A log of a shape no built-in reader takes: `tr`/`va` are no loss names.
    private let log = (1...8).map { "[12:00:0\($0)] it=\($0 * 100) tr=\(String(format: "%.3f", 4.0 - Double($0) * 0.1))" + ($0 % 4 == 0 ? " va=\(String(format: "%.3f", 4.1 - Double($0) * 0.1))" : "") }
        .joined(separator: "\n") + "\n"

    private let format = #"""
        {
          "name": "our cluster's trainer",
          "line": "it=(?<step>\\d+) tr=(?<loss>[0-9.]+)( va=(?<val_loss>[0-9.]+))?",
          "samples": [
            "[12:00:01] it=100 tr=3.900",
            "[12:00:04] it=400 tr=3.600 va=3.700"
          ]
        }
        """#

    func testALogNoBuiltInReaderTakesIsReadWithItsDeclaredFormat() throws {
        let data = Data(log.utf8)
        guard case .unknown = MetricLogFormats.detect(FileHead(name: "train.txt", bytes: data), whole: data) else {
            return XCTFail("a built-in reader took the log: the test needs one none takes")
        }
        let declared = try DeclaredLogFormat.parse(Data(format.utf8), path: "log-format.json")
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: "train.txt", bytes: data), LogReadOptions(declared: declared), whole: data) else {
            return XCTFail("the declared format did not take the log")
        }
        XCTAssertEqual(reader.formatName, "declared format 'our cluster's trainer' (log-format.json)")
        var diagnostics = Diagnostics()
        let metrics = try reader.read(data, path: "train.txt", diagnostics: &diagnostics)
        XCTAssertEqual(metrics[MetricTag.trainLoss].count, 8)
        XCTAssertEqual(metrics[MetricTag.trainLoss].first, MetricPoint(step: 100, value: 3.9))
        XCTAssertEqual(metrics[MetricTag.trainLoss].last, MetricPoint(step: 800, value: 3.2))
        XCTAssertEqual(metrics[MetricTag.validationLoss], [MetricPoint(step: 400, value: 3.7), MetricPoint(step: 800, value: 3.3)])
    }

    func testGroupsAreNumberedAsICUNumbersThem() throws {
        let source = #"(?:a)(?<g1>\d+)(b)\((?<g2>x)(?=y)y[(](?<g3>z)"#
        XCTAssertEqual(DeclaredLogFormat.captureNumbers(source), ["g1": 1, "g2": 3, "g3": 4])
        let regex = try NSRegularExpression(pattern: source)
        let text = "a12b(xy(z" as NSString
        let match = try XCTUnwrap(regex.firstMatch(in: text as String, range: NSRange(location: 0, length: text.length)))
        for (name, number) in DeclaredLogFormat.captureNumbers(source) {
            XCTAssertEqual(match.range(withName: name), match.range(at: number), name)
        }
    }

    func testAFormatWhoseSampleDoesNotMatchIsRefusedWithItsLine() {
        let bad = format.replacingOccurrences(of: "\"[12:00:04] it=400 tr=3.600 va=3.700\"", with: "\"[12:00:04] iter=400 train=3.600\"")
        XCTAssertThrowsError(try DeclaredLogFormat.parse(Data(bad.utf8), path: "log-format.json")) { error in
            let report = error as? ReportError
            XCTAssertEqual(report?.line, 6, "\(error)")
            XCTAssertTrue("\(error)".contains("does not match 'line'"), "\(error)")
        }
        let noStep = format.replacingOccurrences(of: "(?<step>\\\\d+)", with: "(\\\\d+)")
        XCTAssertThrowsError(try DeclaredLogFormat.parse(Data(noStep.utf8), path: "log-format.json")) { error in
            XCTAssertTrue("\(error)".contains("no group (?<step>…)"), "\(error)")
            XCTAssertEqual((error as? ReportError)?.line, 3)
        }
        let broken = format.replacingOccurrences(of: "( va=", with: "(( va=")
        XCTAssertThrowsError(try DeclaredLogFormat.parse(Data(broken.utf8), path: "log-format.json")) { error in
            XCTAssertTrue("\(error)".contains("is not a regular expression"), "\(error)")
        }
        let noSamples = format.replacingOccurrences(of: "\"samples\"", with: "\"examples\"")
        XCTAssertThrowsError(try DeclaredLogFormat.parse(Data(noSamples.utf8), path: "log-format.json")) { error in
            XCTAssertTrue("\(error)".contains("unknown field 'examples'"), "\(error)")
        }
    }

    /// A `log-format.json` beside the logs applies to them in a folder, and `inspect FILE
    /// --format F` reads one file with it.
    func testAFormatFileBesideTheLogsAndInspectFormat() throws {
        let project = try TestProject()
        let folder = project.root.appendingPathComponent("cluster", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try log.write(to: folder.appendingPathComponent("run-a.txt"), atomically: true, encoding: .utf8)
        let before = try FolderInspection.inspect(folder, layout: project.layout)
        XCTAssertTrue(before.runsWithoutConfiguration.isEmpty, "without the format no reader takes it")

        let formatURL = project.root.appendingPathComponent("ours.json")
        try format.write(to: formatURL, atomically: true, encoding: .utf8)
        let text = try FileInspection.inspect(folder.appendingPathComponent("run-a.txt"), layout: project.layout, json: false,
                                              declared: try DeclaredLogFormat.load(formatURL, layout: project.layout))
        XCTAssertTrue(text.contains("declared format 'our cluster's trainer'"), text)
        XCTAssertTrue(text.contains("train/loss: 8 points, steps 100-800, last 3.2"), text)

        try format.write(to: folder.appendingPathComponent(DeclaredLogFormat.fileName), atomically: true, encoding: .utf8)
        let after = try FolderInspection.inspect(folder, layout: project.layout)
        let run = try XCTUnwrap(after.runsWithoutConfiguration.first, "\(after.untied.map(\.reason))")
        XCTAssertEqual(run.name, "cluster", "a folder holding one log is named by the folder")
        XCTAssertEqual(run.finalLoss?.value, 3.3)
        XCTAssertEqual(run.finalLoss?.step, 800)
    }
}
