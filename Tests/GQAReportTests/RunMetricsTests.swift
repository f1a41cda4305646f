import Foundation
import XCTest

@testable import GQAReport

/// What a run keeps of its logs, and how the training-curve figure stays small for big sweeps.
final class RunMetricsTests: XCTestCase {
    private func metrics(steps: Int) -> MetricSet {
        MetricSet(series: [
            MetricTag.trainLoss: (1...steps).map { MetricPoint(step: $0, value: 2 + 6 / Double($0)) },
            MetricTag.iterationTime: (1...steps).map { MetricPoint(step: $0, value: $0 % 2 == 0 ? 0.5 : 0.3) },
        ])
    }

    func testSummariesAreOfEveryPointAndTheCurveIsThinnedInLogStep() throws {
        let kept = RunMetrics(metrics(steps: 20_000))
        let loss = try XCTUnwrap(kept.summary(of: MetricTag.trainLoss))
        XCTAssertEqual([loss.points, loss.firstStep, loss.lastStep], [20_000, 1, 20_000])
        XCTAssertLessThanOrEqual(kept.trainingCurve.count, RunMetrics.curvePoints + 1)
        XCTAssertEqual(kept.trainingCurve.first?.step, 1)
        XCTAssertEqual(kept.trainingCurve.last?.step, 20_000)
        // Evenly spaced in log(step): as many points in the first decade as in the last.
        let first = kept.trainingCurve.filter { $0.step < 10 }.count
        let last = kept.trainingCurve.filter { $0.step >= 2_000 }.count
        XCTAssertGreaterThan(last, 50)
        XCTAssertEqual(first, 9, "every step below 10 is kept")
        XCTAssertEqual(kept.medianIterationTime, 0.4)
        // A short run keeps every point.
        XCTAssertEqual(RunMetrics(metrics(steps: 120)).trainingCurve.count, 120)
    }

    func testTheCacheRoundTripKeepsEveryNumber() throws {
        let kept = RunMetrics(metrics(steps: 5_000))
        let decoded = try JSONDecoder().decode(RunMetrics.self, from: JSONEncoder().encode(kept))
        XCTAssertEqual(decoded, kept)
    }

    func testTheTrainingCurveFigureKeepsToItsBudgetForLargeSweeps() throws {
        func context(runs: Int) -> BuildContext {
            var context = BuildContext(layout: ProjectLayout(root: FileManager.default.temporaryDirectory))
            let model = ModelConfig(layers: 4, hiddenSize: 256, queryHeads: 4, kvHeads: 4)
            let training = TrainingConfig(contextLength: 8192, batchSize: 8, trainSteps: 20_000, gpus: 8)
            let kept = RunMetrics(metrics(steps: 20_000))
            context.runs = (0..<runs).map { index in
                Run(name: "run\(index)", model: model, training: training, metrics: kept,
                    finalLoss: FinalLoss(value: 2, source: .trainingTail, points: 1, step: 20_000),
                    tokens: TokenCount(value: 1, source: .arguments), provenance: [], exampleNote: nil)
            }
            return context
        }
        func points(_ figure: Figure) -> [Int] {
            figure.panels.flatMap(\.marks).compactMap { mark in
                if case let .line(xs, _, _, _, _) = mark { return xs.count }
                return nil
            }
        }
        // Three runs of one configuration and size: each drawn, smoothed and raw, unthinned.
        let few = points(StudyFigures.trainingCurves(context(runs: 3)))
        XCTAssertEqual(few, Array(repeating: RunMetrics(metrics(steps: 20_000)).trainingCurve.count, count: 6), "small sweeps are not thinned further")
        // A thousand: one band and its median, on an 80-point grid, whatever the sweep's size.
        let thousand = StudyFigures.trainingCurves(context(runs: 1_000))
        XCTAssertEqual(points(thousand), [80])
        XCTAssertEqual(thousand.panels.flatMap(\.marks).filter { if case .band = $0 { return true } else { return false } }.count, 1)
        XCTAssertLessThanOrEqual(thousand.panels.flatMap(\.legend).count, 8, "one entry a configuration and a key, never one a run")
    }
}
