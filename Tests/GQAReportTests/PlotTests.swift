import Foundation
import XCTest

@testable import GQAReport

final class TickTests: XCTestCase {
    func testLinearTicksAreRoundNumbers() {
        let ticks = Ticks.linear(2.41...3.23, maxCount: 6)
        XCTAssertEqual(ticks.major.map(\.value), [2.6, 2.8, 3.0, 3.2].map { $0 }, accuracy: 1e-12)
        XCTAssertEqual(ticks.major.map(\.text), ["2.6", "2.8", "3.0", "3.2"])
        XCTAssertEqual(Ticks.linear(0...100, maxCount: 6).major.map(\.text), ["0", "20", "40", "60", "80", "100"])
    }

    func testLogTicksOverManyDecadesAreThinned() {
        let ticks = Ticks.log(1e2...1e20, maxMajor: 7)
        XCTAssertLessThanOrEqual(ticks.major.count, 7)
        XCTAssertTrue(ticks.major.allSatisfy { $0.text == "10" && $0.exponent != nil })
        XCTAssertEqual(ticks.major.first?.exponent, "2")
        XCTAssertTrue(ticks.minor.contains(1e3), "a skipped decade keeps its tick")
    }

    func testLogTicksOfNumbersAReaderSaysArePlain() {
        // One to four heads: 1, 2, 3, 4, not 10⁰ and 2×10⁰.
        let heads = Ticks.log(0.95...4.4)
        XCTAssertEqual(heads.major.map(\.text), ["1", "2", "3", "4"])
        XCTAssertTrue(heads.major.allSatisfy { $0.exponent == nil })
        // One to 16K heads: plain decades.
        XCTAssertEqual(Ticks.log(1...16384).major.map(\.text), ["1", "10", "100", "1000", "10000"])
        // Bytes stay powers of ten.
        XCTAssertTrue(Ticks.log(1e8...1e11).major.allSatisfy { $0.exponent != nil })
    }

    func testLogTicksWithinOneDecadeLabelTwoAndFive() {
        let ticks = Ticks.log(1.5e9...9e9)
        XCTAssertEqual(ticks.major.map(\.value), [2e9, 5e9], accuracy: 1)
        XCTAssertEqual(ticks.major.map(\.text), ["2×10", "5×10"])
        XCTAssertEqual(ticks.major.map(\.exponent), ["9", "9"])
        XCTAssertFalse(ticks.minor.contains(2e9))
    }

    func testSinglePointAndEqualValuesGetARange() {
        let linear = Ticks.range(of: [2.6, 2.6, 2.6], scale: .linear)
        XCTAssertLessThan(linear.lowerBound, 2.6)
        XCTAssertGreaterThan(linear.upperBound, 2.6)
        XCTAssertFalse(Ticks.linear(linear).major.isEmpty)
        let log = Ticks.range(of: [1e9], scale: .log)
        XCTAssertEqual(log.lowerBound, 5e8)
        XCTAssertEqual(log.upperBound, 2e9)
        XCTAssertFalse(Ticks.log(log).major.isEmpty)
        XCTAssertEqual(Ticks.range(of: [], scale: .linear), 0...1)
        XCTAssertEqual(Ticks.range(of: [-1, 0], scale: .log), 1...10, "no positive values on a log axis")
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(a) vs \(b)", file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, "\(a) vs \(b)", file: file, line: line) }
}

final class RendererTests: XCTestCase {
    /// A colour no other part of a figure uses, to find its marks in the SVG.
    private let probe = Color(hex: 0x123456)
    private let probeStyle = "rgb(7.058824%,20.392157%,33.72549%)"

    private func figure(points: Int, lines: Int = 1, x: [Double]? = nil) -> Figure {
        let xs = x ?? (1...points).map { Double($0) * 10 }
        var marks: [Mark] = [.points(xs: xs, ys: xs.map { 3 - log10($0) / 10 }, color: probe, shape: .circle, label: "probe points")]
        for i in 0..<lines {
            marks.append(.line(xs: [10, 1000], ys: [3.0 - Double(i) * 0.01, 2.8], color: Palette.vermillion, dashed: false, label: nil))
        }
        return Figure(name: "test", title: "A test figure", caption: "test",
                      panels: [Axes(title: "panel", x: Axis("x", scale: .log), y: Axis("loss"), marks: marks)])
    }

    private func svgPaths(_ data: Data) throws -> [XMLTree] {
        let root = try XMLTree.read(data, path: "test.svg", schema: nil)
        var paths: [XMLTree] = []
        func walk(_ node: XMLTree) {
            if node.name == "path" { paths.append(node) }
            node.children.forEach(walk)
        }
        walk(root)
        return paths
    }

    func testSVGHasOneMarkerPerPointAndOneCurvePerLine() throws {
        let paths = try svgPaths(try CairoRenderer.svg(figure(points: 7, lines: 3)))
        // Markers: filled with the probe colour and rimmed in white; one more in the legend.
        let markers = paths.filter { ($0["style"] ?? "").contains("fill:\(probeStyle)") }
        XCTAssertEqual(markers.count, 7 + 1)
        let curves = paths.filter { ($0["style"] ?? "").contains("stroke:rgb(83.529412%,36.862745%,0%)") && ($0["style"] ?? "").contains("stroke-width:1.8") }
        XCTAssertEqual(curves.count, 3)
    }

    func testRenderingTwiceGivesTheSameBytes() throws {
        let a = try CairoRenderer.svg(figure(points: 5)), b = try CairoRenderer.svg(figure(points: 5))
        XCTAssertEqual(a, b)
        // Another figure drawn in between must not shift the ids of the next one.
        _ = try CairoRenderer.svg(figure(points: 9))
        XCTAssertEqual(try CairoRenderer.svg(figure(points: 5)), a)
        XCTAssertEqual(try CairoRenderer.png(figure(points: 5)), try CairoRenderer.png(figure(points: 5)))
    }

    func testPNGIsTwiceThePointSize() throws {
        let figure = self.figure(points: 3)
        let png = try CairoRenderer.png(figure)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(width, Int(figure.width * 2))
        XCTAssertEqual(height, Int(figure.height * 2))
    }

    func testASeriesWithNaNIsAnError() {
        XCTAssertThrowsError(try CairoRenderer.svg(figure(points: 3, x: [1, .nan, 3]))) { error in
            XCTAssertTrue("\(error)".contains("series 'probe points'"), "\(error)")
        }
    }

    func testSVGIdentifiersAreRenumberedByFirstAppearance() {
        let svg = ##"<g id="surface37"><use xlink:href="#glyph5-2"/><use xlink:href="#glyph5-9"/><g clip-path="url(#clip12)"/><use xlink:href="#glyph5-2"/></g>"##
        XCTAssertEqual(SVGIdentifiers.normalize(svg),
                       ##"<g id="surface1"><use xlink:href="#glyph1"/><use xlink:href="#glyph2"/><g clip-path="url(#clip1)"/><use xlink:href="#glyph1"/></g>"##)
    }
}

final class StudyFigureTests: XCTestCase {
    func testTheBuildWritesTheClaimsFigureAndAllSevenFiguresAsSVGAndPNG() throws {
        let project = try TestProject()
        try project.addRun("a")
        let context = try project.build()
        XCTAssertEqual(context.figures.map(\.name), ["claims-forest", "loss-vs-cost-128k", "headline-comparison", "loss-vs-heads", "loss-vs-size",
                                                     "training-curves", "cost-shares", "optimal-map"])
        for figure in context.figures {
            for ext in ["svg", "png"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: project.layout.site.appendingPathComponent("figures/\(figure.name).\(ext)").path))
            }
        }
    }
}

/// Every figure of the study, parsed back with libxml2: one marker per plotted point (and per
/// legend marker), one curve per line (and per legend line).
final class StudyFigureSVGTests: XCTestCase {
    func testEachFigureHasAMarkerPerPointAndACurvePerLine() throws {
        var context = BuildContext(layout: ProjectLayout(root: Repository.root))
        var options = FitOptions()
        options.bootstrapSamples = 20
        try BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(options: options), ClaimsStep(), ReproductionStep()]).run(&context)
        let figures = StudyFigures.all(context)
        XCTAssertEqual(figures.count, 8)
        for figure in figures {
            let root = try XMLTree.read(try CairoRenderer.svg(figure), path: "\(figure.name).svg", schema: nil)
            var styles: [String] = []
            func walk(_ node: XMLTree) {
                if node.name == "path", let style = node["style"] { styles.append(style) }
                node.children.forEach(walk)
            }
            walk(root)
            let legends = figure.panels.filter(\.showsLegend).flatMap(\.legend)
            func points(filled: Bool) -> Int {
                figure.panels.flatMap(\.marks).reduce(0) { count, mark in
                    if case let .points(xs, _, _, shape, _, _) = mark, shape.filled == filled { return count + xs.count }
                    return count
                }
            }
            let lines = figure.panels.flatMap(\.marks).filter { if case .line = $0 { return true } else { return false } }.count
            // Filled markers are rimmed with a 0.8-wide stroke, hollow ones drawn with a 1.4-wide
            // ring; curves are 1.8 wide.
            XCTAssertEqual(styles.filter { $0.contains("stroke-width:0.8;") }.count,
                           points(filled: true) + legends.filter { $0.shape?.filled == true }.count, figure.name)
            XCTAssertEqual(styles.filter { $0.contains("stroke-width:1.4;") }.count,
                           points(filled: false) + legends.filter { $0.shape?.filled == false }.count, figure.name)
            XCTAssertEqual(styles.filter { $0.contains("stroke-width:1.8;") }.count, lines + legends.filter(\.isLine).count, figure.name)
        }
    }
}

/// A fitted law is drawn solid over its data and dashed beyond it: the figure says where it
/// extrapolates.
final class ExtrapolationMarkTests: XCTestCase {
    func testAFittedCurveIsDashedBeyondItsLargestPoint() throws {
        let n = [1e7, 3e7, 1e8, 3e8, 1e9]
        let fit = try CurveFitter.fit(.sizeLaw, FitData(x: n, y: n.map { SizeLaw().predict([1e8, 0.25, 2], x: $0) }))
        let selection = FitSelection(law: .sizeLaw, source: .digitized, summary: "s", xName: "N", yName: "loss", heads: nil,
                                     series: "s", sourceID: "fig", shape: nil, context: nil, data: fit.data)
        let lines = FigureData.marks(FitOutcome(selection: selection, status: .fitted(fit)), palette: HeadPalette([])).compactMap { mark -> (xs: [Double], dashed: Bool)? in
            if case let .line(xs, _, _, dashed, _) = mark { return (xs, dashed) }
            return nil
        }
        XCTAssertEqual(lines.count, 2)
        XCTAssertFalse(lines[0].dashed)
        XCTAssertEqual(lines[0].xs.max()!, 1e9, accuracy: 1e-6 * 1e9)
        XCTAssertTrue(lines[1].dashed)
        XCTAssertEqual(lines[1].xs.first!, 1e9)
        XCTAssertGreaterThan(lines[1].xs.last!, 1e9)
    }
}
