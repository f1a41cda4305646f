import Foundation
import XCTest

@testable import GQAReport

/// W&B run folders as the wandb client lays them out (`Fixtures/wandb/make_wandb_runs.py`,
/// wandb 0.31 offline, config.yaml written by wandb's own config_util): a run whose only
/// configuration is W&B's config.yaml, and a run directory whose W&B folder lies elsewhere
/// and is tied to it by the run_name its config.yaml holds.
final class WandbRunFolderTests: XCTestCase {
    private let fixture = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/wandb/tree", isDirectory: true)

    private func tree() throws -> (TestProject, URL) {
        let project = try TestProject()
        let copy = project.root.appendingPathComponent("trainer-output", isDirectory: true)
        try FileManager.default.copyItem(at: fixture, to: copy)
        return (project, copy)
    }

    func testRunsFromConfigYAMLAndFromRunNameTies() throws {
        let (project, tree) = try tree()
        var options = BuildOptions()
        options.runRoots = [tree]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(context.runs.map(\.name), ["gpt-4-256-kv1_wandb", "gpt-4-256-kv1_wandb-only"])
        for run in context.runs {
            XCTAssertEqual(run.model.heads, HeadConfiguration(queryHeads: 4, kvHeads: 1), run.name)
            XCTAssertEqual(run.training.contextLength, 8192)
            // The summary's step is "iter" (100), not W&B's _step (10: the eleventh log call).
            XCTAssertEqual(run.finalLoss.step, 100, run.name)
            XCTAssertEqual(run.finalLoss.value, 5.1, accuracy: 1e-12)
            XCTAssertEqual(run.finalLoss.source, .validation)
        }
        let only = context.runs[1]
        XCTAssertTrue(only.provenance.contains { $0.path.hasSuffix("files/config.yaml") }, "the configuration is config.yaml")
        XCTAssertFalse(only.provenance.contains { $0.path.hasSuffix("args.json") })
        let tied = context.runs[0]
        XCTAssertTrue(tied.logs.allSatisfy { $0.evidence.contains("names run_name 'gpt-4-256-kv1_wandb'") }, "\(tied.logs)")
        let warnings = context.diagnostics.warnings
        // One warning a file (the .wandb of each run), not one a row; each run's summary is not
        // read into its history (it holds each metric's last value, not a point).
        XCTAssertEqual(warnings.filter { $0.contains("'grad/hist' holds 'histogram' values") }.count, 2, "\(warnings)")
        for run in context.runs {
            XCTAssertTrue(run.logs.contains { $0.path.hasSuffix("wandb-summary.json") && $0.evidence.contains("not merged into the history") }, "\(run.logs)")
        }
        XCTAssertTrue(only.logs.allSatisfy { $0.evidence.hasPrefix("a file of the W&B run") }, "\(only.logs)")
        for run in context.runs {
            // The binary run-<id>.wandb holds the whole history: 11 train/loss points, 3 val/loss.
            XCTAssertTrue(run.logs.contains { $0.path.hasSuffix(".wandb") }, "\(run.logs)")
            XCTAssertEqual(run.metrics.summary(of: "train/loss")?.points, 11, run.name)
            XCTAssertEqual(run.metrics.summary(of: "loss/val")?.points, 3, run.name)
            XCTAssertEqual(run.metrics.summary(of: "train/loss")?.firstStep, 0)
        }
        XCTAssertFalse(warnings.contains { $0.contains("debug") }, "W&B's own debug logs are not trainer stdout: \(warnings)")
    }

    /// A W&B run whose run_name names no run directory is a run of its own, named by W&B's
    /// display name; with no model in its configuration it is listed with its final loss.
    func testAWandbRunNamingNoRunDirectoryIsARunOfItsOwn() throws {
        let (project, tree) = try tree()
        try FileManager.default.removeItem(at: tree.appendingPathComponent("with-args/results"))
        try FileManager.default.removeItem(at: tree.appendingPathComponent("wandb-only"))
        let found = try RunDiscovery(layout: project.layout, roots: [tree]).discover()
        XCTAssertEqual(found.runs.count, 1)
        XCTAssertTrue(found.untied.isEmpty, "\(found.untied)")
        let run = try XCTUnwrap(found.runs.first)
        XCTAssertEqual(run.logs.filter { $0.url.pathExtension == "wandb" }.count, 1, "\(run.logs)")
        var diagnostics = Diagnostics()
        let reading = try RunDirectoryReader(layout: project.layout).read(run, diagnostics: &diagnostics)
        guard case let .withoutConfiguration(listed) = reading else { return XCTFail("\(reading)") }
        XCTAssertNotNil(listed.finalLoss)
        XCTAssertTrue(listed.reason.contains("holds no model"), listed.reason)
    }

    /// An offline run keeps everything in run-<id>.wandb: with config.yaml gone, that file is
    /// the run's configuration and its history.
    func testAnOfflineRunIsReadFromItsTransactionLogAlone() throws {
        let (project, tree) = try tree()
        let only = tree.appendingPathComponent("wandb-only/wandb")
        for file in FileTree.regularFiles(under: only) where file.hasPrefix("offline-run-") && file.contains("/files/") {
            try FileManager.default.removeItem(at: only.appendingPathComponent(file))
        }
        var options = BuildOptions()
        options.runRoots = [only]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        let run = try XCTUnwrap(context.runs.first)
        XCTAssertEqual(run.name, "gpt-4-256-kv1_wandb-only")
        XCTAssertEqual(run.model.heads, HeadConfiguration(queryHeads: 4, kvHeads: 1))
        XCTAssertEqual(run.finalLoss.step, 100)
        XCTAssertEqual(run.finalLoss.value, 5.1, accuracy: 1e-12)
        XCTAssertEqual(run.provenance.filter { $0.path.hasSuffix(".wandb") }.count, 1, "one file, listed once")
        XCTAssertEqual(run.metrics.summary(of: "train/loss")?.points, 11)
    }

    func testATransactionLogCutShortIsReadUpToItsLastWholeRecordAndACorruptOneIsAnError() throws {
        let file = try XCTUnwrap(FileTree.regularFiles(under: fixture).first { $0.hasSuffix(".wandb") })
        let data = try Data(contentsOf: fixture.appendingPathComponent(file))
        var diagnostics = Diagnostics()
        let whole = try WandbTransactionLogReader().read(data, path: "x.wandb", diagnostics: &diagnostics)
        XCTAssertEqual(whole["train/loss"].count, 11)
        diagnostics = Diagnostics()
        let cut = try WandbTransactionLogReader().read(data.prefix(data.count - 100), path: "x.wandb", diagnostics: &diagnostics)
        XCTAssertLessThanOrEqual(cut["train/loss"].count, 11)
        XCTAssertTrue(diagnostics.warnings.contains { $0.contains("cut short") }, "\(diagnostics.warnings)")
        var corrupt = data
        corrupt[200] ^= 0xFF
        XCTAssertThrowsError(try WandbTransactionLogReader().read(corrupt, path: "x.wandb", diagnostics: &diagnostics)) { error in
            XCTAssertTrue("\(error)".contains("checksum mismatch"), "\(error)")
        }
    }

    /// wandb 0.24 and later write config.yaml with no `wandb_version` line and no `desc`. No
    /// such file of a real run was at hand, so this rewrites the fixture's config.yaml (written
    /// by wandb's own config_util) into that shape: the runs it names and configures must be
    /// the same.
    func testConfigYAMLWithoutAVersionLineIsStillAWandbConfig() throws {
        let (project, tree) = try tree()
        for relative in FileTree.regularFiles(under: tree) where relative.hasSuffix("files/config.yaml") {
            let url = tree.appendingPathComponent(relative)
            let old = try String(contentsOf: url, encoding: .utf8)
            let lines = old.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("wandb_version") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("desc:") }
            let rewritten = lines.joined(separator: "\n")
            XCTAssertTrue(rewritten.contains("\n_wandb:"), "W&B's own key is in the file already")
            try project.write(rewritten, to: url)
        }
        var options = BuildOptions()
        options.runRoots = [tree]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(context.runs.map(\.name), ["gpt-4-256-kv1_wandb", "gpt-4-256-kv1_wandb-only"])
        XCTAssertTrue(context.runs[1].provenance.contains { $0.path.hasSuffix("files/config.yaml") }, "configured by config.yaml")
    }

    /// One W&B run holding nine trainer.train() launches (a notebook's; the real file of
    /// satishparaddi/Fine-Tuning-LLaMA-for-Medical-QA): said, and the last launch read, ending
    /// at train/global_step 550 as its summary does; the file, committed while still open, ends
    /// inside a record.
    func testAWandbRunHoldingSeveralLaunchesSaysSo() throws {
        let url = Repository.realFormats.appendingPathComponent("wandb/satishparaddi-llama-medqa/run-20250422_232745-0bbap5k6/run-0bbap5k6.wandb")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw XCTSkip("\(url.path) is not here") }
        var diagnostics = Diagnostics()
        let metrics = try WandbTransactionLogReader().read(data, path: "run-0bbap5k6.wandb", diagnostics: &diagnostics)
        XCTAssertEqual(metrics["train/loss"].last, MetricPoint(step: 550, value: 0.5496))
        XCTAssertEqual(metrics["train/loss"].first?.step, 10)
        XCTAssertTrue(diagnostics.warnings.contains { $0.contains("9 launches logged into one W&B run: 'train/global_step' goes back 8 time(s), first from 274 to 10") }, "\(diagnostics.warnings)")
        XCTAssertTrue(diagnostics.warnings.contains { $0.contains("is cut short") }, "\(diagnostics.warnings)")
    }

    /// A run that crashed before its first wandb.log: its .wandb holds no history row.
    func testAWandbRunWithNoHistoryLoggedNothing() throws {
        var diagnostics = Diagnostics()
        let metrics = try WandbTransactionLogReader().read(Data(WandbTransactionLog.magic), path: "run-x.wandb", diagnostics: &diagnostics)
        XCTAssertTrue(metrics.tags.isEmpty)
        XCTAssertEqual(diagnostics.warnings, ["run-x.wandb: the W&B run logged nothing: its history has no rows (it stopped before its first wandb.log)"])
    }

    /// A summary gives every metric one step, the last it records: said, as a validation loss
    /// logged at iteration 750 may sit there at 760.
    func testASummaryAloneSaysItsStepIsTheLastRecorded() throws {
        var diagnostics = Diagnostics()
        let summary = Data(#"{"iter": 760, "val/loss": 2.5, "train/loss": 2.4, "_step": 20, "_runtime": 12.5}"#.utf8)
        let metrics = try WandbSummaryReader().read(summary, path: "wandb-summary.json", diagnostics: &diagnostics)
        XCTAssertEqual(metrics["val/loss"], [MetricPoint(step: 760, value: 2.5)])
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("all put at step 760, the last step it records") && $0.contains("may be from an earlier step") }, "\(diagnostics.notes)")
    }
}

/// The Trainer's W&B callback logs its TrainingArguments beside the model's config: the batch a
/// device and the accumulation steps are the run's, not left at 1.
final class WandbTrainerArgumentsTests: XCTestCase {
    func testGradientAccumulationFromTheWandbConfig() throws {
        let source = try Repository.requireRealFormats("wandb/yerinNam-military-SLLM/run-20240804_231327-uojy8xhg")
        let project = try TestProject()
        let folder = project.root.appendingPathComponent("wandb/run-20240804_231327-uojy8xhg", isDirectory: true)
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: folder)
        let asLogged = try XCTUnwrap(try FolderInspection.inspect(folder.deletingLastPathComponent(), layout: project.layout).runs.first)
        XCTAssertEqual(asLogged.training.gradientAccumulationSteps, 1)
        XCTAssertEqual(asLogged.training.batchSize, 1, "per_device_train_batch_size")
        // The same run had it accumulated 8 steps (the value edited; every other byte as wandb wrote it).
        let config = folder.appendingPathComponent("files/config.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "gradient_accumulation_steps:\n  desc: null\n  value: 1\n", with: "gradient_accumulation_steps:\n  desc: null\n  value: 8\n")
        XCTAssertNotEqual(edited, text)
        try edited.write(to: config, atomically: true, encoding: .utf8)
        let accumulated = try XCTUnwrap(try FolderInspection.inspect(folder.deletingLastPathComponent(), layout: project.layout).runs.first)
        XCTAssertEqual(accumulated.training.gradientAccumulationSteps, 8)
    }
}

/// A summary with only W&B's own keys: what an online run that never called `wandb.log` leaves
/// (offline, the client writes no summary file, so this one is written here: it tests only our
/// reading of it).
final class WandbSummaryWithoutMetricsTests: XCTestCase {
    func testASummaryHoldingNoMetricSaysSo() throws {
        let data = Data(#"{"_wandb": {"runtime": 12}}"#.utf8)
        var diagnostics = Diagnostics()
        let metrics = try WandbSummaryReader().read(data, path: "wandb-summary.json", diagnostics: &diagnostics)
        XCTAssertTrue(metrics.tags.isEmpty)
        XCTAssertEqual(diagnostics.notes.count, 1)
        XCTAssertTrue(diagnostics.notes[0].contains("holds no metric, only W&B's own keys (_wandb)"), "\(diagnostics.notes)")
        XCTAssertTrue(diagnostics.warnings.isEmpty, "no '_step' warning: \(diagnostics.warnings)")
    }
}
