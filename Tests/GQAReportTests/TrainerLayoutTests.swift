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

    func testATRLRunReadsAsATrainerRunWithTRLsOwnSeries() throws {
        let folder = fixtures.appendingPathComponent("hf-trainer/trl-sft")
        let project = try TestProject()
        let context = try buildSweep(project, runs: folder)
        let run = try XCTUnwrap(context.runs.first)
        XCTAssertEqual(context.runs.count, 1)
        XCTAssertEqual(run.name, "trl-sft")
        XCTAssertEqual(run.model.heads, HeadConfiguration(queryHeads: 4, kvHeads: 2))
        XCTAssertEqual(ParameterCount(run.model).total, try parametersInWeights(folder.appendingPathComponent("model.safetensors")))
        let state = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("trainer_state.json"))) as? [String: Any])
        let history = try XCTUnwrap(state["log_history"] as? [[String: Any]])
        XCTAssertEqual(run.finalLoss.value, try XCTUnwrap(history.compactMap { $0["eval_loss"] as? Double }.last))
        XCTAssertNotNil(run.metrics.summary(of: "train/mean_token_accuracy"), "TRL's own keys are kept")
        XCTAssertNotNil(run.metrics.summary(of: "eval/mean_token_accuracy"))
        XCTAssertFalse(run.provenance.contains { $0.path.hasSuffix("tokenizer.json") || $0.path.hasSuffix("README.md") })
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

    /// Keras (3.15, TensorFlow backend; Fixtures/keras-layout) writes `epoch_loss` in both
    /// train/ and validation/: two series by the folder's role,
    /// never one merged by step (which made the validation values the training loss).
    /// Keras counts epoch_* by epoch and batch_* by iteration: the final loss (epoch 3) is not
    /// compared with a batch series' last iteration, which would call it 14,997 steps early.
    func testKerasEpochAndIterationAxesAreNeverCompared() throws {
        let project = try TestProject()
        let run = try project.addRun("keras")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("keras-layout/logs"), to: run.appendingPathComponent("logs"))
        try FileManager.default.removeItem(at: run.appendingPathComponent("logs/losses.json"))
        var batches = Data()
        for step in stride(from: 1000, through: 15000, by: 1000) {
            batches.append(TensorBoardEventWriter.record(step: step, scalars: [("batch_accuracy", 0.5)]))
        }
        try batches.write(to: run.appendingPathComponent("logs/train/events.out.tfevents.1796173927.vm.32499.9.v2"))
        let context = try project.build()
        XCTAssertEqual(context.runs[0].finalLoss.step, 3)
        XCTAssertEqual(context.runs[0].metrics.summary(of: "train/batch_accuracy")?.lastStep, 15000, "the iteration series is read")
        XCTAssertFalse(context.diagnostics.warnings.contains { $0.contains("steps before the run's last logged step") }, "\(context.diagnostics.warnings)")
    }

    func testKerasTrainAndValidationFoldersAreTwoSeries() throws {
        let project = try TestProject()
        let run = try project.addRun("keras")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("keras-layout/logs"), to: run.appendingPathComponent("logs"))
        try FileManager.default.removeItem(at: run.appendingPathComponent("logs/losses.json"))
        let built = try project.build().runs[0]
        XCTAssertEqual(built.lossSeries.map(\.series), ["validation/epoch_loss", "train/epoch_loss"])
        // Keras' own History of the fit that wrote the files.
        let history = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("keras-layout/logs/losses.json"))) as? [String: Any])
        let validation = try XCTUnwrap(history["val_loss"] as? [Double]), training = try XCTUnwrap(history["loss"] as? [Double])
        XCTAssertEqual(built.finalLoss.value, try XCTUnwrap(validation.last), accuracy: 1e-6)
        XCTAssertEqual(built.finalLoss.step, 3, "epoch 3, the fourth")
        XCTAssertEqual(built.metrics.summary(of: MetricTag.trainLoss)?.lastValue ?? 0, try XCTUnwrap(training.last), accuracy: 1e-6)
        XCTAssertEqual(built.metrics.summary(of: MetricTag.trainLoss)?.points, 4)

        // Naming the bare tag, as a Keras user might, is an error listing the two series.
        try project.write(#"{"trainingLoss": "epoch_loss"}"#, to: run.appendingPathComponent("report.json"))
        XCTAssertThrowsError(try project.build(strict: true)) { error in
            XCTAssertTrue("\(error)".contains("names 'epoch_loss' as the training loss, and the run's logs hold no such series") && "\(error)".contains("'train/epoch_loss'"), "\(error)")
        }
    }
}

/// Lightning runs (made by Lightning's own Trainer and CSVLogger), MLflow's file store, and the
/// declared run table for runs whose files do not say their model.
final class DeclaredAndOtherTrainerTests: XCTestCase {
    private let fixtures = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures")

    private func build(_ project: TestProject, runs: [URL], strict: Bool = false) throws -> BuildContext {
        var options = BuildOptions()
        options.runRoots = runs
        options.strict = strict
        return try BuildPipeline.standard.build(layout: project.layout, options: options)
    }

    /// Two projects' lightning_logs/version_7 are two runs, named by their paths, not a clash.
    func testLightningVersionsOfTwoProjectsDoNotCollide() throws {
        let project = try TestProject()
        let sweep = project.root.appendingPathComponent("sweep")
        for name in ["projA", "projB"] {
            let target = sweep.appendingPathComponent("\(name)/lightning_logs/version_7")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("lightning/logs/lightning_logs/version_0"), to: target)
        }
        let context = try build(project, runs: [sweep])
        XCTAssertEqual(context.runs.map(\.name), ["sweep/projA/lightning_logs/version_7", "sweep/projB/lightning_logs/version_7"])
    }

    /// Seq2SeqTrainer's predict_* entries (no step) are skipped with one note; the rest is read.
    func testTrainerStatePredictEntriesWithoutAStepAreSkipped() throws {
        let state = #"{"log_history": [{"loss": 2.5, "step": 10, "epoch": 0.5}, {"eval_loss": 2.4, "step": 10, "epoch": 0.5}, {"loss": 2.1, "step": 20, "epoch": 1.0}, {"predict_loss": 2.3, "predict_runtime": 1.5, "epoch": 1.0}, {"test_loss": 2.2}]}"#
        var diagnostics = Diagnostics()
        let metrics = try TrainerStateReader().read(Data(state.utf8), path: "trainer_state.json", diagnostics: &diagnostics)
        XCTAssertEqual(metrics[MetricTag.trainLoss].map(\.step), [10, 20])
        XCTAssertEqual(metrics["eval/loss"].count, 1)
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("2 log_history entries of predict_/test_ results without a step (the first is entry 4)") }, "\(diagnostics.notes)")
    }

    func testLightningRunsAreConfiguredFromTheirHyperparameters() throws {
        let logs = fixtures.appendingPathComponent("lightning/logs")
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: logs.appendingPathComponent("n_parameters.json"))) as? [String: Int])
        let context = try build(try TestProject(), runs: [logs])
        XCTAssertEqual(context.runs.map(\.name), ["lightning_logs/version_0", "lightning_logs/version_1", "lightning_logs/version_2"])
        for run in context.runs {
            let version = String(run.name.split(separator: "/").last!)
            XCTAssertEqual(ParameterCount(run.model).total, counts[version], run.name)
            XCTAssertTrue(run.configuredBy.hasSuffix("\(version)/hparams.yaml (Lightning hyperparameters)"), run.configuredBy)
            // The last val_loss row of metrics.csv, read independently.
            let csv = try String(contentsOf: logs.appendingPathComponent("lightning_logs/\(version)/metrics.csv"), encoding: .utf8)
            let lastVal = try XCTUnwrap(csv.split(whereSeparator: \.isNewline).compactMap { $0.split(separator: ",", omittingEmptySubsequences: false).last.flatMap { Double($0) } }.last)  // CSVLogger ends lines with \r\n
            XCTAssertEqual(run.finalLoss.value, lastVal, run.name)
            XCTAssertEqual(run.training.contextLength, 64)
            XCTAssertNil(run.training.effectiveGPUs, "another trainer's GPU count is unknown, not the authors' 8")
            XCTAssertEqual(run.tokens, .unknown)
        }
    }

    func testADeclaredRunTableConfiguresRunsWhoseFilesDoNot() throws {
        let corpus = try Repository.requireRealFormats()
        let project = try TestProject()
        try project.write("""
            run,layers,hidden_size,heads,kv_heads,vocab_size,ffn_size,tied,context,tokens
            lightning/turngpt_*,12,768,12,12,50257,3072,true,1024,
            *cb0096518b0e4c66a94428555f05420b,2,64,8,2,1000,,false,,123456
            stdout,16,2048,32,8,128256,8192,true,8192,
            """, to: project.layout.results.appendingPathComponent("runs.csv"))
        let context = try build(project, runs: ["lightning", "mlflow", "stdout"].map { corpus.appendingPathComponent($0) })
        XCTAssertEqual(context.runs.map(\.name), ["cb0096518b0e4c66a94428555f05420b", "lightning/turngpt_version_0", "stdout"])
        let mlflow = context.runs[0], turn = context.runs[1], megatron = context.runs[2]
        // The Megatron-LM log's folder is a run; the table gives it Llama-3.2-1B's shape.
        XCTAssertEqual(megatron.model.heads, HeadConfiguration(queryHeads: 32, kvHeads: 8))
        XCTAssertEqual(megatron.metrics.summary(of: MetricTag.trainLoss)?.points, 344)
        // The llm.c main.log beside it is another trainer's, left out of this run and said so.
        let folder = corpus.appendingPathComponent("stdout")
        let (read, left) = MegatronTrainerLayout().chooseLogs(["megatron-lm_llama3-1b-fineweb_rank3_stdout.log", "llmc_gpt2-124M_log124M_main.log"]
            .map { folder.appendingPathComponent($0) }, run: folder)
        XCTAssertEqual(read.map(\.lastPathComponent), ["megatron-lm_llama3-1b-fineweb_rank3_stdout.log"])
        XCTAssertEqual(left.map(\.url.lastPathComponent), ["llmc_gpt2-124M_log124M_main.log"])
        XCTAssertTrue(left.first?.reason.contains("another trainer's log (llm.c main.log") == true, "\(left)")
        XCTAssertEqual(megatron.training.contextLength, 8192)
        XCTAssertEqual(turn.configuredBy, "Results/runs.csv:2 (declared runs table, row 'lightning/turngpt_*')")
        XCTAssertEqual(turn.model.heads, HeadConfiguration(queryHeads: 12, kvHeads: 12))
        XCTAssertEqual(turn.model.ffnInnerSize, 3072)
        XCTAssertEqual(turn.training.contextLength, 1024)
        XCTAssertEqual(turn.tokens, .unknown)
        XCTAssertEqual(mlflow.tokens, TokenCount(value: 123456, source: .declared))
        XCTAssertEqual(mlflow.model.ffnInnerSize, 170, "⌊8·64/3⌋ where ffn_size is empty")
        XCTAssertTrue(mlflow.provenance.contains { $0.path == "Results/runs.csv" })
        XCTAssertEqual(context.runsWithoutConfiguration.map(\.name), ["lightning/fashion-mnist_version_0", "lightning/xkv_version_0"])
        XCTAssertTrue(context.diagnostics.warnings.contains { $0.contains("the run never ended") } == false,
                      "a declared run's configuration is the table's: MLflow's params are not read")

        // Each cell is checked, naming the file, line and column.
        try project.write("run,layers,hidden_size,heads,kv_heads,vocab_size\nx,2,64,8,3,1000\n", to: project.layout.results.appendingPathComponent("runs.csv"))
        XCTAssertThrowsError(try build(project, runs: [corpus.appendingPathComponent("mlflow")])) { error in
            XCTAssertTrue("\(error)".contains("Results/runs.csv:2: heads (8) must be a multiple of kv_heads (3)"), "\(error)")
        }
        try project.write("run,layers,hidden,heads,kv_heads,vocab_size\n", to: project.layout.results.appendingPathComponent("runs.csv"))
        XCTAssertThrowsError(try build(project, runs: [corpus.appendingPathComponent("mlflow")])) { error in
            XCTAssertEqual("\(error)", "Results/runs.csv:1: unknown column 'hidden'; a runs table takes run, layers, hidden_size, heads, kv_heads, vocab_size, ffn_size, tied, context, tokens, head_size, sweep, kind")
        }
        try project.write("run,layers,hidden_size,heads,kv_heads,vocab_size\nx,two,64,8,2,1000\n", to: project.layout.results.appendingPathComponent("runs.csv"))
        XCTAssertThrowsError(try build(project, runs: [corpus.appendingPathComponent("mlflow")])) { error in
            XCTAssertEqual("\(error)", "Results/runs.csv:2: column 'layers': 'two' is not a positive whole number")
        }
    }

    func testIngestProgressCountsEveryRunAndItsBytes() throws {
        let project = try TestProject()
        let seen = LockedList()
        let sweep = fixtures.appendingPathComponent("hf-trainer/sweep")
        var diagnostics = Diagnostics()
        _ = try RunCollectionReader(layout: project.layout, roots: [sweep], progress: { seen.append($0) }).readAll(diagnostics: &diagnostics)
        let last = try XCTUnwrap(seen.items.max { $0.runsRead < $1.runsRead })
        XCTAssertEqual(seen.items.count, 9)
        XCTAssertEqual(last.runsRead, 9)
        XCTAssertEqual(last.runsTotal, 9)
        XCTAssertGreaterThan(last.bytesRead, 9 * 5000, "each run's config.json, trainer_state.json and event files")
        XCTAssertTrue(last.line.hasPrefix("reading runs: 9/9, "), last.line)
    }

    func testAnMLflowRunThatNeverEndedIsSaidSo() throws {
        let corpus = try Repository.requireRealFormats()
        let context = try build(try TestProject(), runs: [corpus.appendingPathComponent("mlflow")])
        XCTAssertEqual(context.runsWithoutConfiguration.map(\.name), ["cb0096518b0e4c66a94428555f05420b"])
        let reason = context.runsWithoutConfiguration[0].reason
        XCTAssertTrue(reason.contains("the run never ended") && reason.contains("declare the run in a runs table"), reason)
        XCTAssertEqual(context.runsWithoutConfiguration[0].finalLoss?.value, 3.2727866172790527)
    }
}

/// Progress reports, collected from the threads that read the runs.
private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [IngestProgress] = []

    func append(_ item: IngestProgress) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
}

/// A LoRA fine-tune's output_dir as Transformers' `Trainer` and PEFT write it
/// (`Fixtures/hf-trainer/make_lora_run.py`): the adapter only, no config.json.
final class AdapterOnlyOutputTests: XCTestCase {
    func testAnAdapterOnlyOutputNamesItsBaseModelAndIsAFineTune() throws {
        let project = try TestProject()
        let folder = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/hf-trainer/lora-adapter", isDirectory: true)
        let inspection = try FolderInspection.inspect(folder, layout: project.layout)
        let run = try XCTUnwrap(inspection.runsWithoutConfiguration.first, "\(inspection.runs.map(\.name))")
        XCTAssertTrue(run.reason.contains("an adapter-only output"), run.reason)
        XCTAssertTrue(run.reason.contains("a fine-tune of the base model 'tiny-llama-base'"), run.reason)
        XCTAssertEqual(run.finalLoss?.step, 20)
    }
}
