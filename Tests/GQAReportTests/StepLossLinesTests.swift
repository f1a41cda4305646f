import Foundation
import XCTest

@testable import GQAReport

/// A person's own loop's step/loss lines (`StepLossLinesReader`): the real files of batch 6
/// (`../shared/real-formats`, read in place), every shape the reader claims, and what it leaves.
final class StepLossLinesTests: XCTestCase {
    private func detect(_ text: String, name: String = "train.log") -> (any MetricLogReader)? {
        let data = Data(text.utf8)
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: name, bytes: data), whole: data) else { return nil }
        return reader
    }

    private func read(_ text: String, name: String = "train.txt") throws -> MetricSet {
        let reader = try XCTUnwrap(detect(text, name: name), "not recognised: \(text.prefix(60))")
        XCTAssertTrue(reader is StepLossLinesReader, reader.formatName)
        var diagnostics = Diagnostics()
        return try reader.read(Data(text.utf8), path: name, diagnostics: &diagnostics)
    }

    private func lines(_ count: Int, _ line: (Int) -> String) -> String {
        (0..<count).map(line).joined(separator: "\n") + "\n"
    }

    func testTheCommonShapesAreReadToTheStep() throws {
        let shapes: [(String, (Int) -> String)] = [
            ("Step 100, Loss: 3.21, LR: 3e-4", { "Step \($0 * 10), Loss: \(3.0 - Double($0) / 100), LR: 3e-4" }),
            ("step 12/500 | lr 3e-04 | loss 4.02", { "step \($0 * 10)/500 | lr 3e-04 | loss \(3.0 - Double($0) / 100)" }),
            ("Step: 5000/10000 | Loss: 0.71", { "Step: \($0 * 10)/10000 | Loss: \(3.0 - Double($0) / 100)" }),
            ("logging prefix", { "2025-02-18 12:02:33,330 - INFO - step \($0 * 10) | loss: \(3.0 - Double($0) / 100) | dt: 888.17ms" }),
            ("|| step … ||", { "|| step \($0 * 10) || loss = \(3.0 - Double($0) / 100) ||" }),
            ("CRLF", { "iter \($0 * 10): train_loss \(3.0 - Double($0) / 100)\r" }),
        ]
        for (shape, line) in shapes {
            let m = try read(lines(8, line))
            XCTAssertEqual(m[MetricTag.trainLoss].map(\.step), Array(stride(from: 0, to: 80, by: 10)), shape)
            XCTAssertEqual(m[MetricTag.trainLoss].last?.value ?? 0, 2.93, accuracy: 1e-12, shape)
        }
        let both = try read(lines(6) { "iter=\($0) train_loss=\(3 - Double($0) / 10) val_loss=\(3.5 - Double($0) / 10) aux_loss=0.01 kl loss 9" })
        XCTAssertEqual(both[MetricTag.trainLoss].map(\.value).first, 3)
        XCTAssertEqual(both[MetricTag.validationLoss].map(\.value).first, 3.5)
        XCTAssertEqual(both.tags, [MetricTag.validationLoss, MetricTag.trainLoss].sorted(), "aux_loss and 'kl loss' are other losses")
        let slash = try read(lines(6) { "step \($0) train/loss \(3 - Double($0) / 10) val/loss \(4 - Double($0) / 10)" })
        XCTAssertEqual(slash[MetricTag.validationLoss].first?.value, 4)
    }

    func testTooFewLinesOrStepsThatDoNotRiseAreNotThisFormat() {
        XCTAssertNil(detect(lines(4) { "step \($0), loss \(3 - Double($0) / 10)" }, name: "a.txt"), "4 lines are too few")
        XCTAssertNil(detect(lines(8) { "step \(100 - $0 * 10 + ($0 % 2) * 25), loss 3" }, name: "a.txt"), "steps that jump back and forth")
        XCTAssertNil(detect("The loss fell at every step.\nWe stepped 5 times; loss 3.\n", name: "a.txt"))
        XCTAssertNil(detect(lines(8) { "step \($0)/100: lr 3e-4" }, name: "a.txt"), "no loss")
    }

    func testADivergedLossIsAnErrorNamingTheLine() throws {
        let text = lines(6) { "step \($0) | loss \($0 == 4 ? "nan" : "3.0")" }
        let reader = try XCTUnwrap(detect(text))
        var diagnostics = Diagnostics()
        XCTAssertThrowsError(try reader.read(Data(text.utf8), path: "train.log", diagnostics: &diagnostics)) { error in
            XCTAssertTrue("\(error)".hasPrefix("train.log:5:"), "\(error)")
        }
    }

    /// SmolLM2-135M loops of batch 6: every line to its step and value, a resumed session's
    /// relaunch kept as the later launch.
    func testRealLoopsOfBatch6() throws {
        let corpus = try Repository.requireRealFormats("batch6/custom")
        func real(_ name: String) throws -> MetricSet {
            let data = try Data(contentsOf: corpus.appendingPathComponent(name))
            guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: name, bytes: data.prefix(FileHead.size)), whole: data) else {
                XCTFail("\(name) not recognised"); return MetricSet()
            }
            XCTAssertTrue(reader is StepLossLinesReader, "\(name): \(reader.formatName)")
            var diagnostics = Diagnostics()
            return try reader.read(data, path: name, diagnostics: &diagnostics)
        }
        let v3 = try real("hotshotdragon-smollm2-135M_training-v3.log")  // logging prefix, CRLF
        XCTAssertEqual(v3[MetricTag.trainLoss].count, 5000)
        XCTAssertEqual(v3[MetricTag.trainLoss].first, MetricPoint(step: 0, value: 11.329851150512695))
        XCTAssertEqual(v3[MetricTag.trainLoss].last, MetricPoint(step: 4999, value: 0.7102757096290588))
        let upTo5000 = try real("chbsaikiran-smollm2-135M/logs_upto_steps_5000.log")  // samples and tqdm between
        XCTAssertEqual(upTo5000[MetricTag.trainLoss].count, 507)
        XCTAssertEqual(upTo5000[MetricTag.trainLoss].first, MetricPoint(step: 0, value: 10.9565))
        XCTAssertEqual(upTo5000[MetricTag.trainLoss].last, MetricPoint(step: 5060, value: 1.4248))
        // Two sessions appended: 'Step: N/5050 | Loss: x' to 5045, then 'step N | loss: x' from 5000.
        let appended = try real("hotshotdragon-smollm2-135M_continue_training.log")
        XCTAssertEqual(appended[MetricTag.trainLoss].first, MetricPoint(step: 5000, value: 1.2555))
        XCTAssertEqual(appended.relaunches[MetricTag.trainLoss]?.restarts.map(\.to), [5000])
    }
}
