import Foundation
import XCTest

@testable import GQAReport

/// What a follow-up paper takes from the site: the figures as PDF (fonts embedded, pages sized as
/// the SVGs; checked with poppler's pdfinfo and pdffonts), numbers.tex holding exactly the
/// values of claims.xml, and CITATION.cff. (Two builds giving the same bytes, PDFs included,
/// is PipelineTests.testTwoBuildsGiveByteIdenticalOutputs.)
final class PublicationOutputsTests: XCTestCase {
    private let site = Repository.root.appendingPathComponent("site")

    /// `\newcommand{\Name}{value}` lines as name → value.
    private func macros(_ tex: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in tex.split(separator: "\n") where line.hasPrefix("\\newcommand{\\") {
            let body = line.dropFirst("\\newcommand{\\".count)
            guard let nameEnd = body.firstIndex(of: "}") else { continue }
            let rest = body[body.index(after: nameEnd)...]
            guard rest.hasPrefix("{"), let close = rest.range(of: "} %") else { continue }
            found[String(body[..<nameEnd])] = String(rest[rest.index(after: rest.startIndex)..<close.lowerBound])
        }
        return found
    }

    func testNumbersTeXHoldsExactlyTheValuesOfClaimsXML() throws {
        let tex = try String(contentsOf: site.appendingPathComponent("downloads/numbers.tex"), encoding: .utf8)
        let defined = macros(tex)
        let table = try XMLTree.read(try Data(contentsOf: Repository.root.appendingPathComponent("Results/tables/claims.xml")),
                                     path: "claims.xml", schema: Repository.root.appendingPathComponent("Results/schemas/claims.xsd"))
        let claims = table.children(named: "claim")
        XCTAssertEqual(claims.count, 12)
        var expected: [String: String] = [:]
        for claim in claims {
            let id = try XCTUnwrap(claim["id"]), comparison = try XCTUnwrap(claim.child(named: "comparison"))
            let stem = "GQAClaim" + LaTeXNumbers.macroWord(id)
            expected[stem + "Computed"] = comparison["computed"] ?? "n/a"
            expected[stem + "Paper"] = comparison["paper"]
            expected[stem + "Verdict"] = claim["verdict"]
            expected[stem + "Unit"] = LaTeXNumbers.escape(try XCTUnwrap(comparison["unit"]))
        }
        for key in ["count", "holds", "fails", "cannotBeChecked"] {
            let name = ["count": "GQAClaimsCount", "holds": "GQAClaimsHold", "fails": "GQAClaimsFail", "cannotBeChecked": "GQAClaimsCannotBeChecked"][key]!
            expected[name] = table[key]
        }
        let c1 = try XCTUnwrap(claims.first { $0["id"] == "C1" }?.child(named: "comparison")?["computed"]).flatMap(Double.init)
        expected["GQAMemorySaved"] = String(format: "%.1f\\%%", try XCTUnwrap(c1))
        let c2 = claims.first { $0["id"] == "C2" }?.child(named: "comparison")?["computed"].flatMap(Double.init)
        expected["GQAFlopsSaved"] = String(format: "%.1f\\%%", try XCTUnwrap(c2))
        let c5 = claims.first { $0["id"] == "C5" }?.child(named: "comparison")?["computed"].flatMap(Double.init)
        expected["GQAZSaved"] = String(format: "%.1f\\%%", try XCTUnwrap(c5))
        XCTAssertEqual(defined, expected)
        XCTAssertEqual(defined["GQAClaimCTwelveVerdict"], "cannot be checked")
        XCTAssertEqual(defined["GQAClaimCEightComputed"], "n/a", "C8 has no benchmark results to compute from")
        // Every macro names its source table.
        for line in tex.split(separator: "\n") where line.hasPrefix("\\newcommand") {
            XCTAssertTrue(line.contains("% Results/tables/claims.xml"), String(line))
        }
    }

    func testClaimIdsBecomeLettersOnlyAndUnitsAreEscaped() throws {
        XCTAssertEqual(LaTeXNumbers.macroWord("C1"), "COne")
        XCTAssertEqual(LaTeXNumbers.macroWord("C12"), "CTwelve")
        XCTAssertEqual(LaTeXNumbers.macroWord("my-claim-42"), "MyClaimFortyTwo")
        XCTAssertEqual(LaTeXNumbers.macroWord("x123"), "XOneTwoThree")
        XCTAssertEqual(LaTeXNumbers.escape("% of Z_1 & $"), "\\% of Z\\_1 \\& \\$")
    }

    func testEveryFigureIsAPDFWithEmbeddedFontsSizedAsItsSVG() throws {
        let tools = ["/usr/bin/pdfinfo", "/usr/bin/pdffonts"]
        try XCTSkipUnless(tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }, "poppler-utils is not installed (CI installs it)")
        let figures = site.appendingPathComponent("figures")
        let svgs = FileTree.regularFiles(under: figures).filter { $0.hasSuffix(".svg") && !$0.hasSuffix("-phone.svg") }
        XCTAssertEqual(svgs.count, 8)  // the claims at a glance and the study's seven
        for svg in svgs {
            // The column PDFs: as wide as a paper's column (3.5 in) or page (7 in), their
            // smallest text (the legend's 9 units) at least 7 pt there.
            for (suffix, points) in [("-3.5in.pdf", 252.0), ("-7in.pdf", 504.0)] {
                let column = figures.appendingPathComponent(svg.replacingOccurrences(of: ".svg", with: suffix))
                let info = try runTool([tools[0], column.path], errorsApart: true).output
                let size = try XCTUnwrap(info.firstMatch(of: /Page size: +([0-9.]+) x ([0-9.]+) pts/), "\(column.lastPathComponent): \(info)")
                XCTAssertEqual(Double(size.1) ?? 0, points, accuracy: 0.01, column.lastPathComponent)
            }
            let pdf = figures.appendingPathComponent(svg.replacingOccurrences(of: ".svg", with: ".pdf"))
            let header = try String(contentsOf: figures.appendingPathComponent(svg), encoding: .utf8).prefix(400)
            let width = try XCTUnwrap(header.firstMatch(of: /width="([0-9.]+)pt"/)?.1), height = try XCTUnwrap(header.firstMatch(of: /height="([0-9.]+)pt"/)?.1)
            let info = try runTool([tools[0], pdf.path], errorsApart: true).output
            XCTAssertTrue(info.contains("Page size:       \(width) x \(height) pts"), "\(svg): \(info)")
            XCTAssertTrue(info.contains("Pages:           1"), svg)
            XCTAssertTrue(info.contains("Creator:         gqa-report"), svg)
            let fonts = try runTool([tools[1], pdf.path], errorsApart: true).output.split(separator: "\n").dropFirst(2)
            XCTAssertFalse(fonts.isEmpty, "\(svg): the PDF has text, so it has fonts")
            for font in fonts {
                // name type encoding emb sub uni object: "emb" is the 4th column from the end.
                let columns = font.split(separator: " ", omittingEmptySubsequences: true)
                XCTAssertEqual(columns[columns.count - 5], "yes", "\(svg): font not embedded: \(font)")
            }
        }
    }

    func testABrokenCitationFileFailsTheBuildWithItsName() throws {
        let project = try TestProject()
        try project.addRun("a")
        try project.write("cff-version: 1.2.0\nmessage: cite us\ntitle: x\n", to: project.root.appendingPathComponent("Results/CITATION.cff"))
        let error = try XCTUnwrap(project.buildError())
        XCTAssertTrue(error.description.contains("Results/CITATION.cff"), error.description)
        XCTAssertTrue(error.description.contains("authors"), error.description)
    }

    func testTheCommittedCitationFileIsPublished() throws {
        let published = try Data(contentsOf: site.appendingPathComponent("downloads/CITATION.cff"))
        XCTAssertEqual(published, try Data(contentsOf: Repository.root.appendingPathComponent("Results/CITATION.cff")))
        XCTAssertNotNil(try CitationFile.read(ProjectLayout(root: Repository.root)))
    }

    func testTheColumnLayoutsKeepEveryLegendAndTickLabelAtLeastSevenPoints() throws {
        func panel(_ title: String) -> Axes {
            Axes(title: title, x: Axis("x", scale: .log), y: Axis("y"),
                 marks: [.points(xs: [1, 10, 100], ys: [3, 2.8, 2.7], color: Palette.gray, shape: .circle, label: "H = (8, 1)")], legendOutside: true)
        }
        for count in [1, 2, 3, 7] {
            var figure = Figure(name: "f", title: "A title long enough to need two lines on a phone's narrow drawing of it", caption: "",
                                panels: (0..<count).map { panel("panel \($0)") }, columns: min(count, 3))
            figure.legendColumnWidth = 200
            for (layout, points) in [(Figure.Layout.phone, 252.0), (.twoColumns, 504.0)] {
                let laidOut = figure.laidOut(layout)
                let scale = points / laidOut.width
                XCTAssertGreaterThanOrEqual(PanelRenderer.legendSize * scale, 7, "\(count) panels, \(layout)")
                XCTAssertGreaterThanOrEqual(PanelRenderer.tickSize * scale, 7, "\(count) panels, \(layout)")
                XCTAssertGreaterThanOrEqual(PanelRenderer.tickSize * Pen.exponentScale * scale, 7, "exponents, \(count) panels, \(layout)")
                XCTAssertEqual(laidOut.legendColumnWidth, 0, "no legend column beside a narrow figure")
                XCTAssertEqual(laidOut.columns, layout == .phone ? 1 : min(count, 2))
                XCTAssertGreaterThan(laidOut.height, Double(laidOut.rows) * laidOut.panelHeight + laidOut.headerHeight,
                                     "the legends under the plots add to the height")
                let pdf = try CairoRenderer.pdf(laidOut, pageWidth: points)
                XCTAssertTrue(String(decoding: pdf.prefix(2000), as: UTF8.self).contains("%PDF-1.5"))
            }
        }
    }
}
