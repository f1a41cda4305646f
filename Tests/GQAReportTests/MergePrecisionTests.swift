import Foundation
import XCTest

@testable import GQAReport

/// Two logs of one run holding one loss (the trainer's stdout, 4 decimals; its event file,
/// float32) are compared at the precision each was written with, and where they truly differ
/// the more precise wins, whichever comes later in path order.
final class MergePrecisionTests: XCTestCase {
    func testDecimalsAreThoseOfTheShortestText() {
        XCTAssertEqual(SeriesClash.decimals(5.5983), 4)
        XCTAssertEqual(SeriesClash.decimals(3.0), 0)
        XCTAssertEqual(SeriesClash.decimals(1.5e-5), 6)
        XCTAssertGreaterThan(SeriesClash.decimals(Double(Float(5.5983))), 10)
        XCTAssertTrue(SeriesClash.agree(5.5983, Double(Float(5.598332405))))
        XCTAssertFalse(SeriesClash.agree(5.5983, Double(Float(5.59845))))
        XCTAssertTrue(SeriesClash.agree(Double(Float(2.5)), 2.5))
    }

    /// A run whose stdout prints `printed` and whose event file (in a folder that sorts before
    /// stdout.log, so it is read first) holds `stored`, at 20 steps.
    private func build(printed: (Int) -> Double, stored: (Int) -> Double) throws -> BuildContext {
        let project = try TestProject()
        var lines = ["Tokens per batch: 524,288", "===== Start training ====="]
        for step in 1...20 {
            lines.append("[\(step)/20] loss \(String(format: "%.4f", printed(step))) | time 412.3ms | t_data 1.2ms | t_fwd 100.1ms | t_bwd 200.2ms | lr 1.000e-03 | grad_norm 1.23e+00 | tokens \(TestProject.grouped(step * 524_288))")
        }
        let run = try project.addRun("precise_gpt-4-256", log: lines.joined(separator: "\n") + "\n")
        let events = (1...20).reduce(into: Data()) { data, step in
            data += TensorBoardEventWriter.record(step: step, scalars: [("train/loss", Float(stored(step)))])
        }
        try project.write("", to: run.appendingPathComponent("a-tb/.keep"))
        try events.write(to: run.appendingPathComponent("a-tb/events.out.tfevents.1700000000.host.1.0"))
        return try project.build()
    }

    func testAPrintedValueEqualToTheStoredOneRoundedSaysNothing() throws {
        let context = try build(printed: { 8 - 0.1 * Double($0) + 0.000_03 }, stored: { 8 - 0.1 * Double($0) + 0.000_03 + 0.000_012 })
        XCTAssertFalse(context.diagnostics.warnings.contains { $0.contains("is in both") }, "\(context.diagnostics.warnings)")
        let loss = try XCTUnwrap(context.runs.first?.metrics.summaries.first { $0.tag == MetricTag.trainLoss }?.lastValue)
        XCTAssertGreaterThan(SeriesClash.decimals(loss), 4, "the event file's float32 value, not the printed one")
    }

    func testWhereTheyDifferTheMorePreciseWinsAndTheWarningSaysWhy() throws {
        let context = try build(printed: { 8 - 0.1 * Double($0) - 0.0001 * Double($0 % 7) }, stored: { 8 - 0.1 * Double($0) + 0.01 })
        let warning = try XCTUnwrap(context.diagnostics.warnings.first { $0.contains("is in both") })
        XCTAssertTrue(warning.contains("the one written with more decimals"), warning)
        XCTAssertTrue(warning.contains("a-tb/events.out.tfevents"), warning)
        let loss = try XCTUnwrap(context.runs.first?.metrics.summaries.first { $0.tag == MetricTag.trainLoss }?.lastValue)
        XCTAssertEqual(loss, Double(Float(8 - 2.0 + 0.01)), accuracy: 1e-9, "the event file's value, though stdout.log comes later in path order")
    }
}
