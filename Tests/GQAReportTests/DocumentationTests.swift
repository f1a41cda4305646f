import Foundation
import XCTest

@testable import GQAReport

/// What the README and the site's guides say twice, or quote from the code, is said alike:
/// documentation that cannot drift. (The README's runnable blocks are run by
/// `.ci/readme-doctest.py`; its command table is checked by `CommandFlagTests`.)
final class DocumentationTests: XCTestCase {
    private func text(_ path: String) throws -> String {
        try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The first cells of the Markdown table that follows `heading` (header and rule excluded).
    private func firstColumn(of text: String, after heading: String) throws -> [String] {
        let section = try XCTUnwrap(text.components(separatedBy: heading).dropFirst().first, "no '\(heading)'")
        let rows = section.split(separator: "\n", omittingEmptySubsequences: false)
            .drop(while: { !$0.hasPrefix("|") }).prefix(while: { $0.hasPrefix("|") })
        return rows.dropFirst(2).map { $0.split(separator: "|", omittingEmptySubsequences: true).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
    }

    func testTheReadmeAndTheRunsGuideListTheSameStatuses() throws {
        let readme = try firstColumn(of: try text("README.md"), after: "Every status `inspect`, the runs page or a warning can give")
        let guide = try firstColumn(of: try text("Templates/guides/runs.md.mustache"), after: "## What each status means, and what to do")
        XCTAssertGreaterThanOrEqual(readme.count, 10)
        XCTAssertEqual(readme, guide)
    }

    func testTheReadmeNamesEveryTransformersFamilyReportReads() throws {
        let readme = try text("README.md")
        let row = try XCTUnwrap(readme.split(separator: "\n").first { $0.hasPrefix("| Transformers `Trainer`") })
        let listed = try XCTUnwrap(row.firstMatch(of: /`config.json` \(([a-z0-9_, ]+)\)/)).output.1
        XCTAssertEqual(Set(listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }),
                       Set(TransformersConfigReader.families.keys))
    }

    /// The guides quote the loss names from `LossSeries`, so the rendered page lists them all.
    func testTheFormatsGuideListsEveryLossName() throws {
        let templates = try TemplateSet(directory: Repository.root.appendingPathComponent("Templates"), layout: ProjectLayout(root: Repository.root))
        let html = try GuidePage.html("formats", templates: templates)
        for name in LossSeries.validationNames + LossSeries.trainingNames {
            XCTAssertTrue(html.contains("<code>\(name)</code>"), name)
        }
        XCTAssertTrue(html.contains("these \(LossSeries.validationNames.count):"))
    }

    /// Ink starts a new paragraph at a wrapped line that opens with a backtick; the guides'
    /// lines are joined first, so a sentence stays one paragraph and a list item one item.
    func testWrappedLinesStayInTheirParagraphAndListItem() {
        let markdown = "A run is listed in\n`TrainerLayouts.all`, in order.\n\n- one item\n  `continued` here\n- two\n\n```sh\nkeep\nthese\n```\n"
        let html = GuidePage.parser().html(from: GuidePage.joiningWrappedLines(markdown))
        XCTAssertTrue(html.contains("<p>A run is listed in <code>TrainerLayouts.all</code>, in order.</p>"), html)
        XCTAssertTrue(html.contains("<li>one item <code>continued</code> here</li><li>two</li>"), html)
        XCTAssertTrue(html.contains("keep\nthese"), html)
    }

    func testHeadingsGetTheirAnchors() {
        XCTAssertEqual(Slug.make("What each status means, and what to do"), "what-each-status-means-and-what-to-do")
        XCTAssertEqual(Slug.make("The authors' trainer, at least"), "the-authors-trainer-at-least")
        let html = GuidePage.parser().html(from: "## W&B\n\n| a \\| b | c |\n| --- | --- |\n| 1 | 2 |\n")
        XCTAssertTrue(html.contains("<h2 id=\"w-b\">W&amp;B</h2>"), html)
        XCTAssertTrue(html.contains("<div class=\"scroll\"><table>"), html)
    }
}
