import Foundation
import XCTest

@testable import GQAReport

/// Runs as trainers other than the authors' write them, read from files those trainers made
/// (Fixtures/hf-trainer/make_trainer_sweep.py, Fixtures/keras-layout/make_keras_layout.py), and
/// one bad file in a runs tree never taking the other runs down.
final class TrainerLayoutTests: XCTestCase {
    private let fixtures = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures")
    private var sweep: URL { fixtures.appendingPathComponent("hf-trainer/sweep") }

    /// Parameters as the weights file holds them: the sum over the tensors its header lists
    /// (safetensors: an 8-byte little-endian header length, then a JSON header; a tied weight
    /// is stored once). Read only here, as a check: report never opens weights.
    private func parametersInWeights(_ url: URL) throws -> Int {
        let data = try Data(contentsOf: url)
        let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any])
        return header.filter { $0.key != "__metadata__" }.values.reduce(0) { sum, tensor in
            sum + (((tensor as? [String: Any])?["shape"] as? [Int]) ?? []).reduce(1, *)
        }
    }

    private func buildSweep(_ project: TestProject, runs: URL) throws -> BuildContext {
        var options = BuildOptions()
        options.runRoots = [runs]
        return try BuildPipeline.standard.build(layout: project.layout, options: options)
    }

    func testATransformersTrainerSweepBuildsFromItsOwnFiles() throws {
        let project = try TestProject()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Results/claims.xml"), to: project.root.appendingPathComponent("Results/claims.xml"))
        let context = try buildSweep(project, runs: sweep)
        XCTAssertEqual(context.runs.count, 9)
        XCTAssertEqual(Set(context.runs.map(\.model.heads)), [HeadConfiguration(queryHeads: 4, kvHeads: 1), HeadConfiguration(queryHeads: 4, kvHeads: 2), HeadConfiguration(queryHeads: 4, kvHeads: 4)])
        for run in context.runs {
            let folder = sweep.appendingPathComponent(run.name)
            XCTAssertTrue(run.configuredBy.hasSuffix("\(run.name)/config.json (Transformers, llama)"), run.configuredBy)
            XCTAssertEqual(ParameterCount(run.model).total, try parametersInWeights(folder.appendingPathComponent("model.safetensors")), run.name)
            // The final loss is the last eval_loss of the run's own trainer_state.json.
            let state = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("trainer_state.json"))) as? [String: Any])
            let evals = try XCTUnwrap(state["log_history"] as? [[String: Any]]).compactMap { $0["eval_loss"] as? Double }
            XCTAssertEqual(run.finalLoss.source, .validation, run.name)
            XCTAssertEqual(run.finalLoss.value, try XCTUnwrap(evals.last), run.name)
            XCTAssertEqual(run.tokens, TokenCount(value: 30720, source: .log), run.name)
            XCTAssertNil(run.training.contextLength, "the Trainer records no sequence length: unknown, not guessed")
            XCTAssertEqual(run.training.trainSteps, 60)
            XCTAssertFalse(run.provenance.contains { $0.path.hasSuffix(".safetensors") || $0.path.hasSuffix(".bin") }, "weights and pickles are never read")
            XCTAssertFalse(run.provenance.contains { $0.path.contains("checkpoint-") }, "the run's own state is its latest")
        }
        // One size law a head configuration, fitted on the 3 sizes.
        let sizeLaws = context.fits.filter { $0.selection.law == .sizeLaw && $0.selection.source == .runs }
        XCTAssertEqual(sizeLaws.count, 3, "\(context.fits.map(\.selection.id))")
        XCTAssertEqual(sizeLaws.compactMap(\.fit).count, 3, "every L(N; H) fitted on the 3 sizes")
        XCTAssertEqual(context.costs.count, 9)
    }

    func testCheckpointStatesAreLeftForTheRunsLatestState() throws {
        let project = try TestProject()
        let found = try RunDiscovery(layout: project.layout, roots: [sweep]).discover()
        XCTAssertEqual(found.runs.count, 9)
        XCTAssertEqual(found.left.count, 18, "checkpoint-30 and checkpoint-60 of each run")
        XCTAssertTrue(found.left.allSatisfy { $0.url.path.contains("/checkpoint-") && $0.reason.contains("an earlier state of the run") })
        XCTAssertTrue(found.untied.isEmpty, "\(found.untied)")
    }

    func testOneBadFileNeverTakesTheOtherRunsDown() throws {
        let project = try TestProject()
        let runs = project.root.appendingPathComponent("sweep")
        try FileManager.default.copyItem(at: sweep, to: runs)
        // A file no reader knows, inside a run; an LFS pointer named like an event file; a cut event file.
        try project.write("hello,world\n", to: runs.appendingPathComponent("llama-L1-d16-h4-kv1/notes.csv"))
        try project.write("version https://git-lfs.github.com/spec/v1\noid sha256:9fc79f63\nsize 45778\n",
                          to: runs.appendingPathComponent("events.out.tfevents.1700000000.host.1.0"))
        let events = try XCTUnwrap(FileTree.regularFiles(under: runs.appendingPathComponent("llama-L2-d32-h4-kv1/runs")).first { $0.hasSuffix(".0") })
        let eventURL = runs.appendingPathComponent("llama-L2-d32-h4-kv1/runs/\(events)")
        try Data(contentsOf: eventURL).prefix(3000).write(to: eventURL)
        // A trainer_state.json cut short: that run is unreadable, named with the reason.
        let state = runs.appendingPathComponent("llama-L3-d48-h4-kv1/trainer_state.json")
        try Data(contentsOf: state).prefix(500).write(to: state)

        let context = try buildSweep(project, runs: runs)
        XCTAssertEqual(context.runs.count, 8)
        XCTAssertEqual(context.runsWithoutMetrics.map(\.name), ["llama-L3-d48-h4-kv1"])
        XCTAssertTrue(context.runsWithoutMetrics[0].unreadable)
        XCTAssertTrue(context.runsWithoutMetrics[0].reason.contains("llama-L3-d48-h4-kv1/trainer_state.json"), context.runsWithoutMetrics[0].reason)
        let problems = context.diagnostics.problems
        XCTAssertEqual(problems.count, 4, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("notes.csv: no reader recognises this file") })
        XCTAssertTrue(problems.contains { $0.contains("events.out.tfevents.1700000000.host.1.0") && $0.contains("Git LFS pointer") && $0.contains("git lfs pull") })
        XCTAssertTrue(problems.contains { $0.contains(events) && $0.contains("truncated last record") })
        XCTAssertTrue(problems.contains { $0.contains("run 'llama-L3-d48-h4-kv1' is unreadable") })

        var strict = BuildOptions()
        strict.runRoots = [runs]
        strict.strict = true
        XCTAssertThrowsError(try BuildPipeline.standard.build(layout: project.layout, options: strict)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("--strict: 4 input(s)"), message)
            for name in ["notes.csv", "1700000000.host.1.0", events, "llama-L3-d48-h4-kv1/trainer_state.json"] {
                XCTAssertTrue(message.contains(name), "\(name) in \(message)")
            }
        }
    }

    /// Keras writes `epoch_loss` in both train/ and validation/: two series by the folder's role,
    /// never one merged by step (which made the validation values the training loss).
    func testKerasTrainAndValidationFoldersAreTwoSeries() throws {
        let project = try TestProject()
        let run = try project.addRun("keras")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("keras-layout/logs"), to: run.appendingPathComponent("logs"))
        let built = try project.build().runs[0]
        XCTAssertEqual(built.lossSeries.map(\.series), ["validation/epoch_loss", "train/epoch_loss"])
        XCTAssertEqual(built.finalLoss.value, 1.75, accuracy: 1e-6)
        XCTAssertEqual(built.metrics.summary(of: MetricTag.trainLoss)?.lastValue ?? 0, 1.0, accuracy: 1e-6)

        // Naming the bare tag, as a Keras user might, is an error listing the two series.
        try project.write(#"{"trainingLoss": "epoch_loss"}"#, to: run.appendingPathComponent("report.json"))
        XCTAssertThrowsError(try project.build(strict: true)) { error in
            XCTAssertTrue("\(error)".contains("names 'epoch_loss' as the training loss, and the run's logs hold no such series") && "\(error)".contains("'train/epoch_loss'"), "\(error)")
        }
    }
}
