import Foundation
import XCTest

@testable import GQAReport

/// Figures a reader can hover: every marker of every figure has a title, a run's marker links
/// to that run's entry on the runs page, and the figure pages inline the SVG so both work.
final class HoverTargetTests: XCTestCase {
    private let site = Repository.root.appendingPathComponent("site")

    private func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }

    func testEveryPlottedPointHasATitleAndEveryRunLinkFindsItsRun() throws {
        let runsPage = try String(contentsOf: site.appendingPathComponent("runs.html"), encoding: .utf8)
        var links = 0
        for svgFile in FileTree.regularFiles(under: site.appendingPathComponent("figures")) where svgFile.hasSuffix(".svg") {
            // The phone drawing has the same points as the desktop one, so the same titles.
            let name = String(svgFile.dropLast(svgFile.hasSuffix("-phone.svg") ? 10 : 4))
            let svg = try String(contentsOf: site.appendingPathComponent("figures/\(svgFile)"), encoding: .utf8)
            let csv = try String(contentsOf: site.appendingPathComponent("downloads/csv/figure-\(name).csv"), encoding: .utf8)
            let points = csv.split(separator: "\n").count - 1
            XCTAssertEqual(svg.components(separatedBy: "<title>").count - 1, points, "\(name): one title per plotted point")
            // Hollow markers' series say "(digitized)" once, in the titles and the data table.
            XCTAssertFalse(svg.contains("(digitized) (digitized)"), name)
            XCTAssertFalse(csv.contains("(digitized) (digitized)"), name)
            for match in try matches(#"<a xlink:href="\.\./runs\.html#(run-\d+)" target="_top"><circle [^>]*><title>[^<]*: run ([^&]+)&#10;"#, in: svg) {
                let (anchor, run) = (match[0], match[1])
                // The entry with that id is the run the title names.
                let entry = try XCTUnwrap(runsPage.range(of: "<article id=\"\(anchor)\""), "\(name): no \(anchor) on the runs page")
                XCTAssertTrue(runsPage[entry.upperBound...].prefix(400).contains(run), "\(name): \(anchor) is not run \(run)")
                links += 1
            }
        }
        XCTAssertGreaterThan(links, 10, "the example runs' markers link to their runs")
    }

    func testFigurePagesInlineTheSVGWithLinksFromTheSiteRoot() throws {
        let page = try String(contentsOf: site.appendingPathComponent("figure-loss-vs-size.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<div class=\"inline-figure figure-desktop\""))
        XCTAssertTrue(page.contains("<div class=\"inline-figure figure-phone\""))
        XCTAssertTrue(page.contains("xlink:href=\"#phone-glyph"), "the phone drawing's glyphs are its own")
        XCTAssertFalse(page.contains("id=\"phone-phone-"))
        XCTAssertFalse(page.contains("<?xml"))
        XCTAssertTrue(page.contains("xlink:href=\"runs.html#run-"))
        XCTAssertFalse(page.contains("xlink:href=\"../"))
    }

    func testTitlesEscapeUntrustedRunNames() throws {
        let targets = [HoverTarget(x: 1, y: 2, title: "H = (4, 1): run </title><script>x</script>", link: "runs.html#run-1")]
        let svg = HoverTarget.svg(targets, linkPrefix: "../")
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertTrue(svg.contains("&lt;/title&gt;"))
    }
}
