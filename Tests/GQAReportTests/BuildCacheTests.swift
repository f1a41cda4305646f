import Foundation
import XCTest

@testable import GQAReport

/// The build cache reuses a run or a fit only when the contents it came from are unchanged,
/// and a build from the cache writes exactly what a build without it writes.
final class BuildCacheTests: XCTestCase {
    /// Four runs of one head configuration and growing depth whose final losses follow a
    /// size law (the log's last loss is its start − 2): enough for size-law fits.
    private func project() throws -> TestProject {
        let project = try TestProject()
        for (index, layers) in [2, 4, 6, 8].enumerated() {
            let n = ParameterConvention.paperFormula.count(ModelConfig(layers: layers, hiddenSize: 256, queryHeads: 4, kvHeads: 4))
            let final = SizeLaw().predict([1e8, 0.3, 2], x: n)
            try project.addRun("run\(index)", layers: layers, log: TestProject.log(steps: 20, start: final + 2))
        }
        return project
    }

    @discardableResult
    private func build(_ project: TestProject, cache: Bool = true) throws -> BuildContext {
        try BuildPipeline.standard.build(layout: project.layout, cache: cache ? BuildCache(root: project.root) : nil)
    }

    /// Sets every input's modification time an hour back, so its size-and-mtime stamp is trusted.
    private func age(_ project: TestProject) throws {
        let past = Date(timeIntervalSinceNow: -3600)
        for path in FileTree.regularFiles(under: project.root.appendingPathComponent("Results/runs")) {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: project.root.appendingPathComponent("Results/runs/\(path)").path)
        }
    }

    /// Rewrites the cached run's final loss: a build that reuses the entry shows this value.
    private func tamper(_ project: TestProject, run: String, loss: Double) throws {
        let key = BuildCache.key(["run", "Results/runs/\(run)"])
        let url = BuildCache(root: project.root).folder.appendingPathComponent("runs/\(key).json")
        var entry = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        // A cached reading is `{"run": {"_0": run}}` (Swift's coding of an enum case).
        var reading = try XCTUnwrap(entry["reading"] as? [String: Any])
        var wrapped = try XCTUnwrap(reading["run"] as? [String: Any])
        var stored = try XCTUnwrap(wrapped["_0"] as? [String: Any])
        var finalLoss = try XCTUnwrap(stored["finalLoss"] as? [String: Any])
        finalLoss["value"] = loss
        stored["finalLoss"] = finalLoss
        wrapped["_0"] = stored
        reading["run"] = wrapped
        entry["reading"] = reading
        try JSONSerialization.data(withJSONObject: entry).write(to: url)
    }

    private func finalLoss(_ context: BuildContext, _ run: String) -> Double? {
        context.runs.first { $0.name == run }?.finalLoss.value
    }

    func testABuildFromTheCacheWritesWhatABuildWithoutItWrites() throws {
        let project = try project()
        try build(project, cache: false)
        let cold = project.outputHashes()
        let first = try build(project)
        XCTAssertEqual(project.outputHashes(), cold)
        XCTAssertTrue(FileManager.default.fileExists(atPath: BuildCache(root: project.root).folder.appendingPathComponent("fits").path))
        let second = try build(project)
        XCTAssertEqual(project.outputHashes(), cold)
        let fitted = first.fits.compactMap(\.fit)
        XCTAssertFalse(fitted.isEmpty, "the project has curves to fit: \(first.fits.map { "\($0.selection.id) \($0.status)" })")
        XCTAssertEqual(second.fits.compactMap(\.fit).map { $0.parameters.map(\.bitPattern) }, fitted.map { $0.parameters.map(\.bitPattern) })
        XCTAssertEqual(second.fits.compactMap(\.fit).map(\.bootstrapDraws), fitted.map(\.bootstrapDraws))
    }

    func testAnUnchangedRunIsTakenFromTheCache() throws {
        let project = try project()
        try age(project)
        try build(project)
        try tamper(project, run: "run1", loss: 1.25)
        XCTAssertEqual(finalLoss(try build(project), "run1"), 1.25, "the entry was reused")
        XCTAssertNotEqual(finalLoss(try build(project, cache: false), "run1"), 1.25)
    }

    func testARunWhoseLogChangedIsReadAgain() throws {
        let project = try project()
        try age(project)
        try build(project)
        try tamper(project, run: "run1", loss: 1.25)
        try project.write(TestProject.log(steps: 20, start: 5), to: project.runDirectory("run1").appendingPathComponent("stdout.log"))
        let context = try build(project)
        // 5% of 20 points rounds up to one: the last loss, 5 − 0.1·20.
        XCTAssertEqual(try XCTUnwrap(finalLoss(context, "run1")), 3.0, accuracy: 1e-9)
        // Only the changed run was read again.
        try tamper(project, run: "run2", loss: 1.5)
        XCTAssertEqual(finalLoss(try build(project), "run2"), 1.5)
    }

    func testAFileTouchedButUnchangedIsHashedAndReused() throws {
        let project = try project()
        try age(project)
        try build(project)
        try tamper(project, run: "run1", loss: 1.25)
        let log = project.runDirectory("run1").appendingPathComponent("stdout.log")
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: log.path)
        XCTAssertEqual(finalLoss(try build(project), "run1"), 1.25, "same content: the entry stands")
    }

    func testALogAddedBelowARunDirectoryInvalidatesItsEntry() throws {
        let project = try project()
        try age(project)
        try build(project)
        try tamper(project, run: "run1", loss: 1.25)
        // A file no reader reads cannot change the run: the entry is still used.
        try project.write("a note", to: project.runDirectory("run1").appendingPathComponent("notes.txt"))
        XCTAssertEqual(finalLoss(try build(project), "run1"), 1.25)
        // A log in a subfolder (a resumed run's second log) is an input: the run is read again.
        try project.write(TestProject.log(steps: 20, start: 5), to: project.runDirectory("run1").appendingPathComponent("resumed/stdout.log"))
        XCTAssertNotEqual(finalLoss(try build(project), "run1"), 1.25)
    }

    func testABuildKeepsOnlyTheEntriesItUsed() throws {
        let project = try project()
        try build(project)
        let folder = BuildCache(root: project.root).folder
        let entries = Set(FileTree.regularFiles(under: folder))
        XCTAssertEqual(entries.filter { $0.hasPrefix("runs/") }.count, 4)
        try project.write("{}", to: folder.appendingPathComponent("fits/stale.json"))
        try FileManager.default.removeItem(at: project.runDirectory("run3"))
        try build(project)
        let after = Set(FileTree.regularFiles(under: folder))
        XCTAssertFalse(after.contains("fits/stale.json"))
        XCTAssertEqual(after.filter { $0.hasPrefix("runs/") }.count, 3, "the removed run's entry is gone")
    }

    func testAnUnreadableCacheIsAColdStart() throws {
        let project = try project()
        _ = try build(project)
        let cold = project.outputHashes()
        for path in FileTree.regularFiles(under: BuildCache(root: project.root).folder) {
            try Data("not json".utf8).write(to: BuildCache(root: project.root).folder.appendingPathComponent(path))
        }
        _ = try build(project)
        XCTAssertEqual(project.outputHashes(), cold)
    }

    func testTheCommandLineBuildsWithAndWithoutTheCache() throws {
        let project = try project()
        XCTAssertEqual(runReport(["build", "--quiet", "--no-cache", "--root", project.root.path]), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: BuildCache(root: project.root).folder.path))
        let cold = project.outputHashes()
        XCTAssertEqual(runReport(["build", "--quiet", "--root", project.root.path]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: BuildCache(root: project.root).folder.path))
        XCTAssertEqual(project.outputHashes(), cold)
    }
}
