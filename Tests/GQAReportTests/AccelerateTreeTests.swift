import Foundation
import XCTest

@testable import GQAReport

/// The tree Accelerate's TensorBoard tracker and a scheduler really write for two runs of one
/// project and a launch that crashed (`Fixtures/accelerate/make_accelerate_tree.py`, with
/// PyTorch and Accelerate): every log is tied to its run by what the trainer stored.
final class AccelerateTreeTests: XCTestCase {
    private let fixture = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/accelerate/tree", isDirectory: true)

    /// A copy, so a test may break it.
    private func tree() throws -> (TestProject, URL) {
        let project = try TestProject()
        let copy = project.root.appendingPathComponent("trainer-output", isDirectory: true)
        try FileManager.default.copyItem(at: fixture, to: copy)
        return (project, copy)
    }

    private func eventFiles(under folder: URL) -> [String] {
        FileTree.regularFiles(under: folder).filter { $0.contains("tfevents") }
    }

    func testEveryScalarIsTiedToItsRun() throws {
        let (project, tree) = try tree()
        let found = try RunDiscovery(layout: project.layout, roots: [tree]).discover()
        XCTAssertEqual(found.runs.map(\.name), ["e1_gpt-2-128-kv1_tiny_8k_", "e1_gpt-2-128-kv1_tiny_8k_crashed", "e1_gpt-2-128_tiny_8k_"])
        XCTAssertEqual(found.untied, [])
        // Each event file of the shared folder, and each stdout, belongs to exactly one run.
        let tied = found.runs.flatMap { $0.logs.map(\.url.lastPathComponent) }
        XCTAssertEqual(Set(tied).count, tied.count)
        XCTAssertEqual(tied.filter { $0.contains("tfevents") }.count, eventFiles(under: tree).count)
        for run in found.runs {
            // The writer's process id ties the scalars to the hparams record naming the run.
            let pids = Set(run.logs.compactMap { EventFileName($0.url.lastPathComponent)?.processID })
            XCTAssertEqual(pids.count, 1, run.name)
            for log in run.logs where log.url.pathExtension == "out" {
                XCTAssertEqual(LaunchArguments.runNames(in: try Data(contentsOf: log.url)), [run.name])
            }
            for log in run.logs where log.url.lastPathComponent.hasSuffix(".1") {
                XCTAssertEqual(try HParamsRecord.read(try Data(contentsOf: log.url), path: log.url.path)["run_name"], run.name)
            }
        }

        var options = BuildOptions()
        options.runRoots = [tree]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(context.runs.map(\.name), ["e1_gpt-2-128-kv1_tiny_8k_", "e1_gpt-2-128_tiny_8k_"])
        XCTAssertEqual(context.runsWithoutMetrics.map(\.name), ["e1_gpt-2-128-kv1_tiny_8k_crashed"])
        for run in context.runs {
            // loss/val exists only in the event files, at steps 0, 6, 12, 18 of 24.
            XCTAssertEqual(run.metrics.summary(of: "loss/val")?.points, 4, run.name)
            XCTAssertEqual(run.finalLoss.source, .validation)
            XCTAssertEqual(run.finalLoss.step, 18)
            XCTAssertEqual(run.metrics.summary(of: "train/loss")?.lastStep, 24)
            XCTAssertTrue(context.diagnostics.warnings.contains { $0.contains("the final loss of '\(run.name)'") && $0.contains("from step 18") })
        }
        // The two runs' numbers differ (their own seeds): a swapped tie would show.
        XCTAssertNotEqual(context.runs[0].finalLoss.value, context.runs[1].finalLoss.value)
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.contains("'e1_gpt-2-128-kv1_tiny_8k_crashed' has no metrics") })
    }

    func testAnEventFileThatCannotBeTiedIsAWarningNamingIt() throws {
        let (project, tree) = try tree()
        // Without its hparams record, nothing the trainer wrote names the run of one scalar file.
        let hparams = eventFiles(under: tree).first { $0.hasSuffix(".1") && $0.contains("/1") }!
        let writer = EventFileName(URL(fileURLWithPath: hparams).lastPathComponent)!.processID!
        try FileManager.default.removeItem(at: tree.appendingPathComponent(hparams))
        var options = BuildOptions()
        options.runRoots = [tree]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        let scalars = "trainer-output/results/cogqa/cogqa/" + eventFiles(under: tree.appendingPathComponent("results/cogqa/cogqa"))
            .first { !$0.contains("/") && $0.contains(".\(writer).0") }!
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.hasPrefix("\(scalars): not tied to any run") }, "\(context.diagnostics.warnings)")
    }

    func testALogTwoRunsClaimIsAnErrorNamingBoth() throws {
        let (project, tree) = try tree()
        let first = try Data(contentsOf: tree.appendingPathComponent("slurm-4101.out"))
        let second = try Data(contentsOf: tree.appendingPathComponent("slurm-4102.out"))
        try (first + second).write(to: tree.appendingPathComponent("slurm-4101.out"))
        XCTAssertThrowsError(try RunDiscovery(layout: project.layout, roots: [tree]).discover()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("slurm-4101.out: claimed by runs 'e1_gpt-2-128-kv1_tiny_8k_' and 'e1_gpt-2-128_tiny_8k_'"), message)
        }
    }
}
