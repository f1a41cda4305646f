import Foundation
import XCTest

@testable import GQAReport

/// The figures of generated sweeps of 7, 40 and 200 runs (the paper's seven head
/// configurations on four sizes, repeated with other seeds): every legend stays short, no
/// legend lies over data, every configuration has a colour of its own, and the training
/// curves turn into bands where runs would pile up. (A 1,000-run sweep's figures are timed in
/// `report-benchmarks figures`, not here.)
final class FigureSweepSizeTests: XCTestCase {
    static let configurations = [(8, 8), (8, 4), (8, 2), (8, 1), (4, 1), (2, 1), (1, 1)]
    static let layers = [6, 8, 10, 12]

    /// A sweep of `count` runs in the authors' layout; losses fall with size and differ a little
    /// by configuration and seed. Benchmark input, not study data.
    private func sweep(_ count: Int) throws -> TestProject {
        let project = try TestProject()
        for index in 0..<count {
            let (heads, kv) = Self.configurations[index % Self.configurations.count]
            let layers = Self.layers[(index / Self.configurations.count) % Self.layers.count]
            let seed = index / (Self.configurations.count * Self.layers.count)
            let start = 7.0 - Double(layers) * 0.1 + Double(kv) * 0.01 - Double(heads) * 0.005 + Double(seed % 5) * 0.003
            try project.addRun("run-\(index)", layers: layers, hidden: 128 * layers, heads: heads, kvHeads: kv, steps: 20,
                               log: TestProject.log(steps: 20, start: start))
        }
        return project
    }

    func testFiguresStayReadableAtEverySweepSize() throws {
        for count in [7, 40, 200] {
            let project = try sweep(count)
            var context = BuildContext(layout: project.layout)
            try BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(), ClaimsStep(), ReproductionStep(), PlotStep()]).run(&context)
            XCTAssertEqual(context.runs.count, count)
            for figure in context.figures {
                let layout = CairoRenderer.layout(figure)
                for (panel, placed) in zip(figure.panels, layout) {
                    XCTAssertLessThanOrEqual(panel.legend.count, 16, "\(count) runs, \(figure.name), '\(panel.title)': \(panel.legend.count) legend entries")
                    if let legend = placed.legend, legend.x >= placed.plot.x, legend.maxX <= placed.plot.maxX {
                        XCTAssertFalse(placed.marks.meets(legend), "\(count) runs, \(figure.name), '\(panel.title)': the legend lies over data")
                    }
                }
            }
            // One colour a head configuration, all different.
            let palette = context.palette
            let colors = Set(palette.configurations.map { palette.color(for: $0) }).count
            XCTAssertEqual(colors, palette.configurations.count, "\(count) runs: two head configurations share a colour")

            let curves = try XCTUnwrap(context.figures.first { $0.name == "training-curves" })
            let bands = curves.panels.flatMap(\.marks).filter { if case .band = $0 { return true } else { return false } }.count
            let lines = curves.panels.flatMap(\.marks).filter { if case .line = $0 { return true } else { return false } }.count
            if count == 200 {
                // 200 runs: 7 configurations × 4 sizes × 7 seeds: every group is a band and a median.
                XCTAssertEqual(bands, 28, "\(count) runs")
                XCTAssertEqual(lines, 28)
            } else {
                XCTAssertEqual(bands, 0, "\(count) runs: few enough to draw every run")
                XCTAssertEqual(lines, 2 * count, "a smoothed and a faint raw line a run")
            }
            let sizes = min(Self.layers.count, (count + Self.configurations.count - 1) / Self.configurations.count)
            XCTAssertEqual(curves.panels.count, sizes, "one panel a size: the sweep has fewer sizes than configurations (7)")
        }
    }

    func testSmoothingIsTensorBoardsDebiasedMovingAverage() {
        // TensorBoard: last = 0.6·last + 0.4·v, divided by 1 − 0.6^n.
        let smoothed = TrainingCurvesFigure.smooth([1, 2, 3])
        XCTAssertEqual(smoothed[0], 1, accuracy: 1e-12)
        XCTAssertEqual(smoothed[1], (0.6 * 0.4 * 1 + 0.4 * 2) / (1 - 0.36), accuracy: 1e-12)
        XCTAssertEqual(smoothed[2], (0.36 * 0.4 * 1 + 0.6 * 0.4 * 2 + 0.4 * 3) / (1 - 0.216), accuracy: 1e-12)
    }

    func testEveryConfigurationOfABuildHasItsOwnColourAndThePapersKeepTheirs() {
        let extra = [HeadConfiguration(queryHeads: 4, kvHeads: 2), HeadConfiguration(queryHeads: 4, kvHeads: 4)]
            + (1...30).map { HeadConfiguration(queryHeads: 64, kvHeads: $0) }
        let palette = HeadPalette(extra)
        XCTAssertNotEqual(palette.color(for: extra[0]), palette.color(for: extra[1]), "H = (4, 2) and (4, 4) were one red")
        XCTAssertEqual(Set(palette.configurations.map { palette.color(for: $0) }).count, palette.configurations.count)
        XCTAssertEqual(palette.color(for: HeadConfiguration(queryHeads: 8, kvHeads: 1)), Palette.vermillion)
        XCTAssertEqual(HeadPalette([]).color(for: HeadConfiguration(queryHeads: 8, kvHeads: 1)), Palette.vermillion)
    }
}
