import Foundation
import XCTest

@testable import GQAReport
@testable import ReportCLI

final class PipelineTests: XCTestCase {
    func testTwoBuildsGiveByteIdenticalOutputs() throws {
        let first = try TestProject(), second = try TestProject()
        for project in [first, second] {
            try project.addRun("b_gpt-6-512", layers: 6, hidden: 512, heads: 8, kvHeads: 2, steps: 30)
            try project.addRun("a_gpt-4-256")
            try project.build()
        }
        let hashes = first.outputHashes()
        XCTAssertGreaterThan(hashes.count, 40, "pages, figures, tables and downloads")
        XCTAssertEqual(hashes, second.outputHashes())
        // And a rebuild in place changes nothing.
        try first.build()
        XCTAssertEqual(first.outputHashes(), hashes)
    }

    /// `--out DIR`: one's own sweep built and checked in DIR, the project's outputs untouched.
    func testOutPutsTheOutputsElsewhereAndLeavesTheProjectsAlone() throws {
        let project = try TestProject()
        try project.addRun("a_gpt-4-256")
        try project.build()
        let before = project.outputHashes()
        try project.addRun("b_gpt-6-512", layers: 6, hidden: 512, heads: 8, kvHeads: 2, steps: 30)
        let out = project.root.appendingPathComponent("elsewhere")
        XCTAssertEqual(runReport(["build", "--root", project.root.path, "--quiet", "--out", out.path]), 0)
        XCTAssertEqual(project.outputHashes(), before, "Results/tables/ and site/ are as they were")
        let runs = try String(contentsOf: out.appendingPathComponent("tables/runs.xml"), encoding: .utf8)
        XCTAssertEqual(runs.components(separatedBy: "<run ").count - 1, 2, "the new build, with both runs, is in --out")
        XCTAssertTrue(FileTree.isRegularFile(out.appendingPathComponent("site/index.html")))
        XCTAssertFalse(FileTree.isDirectory(out.appendingPathComponent(OutputWriter.stagingName)))
        XCTAssertEqual(runReport(["check", "--root", project.root.path, "--out", out.path]), 0, "check compares against --out")
        XCTAssertEqual(runReport(["check", "--root", project.root.path]), 1, "the project's own outputs are now stale")
    }

    func testABuildOutsideAProjectSaysSoAndWhatToDo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-not-a-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try BuildPipeline.standard.build(layout: ProjectLayout(root: folder))) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("not a gqa-report project: it holds no Templates/") && message.contains("--root") && message.contains("--out"), message)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing is left in a stranger's folder")
    }

    func testTablesHoldEveryRunAndEveryContext() throws {
        let project = try TestProject()
        try project.addRun("a", steps: 40)
        try project.addRun("b", layers: 6, hidden: 512, heads: 8, kvHeads: 1)
        let context = try project.build()
        let runs = try String(contentsOf: project.layout.tables.appendingPathComponent("runs.xml"), encoding: .utf8)
        let costs = try String(contentsOf: project.layout.tables.appendingPathComponent("costs.xml"), encoding: .utf8)
        XCTAssertEqual(runs.components(separatedBy: "<run ").count - 1, 2)
        XCTAssertEqual(costs.components(separatedBy: "<row ").count - 1, 2 * context.options.contexts.count)
        XCTAssertEqual(costs.components(separatedBy: "<cost ").count - 1, 2 * 5 * 3)
        // Run a: 40 steps, the mean of the last 2 losses (4.1 and 4.0) is 4.05; tokens are exact.
        XCTAssertTrue(runs.contains(#"<finalLoss value="4.05" rule="mean-last-5pct-train-loss" points="2" step="40"/>"#), runs)
        XCTAssertTrue(runs.contains(#"<tokens value="20971520" source="log"/>"#))
        // Both tables pass xmllint-equivalent validation from the file on disk too.
        for table in ["runs", "costs"] {
            let xml = try String(contentsOf: project.layout.tables.appendingPathComponent("\(table).xml"), encoding: .utf8)
            XCTAssertNoThrow(try SchemaValidator.validate(xml, named: table, schema: project.layout.schemas.appendingPathComponent("\(table).xsd")))
        }
    }

    func testPlannedTokensWhenTheLogDoesNotCountThem() throws {
        let project = try TestProject()
        try project.addRun("a", argsJSON: #"{"max_len": 1024, "batch_size": 4, "grad_accum_steps": 2, "n_train_steps": 3}"#,
                           log: "[1/3] loss 3.0\n[2/3] loss 2.9\n[3/3] loss 2.8\n")
        let context = try project.build()
        // 8 GPUs assumed × 2 × 4 × 1024 × 3 steps.
        XCTAssertEqual(context.runs[0].tokens, TokenCount(value: 196_608, source: .arguments))
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.contains("assuming 8 GPUs") })
    }

    func testHostileRunNameIsEscapedEverywhere() throws {
        let project = try TestProject()
        // No "/" (a directory name cannot hold one); markup, quotes and a control character.
        let name = "x<script>alert(1)<\\script>&\"'\u{01}"
        try project.addRun(name)
        try project.build()
        let page = try String(contentsOf: project.layout.site.appendingPathComponent("runs.html"), encoding: .utf8)
        XCTAssertFalse(page.contains("<script>"))
        XCTAssertTrue(page.contains("x&lt;script&gt;alert(1)&lt;\\script&gt;&amp;"), page)
        let runs = try String(contentsOf: project.layout.tables.appendingPathComponent("runs.xml"), encoding: .utf8)
        XCTAssertTrue(runs.contains("name=\"x&lt;script&gt;alert(1)&lt;\\script&gt;&amp;&quot;'\u{FFFD}\""), runs)
    }

    func testValidatorReportsLineOfTheProblem() {
        let schema = Repository.root.appendingPathComponent("Results/schemas/runs.xsd")
        XCTAssertThrowsError(try SchemaValidator.validate("<?xml version=\"1.0\"?>\n<runs count=\"x\"/>\n", named: "t.xml", schema: schema)) { error in
            XCTAssertTrue("\(error)".contains("t.xml:2:"), "\(error)")
        }
        XCTAssertThrowsError(try SchemaValidator.checkWellFormed("<a>\n<b></a>", named: "w.xml")) { error in
            XCTAssertTrue("\(error)".contains("w.xml:2:"), "\(error)")
        }
    }

    func testEntitiesAreNotExpanded() {
        // A billion-laughs style document must not be expanded (and must not hang).
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            <!ENTITY ext SYSTEM "file:///etc/passwd">]>
            <runs count="1" parameterConvention="paper">&lol3;&ext;</runs>
            """
        let schema = Repository.root.appendingPathComponent("Results/schemas/runs.xsd")
        XCTAssertThrowsError(try SchemaValidator.validate(xml, named: "lol.xml", schema: schema)) { error in
            XCTAssertFalse("\(error)".contains("root:"), "external entity content leaked: \(error)")
        }
    }
}

/// The command line: exit statuses, `check` and `inspect`.
final class CommandLineTests: XCTestCase {
    func testBuildThenCheckPassesAndCheckCatchesAStaleFile() throws {
        let project = try TestProject()
        try project.addRun("a")
        XCTAssertEqual(runReport(["build", "--root", project.root.path, "--quiet"]), 0)
        XCTAssertEqual(runReport(["check", "--root", project.root.path]), 0)
        try project.write("tampered", to: project.layout.tables.appendingPathComponent("runs.xml"))
        XCTAssertEqual(runReport(["check", "--root", project.root.path]), 1)
        try project.write("extra", to: project.layout.site.appendingPathComponent("stray.html"))
        XCTAssertEqual(OutputComparison(layout: project.layout).differences(from: {
            var context = BuildContext(layout: project.layout)
            try! BuildPipeline.standard.run(&context)
            return context.outputs
        }()), ["stale: Results/tables/runs.xml", "not produced by the build: site/stray.html"])
    }

    func testBuildIsTheDefaultCommandAndFailsWithStatusOne() throws {
        let project = try TestProject()
        try project.addRun("a")
        XCTAssertEqual(runReport(["--root", project.root.path, "--quiet"]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.layout.site.appendingPathComponent("index.html").path))
        try project.addRun("b", heads: 3, kvHeads: 2)
        // An unreadable run is a warning (the others are built), and an error with --strict.
        XCTAssertEqual(runReport(["--root", project.root.path, "--quiet"]), 0)
        XCTAssertEqual(runReport(["--root", project.root.path, "--quiet", "--strict"]), 1)
    }

    func testInspectPrintsJSON() throws {
        let project = try TestProject()
        let run = try project.addRun("a", steps: 10)
        let folder = try FolderInspection.inspect(run, layout: project.layout)
        XCTAssertEqual(folder.runs.count, 1)
        let inspection = folder.runs[0]
        let object = try JSONSerialization.jsonObject(with: Data(try inspection.json().utf8)) as! [String: Any]
        XCTAssertEqual(object["name"] as? String, "a")
        XCTAssertEqual(object["nonEmbeddingParameters"] as? Int, 3_145_984)
        XCTAssertEqual((object["files"] as? [Any])?.count, 3)
        XCTAssertTrue(inspection.text.contains("train/loss: 10 points, steps 1-10"))
        XCTAssertTrue(inspection.text.contains("training loss: 'train/loss' (known name #1 of"), inspection.text)
        XCTAssertTrue(inspection.text.contains("Results/runs/a/stdout.log (trainer stdout): below the run directory"), inspection.text)
        XCTAssertEqual(runReport(["inspect", "--root", project.root.path, run.path, "--json"]), 0)
        XCTAssertEqual(inspection.logs, [LogTie(path: "Results/runs/a/stdout.log", evidence: "below the run directory", format: TrainerStdoutReader().formatName)])
        // The project root is a folder too: its runs are found under Results/runs.
        XCTAssertEqual(runReport(["inspect", "--root", project.root.path, project.root.path]), 0)
        XCTAssertEqual(runReport(["inspect", "--root", project.root.path, project.root.appendingPathComponent("nowhere").path]), 1)
    }

    /// Two builds on one root: the second waits for the first and says whose lock it waits on,
    /// instead of failing on the first's half-swapped folders.
    func testASecondBuildWaitsForTheBuildThatHoldsTheRoot() throws {
        let project = try TestProject()
        try project.addRun("a")
        var holder: BuildLock? = try BuildLock.acquire(root: project.root)
        let finished = DispatchSemaphore(value: 0)
        let messages = LockedMessages()
        let layout = project.layout
        Thread.detachNewThread {
            do {
                try BuildPipeline.standard.build(layout: layout, waiting: { messages.append($0) })
            } catch {
                messages.append("failed: \(error)")
            }
            finished.signal()
        }
        XCTAssertEqual(finished.wait(timeout: .now() + 1), .timedOut, "the build must wait while the root is held")
        XCTAssertTrue(messages.all.first?.contains("waiting for the build that holds") == true, "\(messages.all)")
        XCTAssertTrue(messages.all.first?.contains("pid \(getpid())") == true, "names the holder: \(messages.all)")
        holder = nil
        XCTAssertNil(holder)
        XCTAssertEqual(finished.wait(timeout: .now() + 60), .success)
        XCTAssertFalse(messages.all.contains { $0.hasPrefix("failed") }, "\(messages.all)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.layout.site.appendingPathComponent("index.html").path))
    }
}

/// Messages collected from another thread.
private final class LockedMessages: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
