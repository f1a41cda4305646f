import Foundation
import XCTest

@testable import GQAReport

/// An artifact built from a sweep outside the project names the sweep's files from the `--runs`
/// folder's label, so it holds no absolute path and is the same bytes wherever the sweep lies.
final class RunsAnywhereTests: XCTestCase {
    private let sweep = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/hf-trainer/sweep")

    /// Every output file holding `text`, by its path under the project.
    private func files(in project: TestProject, holding text: String) -> [String] {
        project.outputHashes().keys.sorted().filter { path in
            let data = FileManager.default.contents(atPath: project.root.appendingPathComponent(path).path) ?? Data()
            return data.range(of: Data(text.utf8)) != nil
        }
    }

    func testASweepMovedElsewhereChecksCleanAndNoOutputNamesWhereItWas() throws {
        let project = try TestProject()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Results/claims.xml"),
                                         to: project.root.appendingPathComponent("Results/claims.xml"))
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-runs-anywhere-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        let first = outside.appendingPathComponent("first-place/deeper"), second = outside.appendingPathComponent("second-place")
        for place in [first, second] { try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(at: sweep, to: first.appendingPathComponent("my-sweep"))
        // A runs table beside the sweep, outside it and the project: named by its folder's name.
        try project.write("run,layers,hidden_size,heads,kv_heads,vocab_size\nnothing-matches-*,2,32,4,1,32000\n",
                          to: first.appendingPathComponent("runs.csv"))

        let build = ["build", "--root", project.root.path, "--runs", first.appendingPathComponent("my-sweep").path,
                     "--runs-table", first.appendingPathComponent("runs.csv").path]
        XCTAssertEqual(runReport(build), 0)
        XCTAssertEqual(files(in: project, holding: outside.path), [], "no output names the folder the sweep was built from")
        XCTAssertEqual(files(in: project, holding: "first-place"), [])
        let runsPage = String(decoding: try Data(contentsOf: project.root.appendingPathComponent("site/runs.html")), as: UTF8.self)
        XCTAssertTrue(runsPage.contains("my-sweep/llama-L1-d16-h4-kv1/config.json"), "a run's files are named from the folder's label")
        XCTAssertFalse(runsPage.contains("training config <code></code>"), "no empty training-config name")
        let runsTable = String(decoding: try Data(contentsOf: project.root.appendingPathComponent("Results/tables/runs.xml")), as: UTF8.self)
        XCTAssertTrue(runsTable.contains("my-sweep/llama-L1-d16-h4-kv1/config.json"))
        let before = project.outputHashes()

        // Moved (as another checkout would have it): the committed outputs are up to date, from
        // the cache the first build left and without it.
        try FileManager.default.moveItem(at: first.appendingPathComponent("my-sweep"), to: second.appendingPathComponent("my-sweep"))
        try FileManager.default.moveItem(at: first.appendingPathComponent("runs.csv"), to: second.appendingPathComponent("runs.csv"))
        let check = ["check", "--root", project.root.path, "--runs", second.appendingPathComponent("my-sweep").path,
                     "--runs-table", second.appendingPathComponent("runs.csv").path]
        XCTAssertEqual(runReport(check), 0, "a moved sweep checks clean")
        XCTAssertEqual(runReport(check + ["--no-cache"]), 0, "and clean without the cache")
        XCTAssertEqual(project.outputHashes(), before)

        // Another label is another artifact; a label given as NAME=PATH names it back.
        let renamed = outside.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: second.appendingPathComponent("my-sweep"), to: renamed)
        let table = ["--runs-table", second.appendingPathComponent("runs.csv").path]
        XCTAssertEqual(runReport(["check", "--root", project.root.path, "--runs", renamed.path] + table), 1, "labelled 'elsewhere', the pages differ")
        XCTAssertEqual(runReport(["check", "--root", project.root.path, "--runs", "my-sweep=" + renamed.path] + table), 0)
    }

    func testTwoRunsFoldersWithOneLabelAreRefusedAndALabelSetsThemApart() throws {
        let a = RunFolder.parse("/x/a/sweep"), b = RunFolder.parse("/x/b/sweep")
        XCTAssertEqual(a.label, "sweep")
        XCTAssertThrowsError(try RunFolder.checkLabels([a, b])) { error in
            XCTAssertTrue("\(error)".contains("both labelled 'sweep'"), "\(error)")
        }
        let named = RunFolder.parse("other=/x/b/sweep")
        XCTAssertEqual(named.label, "other")
        XCTAssertEqual(named.url.path, "/x/b/sweep")
        XCTAssertNoThrow(try RunFolder.checkLabels([a, named]))
        XCTAssertEqual(RunFolder.parse("/x/with=sign").label, "with=sign", "a slash before the = makes it a path")

        let layout = ProjectLayout(root: URL(fileURLWithPath: "/p/project")).labelling([a, named])
        XCTAssertEqual(layout.relativePath(URL(fileURLWithPath: "/x/a/sweep/run/config.json")), "sweep/run/config.json")
        XCTAssertEqual(layout.relativePath(URL(fileURLWithPath: "/x/b/sweep/run/log.txt")), "other/run/log.txt")
        XCTAssertEqual(layout.relativePath(URL(fileURLWithPath: "/p/project/Results/runs/r/args.json")), "Results/runs/r/args.json")
        XCTAssertEqual(layout.relativePath(URL(fileURLWithPath: "/x/a/sweeping/f")), "/x/a/sweeping/f", "a name that only begins like the folder is not under it")
    }
}
