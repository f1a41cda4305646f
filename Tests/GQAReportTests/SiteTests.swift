import Foundation
import XCTest

@testable import GQAReport

/// The site as a reader meets it: every link resolves, nothing leaves the site, every image
/// has alt text, and untrusted names cannot inject markup.
final class SiteTests: XCTestCase {
    private func attributes(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        while let range = rest.range(of: " \(name)=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...]
        }
        return values
    }

    private func checkLinks(in site: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let pages = FileTree.regularFiles(under: site).filter { $0.hasSuffix(".html") }
        XCTAssertFalse(pages.isEmpty, file: file, line: line)
        var checked = 0
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            for link in attributes("href", in: html) + attributes("src", in: html) {
                if link.hasPrefix("#") || link.contains("://") || link.hasPrefix("mailto:") { continue }
                XCTAssertFalse(link.hasPrefix("/"), "\(page): absolute link \(link) breaks on a sub-path", file: file, line: line)
                let path = String(link.split(separator: "#", omittingEmptySubsequences: false)[0])
                let target = site.appendingPathComponent(path).standardizedFileURL
                XCTAssertTrue(target.path.hasPrefix(site.standardizedFileURL.path + "/"), "\(page): \(link) leaves the site", file: file, line: line)
                XCTAssertTrue(FileTree.isRegularFile(target), "\(page): broken link \(link)", file: file, line: line)
                checked += 1
            }
            let images = html.components(separatedBy: "<img ").count - 1
            XCTAssertEqual(attributes("alt", in: html).filter { !$0.isEmpty }.count, images, "\(page): an image without alt text", file: file, line: line)
        }
        return checked
    }

    func testEveryLinkOfABuiltSiteResolves() throws {
        let project = try TestProject()
        try project.addRun("a")
        try project.build()
        XCTAssertGreaterThan(try checkLinks(in: project.layout.site), 50)
    }

    func testEveryLinkOfTheCommittedSiteResolves() throws {
        XCTAssertGreaterThan(try checkLinks(in: Repository.root.appendingPathComponent("site")), 50)
    }

    func testHostileRunNameCannotInjectMarkupIntoAnyPage() throws {
        let project = try TestProject()
        try project.addRun("x<img src=x onerror=alert(1)>")
        try project.build()
        for page in FileTree.regularFiles(under: project.layout.site) where page.hasSuffix(".html") {
            let html = try String(contentsOf: project.layout.site.appendingPathComponent(page), encoding: .utf8)
            XCTAssertFalse(html.contains("<img src=x"), page)
        }
        let csv = try String(contentsOf: project.layout.site.appendingPathComponent("downloads/csv/runs.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("x<img src=x onerror=alert(1)>"), "CSV keeps the name as data")
    }

    func testEveryPageHasTheNavigationAndATitle() throws {
        let project = try TestProject()
        try project.addRun("a")
        let context = try project.build()
        for page in ["index.html", "figures.html", "runs.html", "fits.html", "methods.html", "downloads.html"]
            + context.figures.map(FigurePage.fileName) {
            let html = try String(contentsOf: project.layout.site.appendingPathComponent(page), encoding: .utf8)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"), page)
            XCTAssertTrue(html.contains("<nav class=\"site\""), page)
            XCTAssertTrue(html.contains("<title>"), page)
        }
    }

    func testOnlyClaimsThatCannotBeCheckedSayWhatIsMissing() throws {
        let html = try String(contentsOf: Repository.root.appendingPathComponent("site/index.html"), encoding: .utf8)
        let shipped = try ClaimsFileReader(layout: ProjectLayout(root: Repository.root)).read().claims.count
        // In the claims table (the glance list at the top shows each verdict once more).
        let table = try XCTUnwrap(html.range(of: "<table class=\"claims\">")).lowerBound
        let unchecked = html[table...].components(separatedBy: "<span class=\"verdict cannot-be-checked\">cannot be checked</span>").count - 1
        XCTAssertEqual(html.components(separatedBy: "Cannot be checked:").count - 1, unchecked)
        XCTAssertGreaterThan(shipped, unchecked)
    }

    func testCSVCellsAreQuotedAndFormulasNeutralised() {
        XCTAssertEqual(CSVExport.cell("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVExport.cell("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVExport.cell("=cmd()"), "'=cmd()")
        XCTAssertEqual(CSVExport.cell("-1.5"), "-1.5")
    }
}
