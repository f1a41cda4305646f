import Foundation
import XCTest

@testable import GQAReport
@testable import SitePreview

/// The parts of `report serve` that need no browser: which files it serves, what it adds to a
/// page, and which changes start a rebuild. (The server itself, reloading a page in Chromium,
/// is Tests/Browser/serve_check.py, which CI runs.)
final class SitePreviewTests: XCTestCase {
    func testServesOnlyFilesInsideTheSite() throws {
        let project = try TestProject()
        let site = project.layout.site
        try project.write("<html><body>hi</body></html>", to: site.appendingPathComponent("index.html"))
        try project.write("x", to: site.appendingPathComponent("figures/a.svg"))
        try project.write("secret", to: project.root.appendingPathComponent("Results/secret.txt"))
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("link.txt"),
                                                   withDestinationURL: project.root.appendingPathComponent("Results/secret.txt"))
        let handler = SiteFileHandler(site: site, status: nil)
        XCTAssertEqual(handler.resolve("/")?.lastPathComponent, "index.html")
        XCTAssertEqual(handler.resolve("/figures/a.svg")?.lastPathComponent, "a.svg")
        XCTAssertNil(handler.resolve("/../Results/secret.txt"))
        XCTAssertNil(handler.resolve("/figures/../../Results/secret.txt"))
        XCTAssertNil(handler.resolve("/link.txt"), "a link out of site/ is not followed")
        XCTAssertNil(handler.resolve("/missing.html"))
    }

    func testTheReloadScriptGoesBeforeTheEndOfTheBody() {
        let page = String(decoding: LiveReload.inject(into: Data("<html><body><p>x</p></body></html>".utf8)), as: UTF8.self)
        XCTAssertEqual(page, "<html><body><p>x</p>\(LiveReload.tag)\n</body></html>")
    }

    func testStatusCarriesTheBuildNumberAndTheLastError() throws {
        let status = BuildStatus()
        status.succeeded()
        status.failed("Results/runs/a/args.json: malformed JSON")
        var value = try XCTUnwrap(JSONSerialization.jsonObject(with: status.json) as? [String: Any])
        XCTAssertEqual(value["build"] as? Int, 1)
        XCTAssertEqual(value["error"] as? String, "Results/runs/a/args.json: malformed JSON")
        status.succeeded()
        value = try XCTUnwrap(JSONSerialization.jsonObject(with: status.json) as? [String: Any])
        XCTAssertEqual(value["build"] as? Int, 2)
        XCTAssertTrue(value["error"] is NSNull)
    }

    func testTheWatcherSeesInputsButNotTheTablesABuildWrites() throws {
        let project = try TestProject()
        try project.addRun("a")
        let watcher = SourceWatcher(layout: project.layout, runRoots: [])
        let before = watcher.snapshot()
        try project.write("<x/>", to: project.layout.tables.appendingPathComponent("runs.xml"))
        XCTAssertEqual(watcher.snapshot(), before, "Results/tables/ is the build's output")
        try project.write("more\n", to: project.runDirectory("a").appendingPathComponent("stdout.log"))
        let changed = SourceWatcher.changes(from: before, to: watcher.snapshot())
        XCTAssertEqual(changed.map { URL(fileURLWithPath: $0).lastPathComponent }, ["stdout.log"])
    }
}
