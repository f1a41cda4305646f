import Foundation
import XCTest

@testable import GQAReport

/// The example runs shipped in Results/runs/tinygqa-sweep/ were trained by
/// Results/examples/train (PyTorch and Accelerate on CPU): the manifest holds every file's
/// SHA-256 and the command that wrote them, and the build reads every run through the same
/// ties as a user's Accelerate output.
final class ExampleSweepTests: XCTestCase {
    private let sweep = Repository.root.appendingPathComponent("Results/runs/tinygqa-sweep", isDirectory: true)

    private struct Manifest: Decodable {
        struct File: Decodable { var sha256: String; var bytes: Int }
        var command: String
        var files: [String: File]
    }

    func testTheManifestMatchesTheFiles() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: sweep.appendingPathComponent("MANIFEST.json")))
        XCTAssertTrue(manifest.command.contains("tinygqa.sweep"), manifest.command)
        let onDisk = Set(FileTree.regularFiles(under: sweep).filter { $0 != "MANIFEST.json" })
        XCTAssertEqual(onDisk, Set(manifest.files.keys), "every file listed, and no other")
        for (path, expected) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: sweep.appendingPathComponent(path))
            XCTAssertEqual(FileDigest.sha256Hex(data), expected.sha256, path)
            XCTAssertEqual(data.count, expected.bytes, path)
        }
    }

    func testEveryTrainedRunIsReadAsAnExampleWithItsLogsTied() throws {
        let found = try RunDiscovery(layout: ProjectLayout(root: Repository.root), roots: [sweep]).discover()
        XCTAssertEqual(found.runs.count, 20)
        XCTAssertEqual(found.untied.map(\.url.lastPathComponent), [])
        var diagnostics = Diagnostics()
        let reader = RunDirectoryReader(layout: ProjectLayout(root: Repository.root))
        for sources in found.runs {
            guard case let .run(run) = try reader.read(sources, diagnostics: &diagnostics) else {
                return XCTFail("\(sources.name) has no metrics")
            }
            XCTAssertTrue(run.isExample, run.name)
            // Event files (tied by the hparams record and the writer's process) and the stdout
            // (tied by its printed arguments) both feed the run.
            XCTAssertTrue(run.logs.contains { $0.format == TensorBoardEventReader().formatName }, run.name)
            XCTAssertTrue(run.logs.contains { $0.format == TrainerStdoutReader().formatName }, run.name)
            XCTAssertEqual(run.finalLoss.source, .validation, run.name)
            XCTAssertEqual(run.finalLoss.step, run.training.trainSteps, "validated after the last step: \(run.name)")
            XCTAssertEqual(run.tokens.source, .log)
        }
    }
}

/// The reproduction page's mini-replication section is built from the example runs only.
final class MiniReplicationSectionTests: XCTestCase {
    func testTheSectionAppearsWithExampleRunsAndNotWithout() throws {
        let project = try TestProject()
        let plain = try project.addRun("a")
        XCTAssertEqual(MiniReplicationSection.context(try project.build())["hasMiniReplication"] as? Bool, false)

        try project.write("EXAMPLE: a test run.\n", to: plain.appendingPathComponent("EXAMPLE.txt"))
        let context = try project.build()
        let section = MiniReplicationSection.context(context)
        XCTAssertEqual(section["hasMiniReplication"] as? Bool, true)
        XCTAssertEqual(section["miniRuns"] as? Int, 1)
        let recommendations = try XCTUnwrap(section["miniRecommendations"] as? [[String: Any]])
        XCTAssertEqual(recommendations.count, CostObjective.allCases.count)
        // One run is one size of one head configuration: no curve, so no winner, said plainly.
        XCTAssertTrue(recommendations.allSatisfy { $0["verdict"] as? String == "no answer" }, "\(recommendations)")
        let page = try String(contentsOf: project.root.appendingPathComponent("site/reproduction.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Mini-replication (tiny, not the study&#39;s scale)") || page.contains("Mini-replication (tiny, not the study's scale)"))
    }
}
