import Foundation
import XCTest

@testable import GQAReport

final class TrainerStdoutReaderTests: XCTestCase {
    private func read(_ text: String) throws -> MetricSet {
        var diagnostics = Diagnostics()
        return try TrainerStdoutReader().read(Data(text.utf8), path: "run/stdout.log", diagnostics: &diagnostics)
    }

    func testFullMetricLineMapsToTheTrainersTags() throws {
        let metrics = try read("[12/120] loss 5.1234 | time 412.3ms | t_data 1.2ms | t_fwd 100.1ms | t_bwd 200.2ms | lr 1.000e-03 | grad_norm 1.23e+00 | tokens 6,291,456\n")
        XCTAssertEqual(metrics[MetricTag.trainLoss], [MetricPoint(step: 12, value: 5.1234)])
        XCTAssertEqual(metrics[MetricTag.iterationTime].first!.value, 0.4123, accuracy: 1e-12)
        XCTAssertEqual(metrics[MetricTag.dataTime].first!.value, 0.0012, accuracy: 1e-12)
        XCTAssertEqual(metrics[MetricTag.learningRate].first!.value, 1e-3)
        XCTAssertEqual(metrics[MetricTag.gradientNorm].first!.value, 1.23)
        XCTAssertEqual(metrics[MetricTag.tokensSeen].first!.value, 6_291_456)
        XCTAssertEqual(metrics.tags.count, 8)
    }

    func testGradNormAndTokensAreOptional() throws {
        let metrics = try read("[1/10] loss 9.0 | time 1.0ms | t_data 1.0ms | t_fwd 1.0ms | t_bwd 1.0ms | lr 1.000e-04\n")
        XCTAssertEqual(metrics[MetricTag.trainLoss].count, 1)
        XCTAssertTrue(metrics[MetricTag.gradientNorm].isEmpty)
        XCTAssertTrue(metrics[MetricTag.tokensSeen].isEmpty)
    }

    func testOtherLinesAreIgnored() throws {
        let metrics = try read("""
            ================ args ================
            [rank=0] LMTrainer.process_batch torch.Size([8, 8192])
            Tokens per batch: 524,288
            [2025-03-01 10:00:00] starting
            100%|██████████| 5/5 [00:01<00:00]\r[3/10] loss 7.5 | lr 1.0e-03
            TRAINING DONE
            """)
        XCTAssertEqual(metrics[MetricTag.trainLoss], [MetricPoint(step: 3, value: 7.5)])
    }

    func testWindowsLineEndings() throws {
        let metrics = try read("start\r\n[1/2] loss 3.0 | lr 1e-3\r\n[2/2] loss 2.5 | lr 1e-3\r\n")
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.value), [3.0, 2.5])
        XCTAssertThrowsError(try read("a\r\n[1/2] loss x\r\n")) { error in
            XCTAssertEqual((error as! ReportError).line, 2)
        }
    }

    func testBrokenMetricLineNamesFileAndLine() {
        XCTAssertThrowsError(try read("hello\n[1/10] loss 9.0\n[2/10] loss x.y | lr 1e-3\n")) { error in
            let error = error as! ReportError
            XCTAssertEqual(error.path, "run/stdout.log")
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.reason.contains("broken metric line"), error.reason)
        }
    }

    func testMetricLineWithoutLossIsAnError() {
        XCTAssertThrowsError(try read("[1/10] time 3.0ms\n")) { error in
            XCTAssertEqual((error as! ReportError).line, 1)
        }
    }

    func testUnknownFieldAndMissingUnitAreErrors() {
        XCTAssertThrowsError(try read("[1/10] loss 3.0 | speed 12\n"))
        XCTAssertThrowsError(try read("[1/10] loss 3.0 | time 12\n"))
        XCTAssertThrowsError(try read("[1/10] loss 3.0 | tokens 1,2x\n"))
    }

    func testNaNAndInfiniteLossAreErrors() {
        for bad in ["nan", "inf", "-inf"] {
            XCTAssertThrowsError(try read("[1/10] loss 3.0\n[2/10] loss \(bad) | lr 1e-3\n")) { error in
                let error = error as! ReportError
                XCTAssertEqual(error.line, 2)
                XCTAssertTrue(error.reason.contains("loss is \(bad)"), error.reason)
            }
        }
    }

    func testRepeatedStepKeepsTheLastValue() throws {
        // A resumed run logs the steps after its checkpoint again.
        let metrics = try read("[1/3] loss 9.0\n[2/3] loss 8.0\n[2/3] loss 7.5\n[3/3] loss 7.0\n")
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.value), [9.0, 7.5, 7.0])
    }
}

final class FinalLossTests: XCTestCase {
    func testValidationLossWinsWhenLogged() {
        let metrics = MetricSet(series: [
            MetricTag.trainLoss: (1...100).map { MetricPoint(step: $0, value: 5) },
            MetricTag.validationLoss: [MetricPoint(step: 50, value: 4.2), MetricPoint(step: 100, value: 4.1)],
        ])
        let loss = FinalLoss.from(metrics)!
        XCTAssertEqual(loss.value, 4.1)
        XCTAssertEqual(loss.source, .validation)
        XCTAssertEqual(loss.step, 100)
    }

    func testMeanOfTheLastFivePercentOfTrainingLoss() {
        // 40 points: the last 5% is 2 points, 0.2 and 0.1 → 0.15.
        let metrics = MetricSet(series: [
            MetricTag.trainLoss: (1...40).map { MetricPoint(step: $0, value: Double(41 - $0) / 10) },
        ])
        let loss = FinalLoss.from(metrics)!
        XCTAssertEqual(loss.points, 2)
        XCTAssertEqual(loss.value, 0.15, accuracy: 1e-12)
        XCTAssertEqual(loss.source, .trainingTail)
    }

    func testAtLeastOnePoint() {
        let metrics = MetricSet(series: [MetricTag.trainLoss: [MetricPoint(step: 7, value: 3)]])
        XCTAssertEqual(FinalLoss.from(metrics)?.points, 1)
        XCTAssertNil(FinalLoss.from(MetricSet()))
    }
}
