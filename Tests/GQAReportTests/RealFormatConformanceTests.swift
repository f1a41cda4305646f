import Foundation
import XCTest

@testable import GQAReport

/// Files written by the real tools (TensorBoard, W&B, lm-evaluation-harness), committed to
/// public repositories and kept in `../shared/real-formats/` (origins in its SOURCES.md), read
/// from there: never copied here. Each is either read with the values written below, taken by
/// hand from the file, or refused with a message that says what to export instead. Skipped,
/// saying so, where `../shared/` is not beside the repository (or `GQA_REAL_FORMATS` names
/// another place).
final class RealFormatConformanceTests: XCTestCase {
    private var corpus: URL { Repository.realFormats }

    override func setUpWithError() throws {
        _ = try Repository.requireRealFormats()
    }

    private func file(_ name: String) throws -> (data: Data, head: FileHead, path: String) {
        let url = corpus.appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        return (data, FileHead(name: url.lastPathComponent, bytes: data), name)
    }

    /// The reader content detection picks, and what it reads, with the warnings.
    private func metrics(_ name: String, expectFormat: String) throws -> (MetricSet, [String]) {
        let (data, head, path) = try file(name)
        guard case let .metrics(reader) = MetricLogFormats.detect(head) else {
            XCTFail("\(name) was not recognised as a metric log"); return (MetricSet(), [])
        }
        XCTAssertEqual(reader.formatName, expectFormat, name)
        var diagnostics = Diagnostics()
        return (try reader.read(data, path: path, diagnostics: &diagnostics), diagnostics.warnings)
    }

    private func benchmark(_ name: String) throws -> (BenchmarkResults, [String]) {
        let (data, head, path) = try file(name)
        XCTAssertTrue(BenchmarkResultsReader.recognises(head), name)
        var diagnostics = Diagnostics()
        return (try BenchmarkResultsReader.parse(data, path: path, label: "m", diagnostics: &diagnostics), diagnostics.warnings)
    }

    private func task(_ results: BenchmarkResults, _ name: String) throws -> BenchmarkResults.Task {
        try XCTUnwrap(results.tasks.first { $0.name == name }, "no task \(name)")
    }

    // MARK: lm-evaluation-harness

    func testLmEvalV03CommonSenseAndLambada() throws {
        let (common, _) = try benchmark("lm-eval/v03_llama-7B_common-sense-reasoning_0-shot.json")
        XCTAssertEqual(common.tasks.count, 12)
        let arc = try task(common, "arc_challenge")
        XCTAssertEqual(arc.accuracy, 0.4138225255972696)  // acc_norm, not acc 0.3822…
        XCTAssertEqual(arc.metric, "acc_norm")
        XCTAssertEqual(arc.standardError, 0.014392730009221009)
        XCTAssertNil(try task(common, "mc_taco").accuracy, "mc_taco reports em and f1, no accuracy")
        let (lambada, _) = try benchmark("lm-eval/v03_llama-7B_lambada_0-shot.json")
        XCTAssertEqual(try task(lambada, "lambada_openai").accuracy, 0.0, "the broken run of harness issue #443, read as it is")
    }

    func testLmEvalV03PythiaWithMMLUAsTasks() throws {
        let (pythia, _) = try benchmark("lm-eval/v03_pythia-160m_step83000_zero-shot.json")
        XCTAssertEqual(pythia.tasks.count, 87)
        XCTAssertEqual(try task(pythia, "piqa").accuracy, 0.6169749727965179)
        XCTAssertEqual(pythia.tasks.filter { $0.name.hasPrefix("hendrycksTest-") }.count, 57)
        XCTAssertTrue(pythia.tasks.allSatisfy { !$0.isGroup }, "v0.3 has no groups")
    }

    func testLmEvalV04GroupRowsAreMarked() throws {
        let (llama, _) = try benchmark("lm-eval/v04_llama-3.2-1B_results_2025-03-03.json")
        XCTAssertEqual(llama.tasks.filter(\.isGroup).map(\.name), ["mmlu", "mmlu_humanities", "mmlu_other", "mmlu_social_sciences", "mmlu_stem"])
        XCTAssertEqual(try task(llama, "mmlu").accuracy, 0.3673978065802592)
        XCTAssertEqual(llama.taskRows.count, 73)
        let (mamba, _) = try benchmark("lm-eval/v04_mamba2-1.3b_results_2025-03-03.json")
        XCTAssertEqual(mamba.tasks.filter(\.isGroup).map(\.name), ["glue"])
        XCTAssertEqual(try task(mamba, "glue").accuracy, 0.46056157694140065)
        let (rwkv, _) = try benchmark("lm-eval/v04_rwkv7-goose-0.1b_lambada-only.json")
        XCTAssertEqual(rwkv.tasks.map(\.name), ["lambada_openai"])
        XCTAssertEqual(rwkv.tasks[0].accuracy, 0.4577915777217155)
        XCTAssertEqual(rwkv.tasks[0].standardError, 0.006941112792281861)
    }

    func testLmEvalV04NaNAndInfinityAreMissingValues() throws {
        let (materials, warnings) = try benchmark("lm-eval/v04_gpt-4o-mini_materials_with-NaN-Infinity.json")
        XCTAssertEqual(materials.tasks.count, 12)
        XCTAssertNil(try task(materials, "polymer_tg_prediction").accuracy)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("2 NaN/Infinity value(s)"), warnings[0])
    }

    func testLmEvalTruncatedFileIsRefusedSayingSo() throws {
        XCTAssertThrowsError(try benchmark("lm-eval/v04_llama2-7b-chat_winogrande_with-samples_truncated.json")) { error in
            XCTAssertTrue("\(error)".contains("ends in the middle of its JSON"), "\(error)")
        }
    }

    // MARK: W&B

    func testWandbChartExportSplitsIntoRuns() throws {
        let (data, head, path) = try file("wandb/ui-chart-export_nanogpt_train-loss_wandb_export.csv")
        guard case let .metrics(reader) = MetricLogFormats.detect(head) else { return XCTFail("not recognised") }
        XCTAssertTrue(reader is WandbChartExportReader)
        let runs = try WandbChartExportReader().readAll(data, path: path)
        XCTAssertEqual(runs.names.count, 8)
        let first = try XCTUnwrap(runs.series["gpt2_last_char_to_char1729642919.4054031"])
        XCTAssertEqual(first.tags, ["train/loss"], "the __MIN and __MAX band columns are not series")
        XCTAssertEqual(first["train/loss"].prefix(2).map(\.value), [25.48284149169922, 11.286399841308594])
        XCTAssertEqual(first["train/loss"].last?.step, 50)
        var diagnostics = Diagnostics()
        XCTAssertThrowsError(try reader.read(data, path: path, diagnostics: &diagnostics)) { error in
            XCTAssertTrue("\(error)".contains("holds 8 runs"), "\(error)")
        }
    }

    /// The export read in place, as `--runs` would: two of its eight runs have run directories.
    func testWandbChartExportJoinsTheRunsThatHaveRunDirectories() throws {
        let project = try TestProject()
        let names = ["gpt2_last_char_to_char1729642919.4054031", "gpt2_char_to_token1729578574.2848036"]
        for name in names {
            let run = try project.addRun(name)
            try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        }
        var options = BuildOptions()
        options.runRoots = [project.layout.runs, corpus.appendingPathComponent("wandb")]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(context.runs.filter { $0.name.hasPrefix("gpt2_") }.map(\.name).sorted(), names.sorted())
        let first = try XCTUnwrap(context.runs.first { $0.name == names[0] })
        XCTAssertEqual(first.finalLoss.source, .trainingTail, "the export holds train/loss only")
        XCTAssertEqual(first.finalLoss.step, 50)
        XCTAssertEqual(first.logs.map(\.runInFile), [names[0]])
        XCTAssertEqual(context.runs.first { $0.name == names[1] }?.finalLoss.step, 150)
        // The other six are listed with their final loss, without a configuration.
        let exported = context.runsWithoutConfiguration.filter { $0.file.path.hasSuffix("wandb_export.csv") }
        XCTAssertEqual(exported.count, 6)
        XCTAssertTrue(exported.allSatisfy { $0.finalLoss?.source == .trainingTail })
        XCTAssertEqual(context.diagnostics.warnings.filter { $0.contains("of this W&B chart export has no configuration") }.count, 6)
    }

    /// A folder of W&B runs alone builds: each run folder is a run, named by W&B's display
    /// name (else run_name, else its id), configured from a Transformers config its Trainer's
    /// W&B callback logged, else listed with its final loss.
    func testWandbRunFoldersAloneAreRuns() throws {
        let project = try TestProject()
        var options = BuildOptions()
        options.runRoots = ["yerinNam-military-SLLM", "satishparaddi-llama-medqa", "1BIMU-UASFT", "FPT-VVU-ViVidBot", "jackokeefe11-nanoGPT"]
            .map { corpus.appendingPathComponent("wandb/\($0)") }
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        let shapes = Dictionary(uniqueKeysWithValues: context.runs.map { ($0.name, ($0.model.layers, $0.model.hiddenSize, $0.model.heads)) })
        XCTAssertEqual(shapes.count, 3, "\(shapes.keys.sorted())")
        XCTAssertEqual(shapes["v9z6xp4p"]?.0, 24, "the offline Qwen2 run, named by its id, configured from its .wandb alone")
        XCTAssertEqual(shapes["v9z6xp4p"]?.2, HeadConfiguration(queryHeads: 14, kvHeads: 2))
        let llama8B = try XCTUnwrap(context.runs.first { $0.model.layers == 32 })
        XCTAssertEqual(llama8B.model.heads, HeadConfiguration(queryHeads: 32, kvHeads: 8))
        XCTAssertEqual(llama8B.model.hiddenSize, 4096)
        XCTAssertTrue(llama8B.configuredBy.contains("W&B run configuration, Transformers llama"), llama8B.configuredBy)
        XCTAssertEqual(llama8B.finalLoss.value, 0.2197321057319641, "its last eval/loss")
        let llama1B = try XCTUnwrap(context.runs.first { $0.model.layers == 16 })
        XCTAssertEqual(llama1B.model.heads, HeadConfiguration(queryHeads: 32, kvHeads: 8))
        // MPT-style keys (vivid) and nanoGPT's own keys are no family report reads: listed.
        XCTAssertEqual(context.runsWithoutConfiguration.count, 3, "\(context.runsWithoutConfiguration.map(\.name))")
        XCTAssertTrue(context.runsWithoutConfiguration.allSatisfy { $0.finalLoss != nil })
    }

    func testWandbRunsTableExportIsRefusedWithWhatToExport() throws {
        let (_, head, path) = try file("wandb/ui-runs-table-export_tts_wandb_export_2026-03-02T10_38_30.064+02_00.csv")
        let detection = MetricLogFormats.detect(head)
        guard case .refused = detection else { return XCTFail("not refused") }
        let message = "\(MetricLogFormats.unreadable(detection, path: path))"
        XCTAssertTrue(message.contains("runs-table export") && message.contains("run.history().to_csv()"), message)
    }

    func testWandbAPIHistoryCSVUsesTheTrainingStepAndFindsEvalLoss() throws {
        let (metrics, warnings) = try metrics("wandb/api-history_tts_wandb_history.csv", expectFormat: WandbHistoryCSVReader().formatName)
        XCTAssertEqual(metrics["eval/loss"].map(\.step), [5, 10, 15, 20, 25, 30, 35, 40])
        XCTAssertEqual(metrics["eval/loss"].first?.value, 0.16690495610237122)
        XCTAssertEqual(metrics["eval/loss"].last?.value, 0.16643944382667542)
        XCTAssertEqual(metrics["train/loss"].first?.value, 0.17817425727844238)
        XCTAssertFalse(metrics.tags.contains("train/step"), "the step metric is the axis, not a series")
        XCTAssertEqual(warnings.count, 1, "\(warnings)")  // row 0 has no train/step
        let (_, choices) = try LossSeries.resolve(metrics, overrides: RunOverrides(), path: "report.json")
        XCTAssertEqual(choices.map(\.series), ["eval/loss", "train/loss"])
    }

    func testWandbHistoryJSONLWithAndWithoutHistograms() throws {
        let (scalars, scalarWarnings) = try metrics("wandb/files-wandb-history_rl_scalars-only.jsonl", expectFormat: WandbHistoryJSONLReader().formatName)
        XCTAssertEqual(scalars["Episode reward"].first, MetricPoint(step: 0, value: -99.19852534750268))
        XCTAssertEqual(scalars["Episode reward"].count, 10)
        XCTAssertTrue(scalarWarnings.contains { $0.contains("'_step' is taken as the step") }, "\(scalarWarnings)")
        let (histograms, warnings) = try metrics("wandb/files-wandb-history_rl_with-histograms.jsonl", expectFormat: WandbHistoryJSONLReader().formatName)
        XCTAssertEqual(histograms["Policy Loss"].count, 100)
        XCTAssertTrue(histograms.tags.allSatisfy { !$0.hasPrefix("gradients/") })
        let skipped = warnings.filter { $0.contains("holds 'histogram' values") }
        XCTAssertEqual(skipped.count, 6, "one warning per histogram key, not per row: \(warnings)")
    }

    func testWandbSummariesTakeTheirStepFromTheLoggedIteration() throws {
        let (nano, warnings) = try metrics("wandb/wandb-summary_nanogpt_2024.json", expectFormat: WandbSummaryReader().formatName)
        XCTAssertEqual(nano["val/loss"], [MetricPoint(step: 2000, value: 4.266106605529785)], "iter 2000, not _step 10")
        XCTAssertTrue(warnings.isEmpty, "\(warnings)")
        let (rl, rlWarnings) = try metrics("wandb/wandb-summary_rl_2020.json", expectFormat: WandbSummaryReader().formatName)
        XCTAssertEqual(rl["Value Loss"], [MetricPoint(step: 1, value: 0.026588166132569313)])
        XCTAssertTrue(rlWarnings.contains { $0.contains("'graph_0' holds 'graph' values") }, "\(rlWarnings)")
    }

    // MARK: TensorBoard

    func testTensorBoardCSVRestartsTheSeriesWhereTheStepGoesBack() throws {
        let (metrics, warnings) = try metrics("tensorboard/run-.-tag-loss.csv", expectFormat: TensorBoardCSVReader().formatName)
        XCTAssertEqual(metrics.tags, ["loss"])
        let loss = metrics["loss"]
        // The last restart is at line 641 (step 36): everything before it is from steps below 36.
        XCTAssertEqual(loss.first, MetricPoint(step: 36, value: 0.00677077891305089))
        XCTAssertEqual(loss[1].step, 308)
        XCTAssertEqual(loss.last, MetricPoint(step: 17376, value: 0.0015572314150631428))
        XCTAssertEqual(warnings.filter { $0.contains("the step goes back") }.count, 3, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.contains(":74:") && $0.contains("from 2454 to 41") })
    }

    // MARK: Transformers Trainer, LLaMA-Factory, Lightning, Megatron-LM, MLflow

    func testTrainerStateGivesLossAndEvalLossNotTheEndOfTrainingSummary() throws {
        let (dpo, _) = try metrics("hf-trainer/tinyllama-1.1b-dpo_trainer_state.json", expectFormat: TrainerStateReader().formatName)
        XCTAssertEqual(dpo["eval/loss"].count, 29)
        XCTAssertEqual(dpo["eval/loss"].last, MetricPoint(step: 2900, value: 0.5141671299934387))
        XCTAssertEqual(dpo[MetricTag.trainLoss].count, 291)
        XCTAssertEqual(dpo[MetricTag.trainLoss].last, MetricPoint(step: 2900, value: 0.3322))
        XCTAssertTrue(dpo["train/train_loss"].isEmpty, "the end-of-training mean (step 2907) is a summary, not a point")
        XCTAssertFalse(dpo["train/rewards/chosen"].isEmpty, "TRL's own keys are kept")
        let (gpt2, _) = try metrics("hf-trainer/gptmodel-23-8-24_tiny-gpt2_trainer_state.json", expectFormat: TrainerStateReader().formatName)
        XCTAssertEqual(gpt2[MetricTag.trainLoss].count, 3382)
        XCTAssertEqual(gpt2[MetricTag.trainLoss].last, MetricPoint(step: 338200, value: 3.0789))
    }

    func testTrainerMetricsSummariesAreRefusedPointingToTheState() throws {
        let (_, head, path) = try file("hf-trainer/tinyllama-1.1b-dpo_all_results.json")
        let detection = MetricLogFormats.detect(head)
        guard case .refused = detection else { return XCTFail("\(detection)") }
        XCTAssertTrue(MetricLogFormats.unreadable(detection, path: path).reason.contains("trainer_state.json"))
    }

    func testLlamaFactoryLogsReadWithEitherLearningRateKey() throws {
        let (mistral, _) = try metrics("llamafactory/mistral-7b-translator_trainer_log.jsonl", expectFormat: LlamaFactoryLogReader().formatName)
        XCTAssertEqual(mistral[MetricTag.trainLoss].count, 866)
        XCTAssertEqual(mistral[MetricTag.trainLoss].last, MetricPoint(step: 8660, value: 0.1333))
        XCTAssertTrue(mistral[MetricTag.tokensSeen].isEmpty, "total_tokens 0 means not counted")
        let (qwen, _) = try metrics("llamafactory/qwen2.5-7b-medical_trainer_log.jsonl", expectFormat: LlamaFactoryLogReader().formatName)
        XCTAssertEqual(qwen["eval/loss"].count, 13)
        XCTAssertEqual(qwen[MetricTag.learningRate].count, 675, "the newer key 'lr'")
    }

    func testLightningCSVLoggerRowsWithEmptyCells() throws {
        let (fashion, _) = try metrics("lightning/fashion-mnist_version_0/metrics.csv", expectFormat: LightningMetricsCSVReader().formatName)
        XCTAssertEqual(fashion["val_loss"].last, MetricPoint(step: 3749, value: 0.39543482661247253))
        XCTAssertEqual(fashion["test_loss"], [MetricPoint(step: 3750, value: 0.42061805725097656)])
        let (turn, _) = try metrics("lightning/turngpt_version_0/metrics.csv", expectFormat: LightningMetricsCSVReader().formatName)
        XCTAssertEqual(turn["loss"].count, 50)
        XCTAssertEqual(turn["loss"].last, MetricPoint(step: 2499, value: 2.243922710418701))
    }

    func testLightningRunWithoutModelIsListedWithItsLoss() throws {
        let project = try TestProject()
        var options = BuildOptions()
        options.runRoots = [corpus.appendingPathComponent("lightning")]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertTrue(context.runs.isEmpty)
        XCTAssertEqual(context.runsWithoutConfiguration.map(\.name), ["lightning/fashion-mnist_version_0", "lightning/turngpt_version_0", "lightning/xkv_version_0"])
        XCTAssertEqual(context.runsWithoutConfiguration[0].finalLoss?.value, 0.39543482661247253, "the last val_loss")
        // A `!!python/object` tag is read as a plain mapping (nothing of Python's is run); no model in it.
        XCTAssertTrue(context.runsWithoutConfiguration[2].reason.contains("holds no model configuration"), context.runsWithoutConfiguration[2].reason)
    }

    func testMegatronIterationLines() throws {
        let (megatron, _) = try metrics("stdout/megatron-lm_llama3-1b-fineweb_rank3_stdout.log", expectFormat: MegatronStdoutReader().formatName)
        XCTAssertEqual(megatron[MetricTag.trainLoss].count, 344)
        XCTAssertEqual(megatron[MetricTag.trainLoss].first, MetricPoint(step: 1, value: 12.18301))
        XCTAssertEqual(megatron[MetricTag.learningRate].first, MetricPoint(step: 1, value: 6e-06))
    }

    func testMLflowMetricFile() throws {
        let (loss, _) = try metrics("mlflow/deepcnnclassifier_mlruns/0/cb0096518b0e4c66a94428555f05420b/metrics/loss", expectFormat: MLflowMetricFileReader().formatName)
        XCTAssertEqual(loss["loss"], [MetricPoint(step: 0, value: 3.2727866172790527)])
    }

    func testGitLFSPointerIsNamedAsOne() throws {
        let (_, head, path) = try file("git-lfs/observer-18-nlp_trainer_log.jsonl")
        let message = MetricLogFormats.unreadable(MetricLogFormats.detect(head), path: path).description
        XCTAssertTrue(message.contains("Git LFS pointer") && message.contains("git lfs pull"), message)
    }
}
