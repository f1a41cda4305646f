import Foundation
import XCTest

@testable import GQAReport

/// The runs-and-sweeps stage on real files (`../shared/real-formats`, read in place; each test
/// copies what it needs into a scratch project, never into the repository): one training is
/// one run, fine-tunes decide nothing, and a claim from runs is decided by one sweep.
final class SweepRuleTests: XCTestCase {
    private var corpus: URL { Repository.realFormats }

    override func setUpWithError() throws {
        _ = try Repository.requireRealFormats()
    }

    /// A project with the study's claims, digitized points and published tables, and `runs/`.
    private func project() throws -> (TestProject, URL) {
        let project = try TestProject()
        for folder in ["Results/digitized", "Results/paper", "Results/claims.xml"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder), to: project.root.appendingPathComponent(folder))
        }
        let runs = project.root.appendingPathComponent("runs", isDirectory: true)
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        return (project, runs)
    }

    private func copy(_ relative: String, to destination: URL) throws {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: corpus.appendingPathComponent(relative), to: destination)
    }

    private func build(_ project: TestProject, runs: URL, table: URL? = nil, sweep: String? = nil) throws -> BuildContext {
        var options = BuildOptions()
        options.runRoots = [runs]
        options.runsTable = table
        options.sweep = sweep
        return try BuildPipeline.standard.build(layout: project.layout, options: options)
    }

    /// Three W&B fine-tunes (Qwen2.5-0.5B, a Llama-3 8B, GPT-2: three vocabularies) and two
    /// Trainer output_dirs (a Japanese GPT-2 fine-tune, TinyLlama DPO): every one a fine-tune
    /// by what its files say, none in a sweep, no claim decided by them, and the build passes.
    func testAFolderOfUnrelatedFineTunesDecidesNothingAndBuilds() throws {
        let (project, runs) = try project()
        try copy("wandb/1BIMU-UASFT/offline-run-20251020_114913-v9z6xp4p", to: runs.appendingPathComponent("wandb/offline-run-20251020_114913-v9z6xp4p"))
        try copy("wandb/yerinNam-military-SLLM/run-20240804_231327-uojy8xhg", to: runs.appendingPathComponent("wandb/run-20240804_231327-uojy8xhg"))
        try copy("batch6/wandb/minecraftgpt-offline/wandb/offline-run-20231227_121300-uy4t7tl6",
                 to: runs.appendingPathComponent("wandb/offline-run-20231227_121300-uy4t7tl6"))
        for (prefix, folder) in [("serial-lain-ai_gpt2-medium-ja", "gpt2-medium-ja"), ("tinyllama-1.1b-dpo", "tinyllama-dpo")] {
            for file in ["config.json", "trainer_state.json"] {
                try copy("hf-trainer/\(prefix)_\(file)", to: runs.appendingPathComponent("\(folder)/\(file)"))
            }
        }
        let context = try build(project, runs: runs)
        XCTAssertEqual(context.runs.count, 5, "\(context.runs.map(\.name))")
        XCTAssertEqual(Set(context.runs.map(\.model.vocabularySize)).count, 4, "losses in four units")
        for run in context.runs {
            XCTAssertEqual(run.kind.kind, .fineTune, "\(run.name): \(run.kind.evidence)")
        }
        XCTAssertTrue(context.runs.first { $0.name == "gpt2-medium-ja" }!.kind.evidence.contains("rinna/japanese-gpt2-medium"))
        XCTAssertTrue(context.sweeps.isEmpty, "\(context.sweeps.map(\.name))")
        XCTAssertEqual(Set(context.runsOutsideSweeps.map(\.run)), Set(context.runs.map(\.name)))
        XCTAssertFalse(context.claims.contains(where: \.failsCI), "no required claim fails: \(context.claims.filter(\.failsCI).map(\.declaration.id))")
        for claim in context.claims {
            XCTAssertNil(claim.sweep, claim.declaration.id)
            if claim.decidedBy == .runs {  // C10, C12: claims of runs alone
                XCTAssertEqual(claim.verdict, .cannotBeChecked, claim.declaration.id)
                XCTAssertTrue(claim.computed.missing?.contains("outside every sweep") == true, "\(claim.declaration.id): \(claim.computed.missing ?? "-")")
            }
            if let fromRuns = claim.alternative, fromRuns.source == .runs {
                XCTAssertTrue(fromRuns.computed.missing?.contains("outside every sweep") == true, "\(claim.declaration.id): \(fromRuns.computed.missing ?? "-")")
            }
        }
        // C4 is one such claim: before the sweep rule these runs decided it, and failed the build.
        let c4 = try XCTUnwrap(context.claims.first { $0.declaration.id == "C4" })
        XCTAssertEqual(c4.decidedBy, .digitized)
        let runsPage = try String(contentsOf: project.layout.site.appendingPathComponent("runs.html"), encoding: .utf8)
        XCTAssertTrue(runsPage.contains("Runs outside every sweep"))
        XCTAssertTrue(runsPage.contains("<strong>fine-tune</strong>"))
        let table = try String(contentsOf: project.layout.tables.appendingPathComponent("runs.xml"), encoding: .utf8)
        XCTAssertEqual(table.components(separatedBy: "<outside run=").count - 1, 5)
    }

    /// Two W&B runs with the same configuration (run_name 'reddit_wiki') and the same losses,
    /// under two run IDs: two runs, never joined, whatever their losses say.
    func testTwoWandbRunIDsAreTwoRuns() throws {
        let (project, runs) = try project()
        let run = "batch6/wandb/minecraftgpt-offline/wandb/offline-run-20231227_121300-uy4t7tl6"
        try copy(run, to: runs.appendingPathComponent("wandb/offline-run-20231227_121300-uy4t7tl6"))
        try copy(run, to: runs.appendingPathComponent("wandb/offline-run-20231228_090000-zz9relau"))
        let found = try RunDiscovery(layout: project.layout, roots: [runs]).discover()
        XCTAssertEqual(found.runs.count, 2, "\(found.runs.map(\.name))")
        let context = try build(project, runs: runs)
        XCTAssertEqual(context.runs.count, 2, "\(context.runs.map(\.name))")
        XCTAssertTrue(context.runs.allSatisfy(\.identity.isEmpty))
    }

    /// build-nanogpt's stdout and its log.txt of the same resumed epoch (the user renamed it
    /// `.txt`): one run, with a note naming both files, with or without a runs-table row.
    func testBuildNanoGPTStdoutAndItsLogTxtAreOneRun() throws {
        let (project, runs) = try project()
        let folder = "batch6/build-nanogpt/csabapalfi-gpt2-124M-2xH100/log/"
        for name in ["train-2x-h100-epoch-2.log", "train-2x-h100-epoch-2.txt", "train-2x-h100-epoch-1.log"] {
            try copy(folder + name, to: runs.appendingPathComponent("log/" + name))
        }
        let alone = try build(project, runs: runs)
        XCTAssertEqual(alone.runsWithoutConfiguration.count, 2, "epoch 1 and epoch 2: \(alone.runsWithoutConfiguration.map(\.name))")
        let joined = try XCTUnwrap(alone.runsWithoutConfiguration.first { !$0.identity.isEmpty })
        XCTAssertEqual(Set([joined.file.path] + joined.alsoIn.map(\.path)), ["runs/log/train-2x-h100-epoch-2.log", "runs/log/train-2x-h100-epoch-2.txt"])
        XCTAssertTrue(joined.identity[0].contains("train-2x-h100-epoch-2"))

        // GPT-2 124M, declared for every log: still one run for the resumed epoch, not two.
        let table = project.root.appendingPathComponent("gpt2.csv")
        try project.write("run,layers,hidden_size,heads,kv_heads,vocab_size,context\n*,12,768,12,12,50304,1024\n", to: table)
        let declared = try build(project, runs: runs, table: table)
        XCTAssertEqual(declared.runs.count, 2, "\(declared.runs.map(\.name))")
        let epoch2 = try XCTUnwrap(declared.runs.first { !$0.identity.isEmpty })
        XCTAssertTrue(epoch2.provenance.contains { $0.path.hasSuffix("epoch-2.log") } && epoch2.provenance.contains { $0.path.hasSuffix("epoch-2.txt") })
        XCTAssertEqual(declared.sweeps.map(\.name), ["vocab-50304-context-1024"])
    }

    /// A QLoRA output_dir (no config.json) and the W&B run its Trainer wrote beside it
    /// (run_name and output_dir './results'): one run. Its `logs/` folder of two earlier
    /// launches' event files (their arguments only) is a TensorBoard log directory of its own.
    func testATrainerOutputDirAndTheWandbRunNamingItAreOneRun() throws {
        let (project, runs) = try project()
        try copy("batch6/hf-trainer/gemma2b-qlora", to: runs.appendingPathComponent("gemma2b-qlora"))
        let found = try RunDiscovery(layout: project.layout, roots: [runs]).discover()
        XCTAssertEqual(found.runs.map(\.name), ["logs", "results"])
        let results = found.runs[1]
        let wandb = try XCTUnwrap(results.logs.first { $0.url.path.contains("/wandb/latest-run/") })
        XCTAssertTrue(wandb.evidence.contains("output_dir './results'"), wandb.evidence)
        XCTAssertEqual(found.runs[0].logs.count, 2)
        XCTAssertTrue(found.untied.isEmpty, "\(found.untied)")
        let context = try build(project, runs: runs)
        XCTAssertEqual(context.runsWithoutConfiguration.map(\.name), ["results"], "its losses listed, its model unknown (an adapter)")
        XCTAssertEqual(context.runsWithoutMetrics.map(\.name), ["logs"], "launches that logged no scalar")
    }

    /// LLaMA-Factory's trainer_log.jsonl written by two ranks (every row twice, one rank at times
    /// a row behind) and relaunched from its step-5000 checkpoint after reaching 5240: the
    /// relaunch is the only one found, the later launch wins from step 5010, the drop is counted.
    func testARelaunchInARealLogKeepsTheLaterLaunch() throws {
        let path = "batch6/llamafactory/rameyjm7-qwen2.5-3b_trainer_log.jsonl"
        let data = try Data(contentsOf: corpus.appendingPathComponent(path))
        var diagnostics = Diagnostics()
        let metrics = try LlamaFactoryLogReader().read(data, path: path, diagnostics: &diagnostics)
        let relaunch = try XCTUnwrap(metrics.relaunches.values.first, "\(metrics.tags)")
        // The lagging rank's 5240 → 5220 just before the relaunch reads as part of it.
        XCTAssertEqual(relaunch.restarts.last?.to, 5010, relaunch.description)
        XCTAssertTrue(relaunch.restarts.allSatisfy { $0.to >= 5010 }, relaunch.description)
        XCTAssertGreaterThan(relaunch.dropped, 0)
        let steps = metrics[MetricTag.trainLoss].map(\.step)
        XCTAssertEqual(steps, steps.sorted())
        XCTAssertNotNil(RunDirectoryReader.relaunchWarning(metrics, path: path))
    }
}

/// Relaunches written by tensorboardX's SummaryWriter (Fixtures/tensorboard/make_relaunched_events.py).
final class RelaunchedEventFileTests: XCTestCase {
    private let fixtures = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/tensorboard/relaunched")

    private func files(_ folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: fixtures.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .sorted { $0.path < $1.path }
    }

    /// One writer kept across launches at 0–25, 0–15, 0–6, then 5000–5499: the last launch
    /// from step 0 and the one after it, 42 points of the aborted launches dropped, said.
    func testOneWriterAcrossRelaunchesKeepsEachLaterLaunch() throws {
        let file = try XCTUnwrap(try files("one-writer").first)
        var diagnostics = Diagnostics()
        let metrics = try TensorBoardEventReader().read(Data(contentsOf: file), path: file.lastPathComponent, diagnostics: &diagnostics)
        XCTAssertEqual(metrics["train/loss"].map(\.step), Array(0...6) + Array(5000...5499))
        let relaunch = try XCTUnwrap(metrics.relaunches["train/loss"])
        XCTAssertEqual(relaunch.dropped, 26 + 16)
        let warning = try XCTUnwrap(RunDirectoryReader.relaunchWarning(metrics, path: file.lastPathComponent))
        XCTAssertTrue(warning.contains("3 launches") && warning.contains("42 of 'train/loss'"), warning)
    }

    /// A SummaryWriter's log directory with no trainer around it is a run named by its folder;
    /// a runs-table row gives it its model.
    func testAPlainLogDirectoryIsARunOfItsOwn() throws {
        let project = try TestProject()
        let runs = project.root.appendingPathComponent("tb", isDirectory: true)
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("writer-per-launch"), to: runs.appendingPathComponent("llama_training"))
        let found = try RunDiscovery(layout: project.layout, roots: [runs]).discover()
        XCTAssertEqual(found.runs.map(\.name), ["llama_training"])
        XCTAssertEqual(found.runs[0].logs.count, 2, "both event files of the directory")
        XCTAssertTrue(found.runs[0].identityEvidence(layout: project.layout).contains("the log directory"))
        let table = project.root.appendingPathComponent("runs.csv")
        try project.write("run,layers,hidden_size,heads,kv_heads,vocab_size\nllama_training,2,64,4,1,256\n", to: table)
        var options = BuildOptions()
        options.runRoots = [runs]
        options.runsTable = table
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(context.runs.map(\.name), ["llama_training"])
        XCTAssertEqual(context.runs[0].metrics.summary(of: "train/loss")?.lastStep, 60)
    }

    /// A new writer each launch, the second restarting at step 20 of the first's 0–40 with
    /// other losses: in a run, the second launch wins from step 20, the first's 21 points from
    /// there on are dropped, and the build says so.
    func testAWriterPerLaunchInOneRunKeepsTheLaterLaunch() throws {
        let project = try TestProject()
        let run = try project.addRun("relaunched", steps: 60, log: "")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        for file in try files("writer-per-launch") {
            try FileManager.default.copyItem(at: file, to: run.appendingPathComponent(file.lastPathComponent))
        }
        let context = try project.build()
        let summary = try XCTUnwrap(context.runs.first?.metrics.summary(of: "train/loss"))
        XCTAssertEqual(summary.points, 20 + 41, "0–19 of the first launch and 20–60 of the second")
        XCTAssertEqual(summary.lastStep, 60)
        let warning = try XCTUnwrap(context.diagnostics.warnings.first { $0.contains("a relaunch") })
        XCTAssertTrue(warning.contains("restarts at step 20") && warning.contains("the 21 earlier point(s)"), warning)
    }
}

/// The relaunch rule and the sweep choice on generated data.
final class SweepRuleUnitTests: XCTestCase {
    /// TensorBoard's rule for orphaned events: launches at 0–25, 0–15, 0–6, then 5000–5499 keep
    /// 0–6 and 5000–5499, dropping the 26 + 16 points the later launches replaced.
    func testRelaunchesKeepTheLastLaunchFromItsRestartStep() throws {
        var events = Data()
        for range in [0...25, 0...15, 0...6, 5000...5499] {
            for step in range { events += TensorBoardEventWriter.record(step: step, scalars: [("train/loss", Float(10 - Double(step % 1000) / 100))]) }
        }
        var diagnostics = Diagnostics()
        let metrics = try TensorBoardEventReader().read(events, path: "events.out.tfevents.1.host.1.0", diagnostics: &diagnostics)
        let loss = metrics["train/loss"]
        XCTAssertEqual(loss.count, 7 + 500)
        XCTAssertEqual(loss.map(\.step), Array(0...6) + Array(5000...5499))
        let relaunch = try XCTUnwrap(metrics.relaunches["train/loss"])
        XCTAssertEqual(relaunch.dropped, 26 + 16)
        XCTAssertEqual(relaunch.restarts.map(\.from), [25, 15])
        let warning = try XCTUnwrap(RunDirectoryReader.relaunchWarning(metrics, path: "x"))
        XCTAssertTrue(warning.contains("4 launches") == false && warning.contains("42 of 'train/loss'"), warning)
        // A step repeated without going back (two ranks) keeps the later value, as before.
        let repeated = MetricSet(series: ["l": [MetricPoint(step: 1, value: 2), MetricPoint(step: 1, value: 3), MetricPoint(step: 2, value: 1)]])
        XCTAssertEqual(repeated["l"].map(\.value), [3, 1])
        XCTAssertTrue(repeated.relaunches.isEmpty)
    }

    /// A sweep's seed noise: the pooled spread of configurations trained twice, else none from
    /// runs alone (the fits' residuals are the other source, tested with a sweep).
    func testSeedNoiseComesFromRepeatedConfigurations() throws {
        func run(_ name: String, layers: Int, loss: Double) -> Run {
            Run(name: name, model: ModelConfig(layers: layers, hiddenSize: 64, queryHeads: 4, kvHeads: 1),
                training: TrainingConfig(contextLength: 256, batchSize: nil, trainSteps: nil), metrics: RunMetrics(MetricSet()),
                finalLoss: FinalLoss(value: loss, source: .validation, points: 1, step: 1), tokens: .unknown, provenance: [], exampleNote: nil)
        }
        XCTAssertNil(SeedNoise.estimate(runs: [run("a", layers: 2, loss: 3), run("b", layers: 3, loss: 2.9)], fits: []))
        let noise = try XCTUnwrap(SeedNoise.estimate(runs: [run("a", layers: 2, loss: 3.0), run("a2", layers: 2, loss: 3.2),
                                                             run("b", layers: 3, loss: 2.9), run("b2", layers: 3, loss: 2.7)], fits: []))
        // Each pair's squared deviations sum to 0.02: pooled variance 0.04 / 2.
        XCTAssertEqual(noise.sigma, (0.04 / 2).squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(noise.basis.contains("2 configuration(s) trained more than once"))
    }

    /// Runs of two vocabularies are two sweeps; a fine-tune is in none; the runs table's name
    /// wins, and a declared sweep's runs of another unit are left out saying so.
    func testSweepsGroupByVocabularyAndContextAndLeaveFineTunesOut() {
        func run(_ name: String, vocab: Int, context: Int?, kind: RunKind.Kind = .pretraining, sweep: String? = nil) -> Run {
            var training = TrainingConfig(contextLength: context, batchSize: nil, trainSteps: nil)
            training.authorsSetup = false
            var run = Run(name: name, model: ModelConfig(layers: 2, hiddenSize: 64, queryHeads: 4, kvHeads: 1, vocabularySize: vocab),
                          training: training, metrics: RunMetrics(MetricSet()), finalLoss: FinalLoss(value: 3, source: .validation, points: 1, step: 1),
                          tokens: .unknown, provenance: [], exampleNote: nil)
            run.kind = RunKind(kind, evidence: "test")
            run.declaredSweep = sweep
            return run
        }
        let (sweeps, outside) = SweepGrouping.group([
            run("a", vocab: 50304, context: 2048), run("b", vocab: 50304, context: 2048), run("c", vocab: 32000, context: 2048),
            run("d", vocab: 50304, context: nil), run("ft", vocab: 50304, context: 2048, kind: .fineTune),
            run("n1", vocab: 256, context: 256, sweep: "mine"), run("n2", vocab: 256, context: 256, sweep: "mine"), run("n3", vocab: 128, context: 256, sweep: "mine"),
        ])
        XCTAssertEqual(sweeps.map(\.name), ["mine", "vocab-32000-context-2048", "vocab-50304-context-2048", "vocab-50304-context-unknown"])
        XCTAssertEqual(sweeps.first { $0.name == "vocab-50304-context-2048" }?.runs, ["a", "b"])
        XCTAssertEqual(sweeps.first { $0.name == "mine" }?.runs, ["n1", "n2"])
        XCTAssertEqual(outside.map(\.run), ["ft", "n3"])
        XCTAssertTrue(outside[0].reason.hasPrefix("a fine-tune"))
        XCTAssertTrue(outside[1].reason.contains("sweep 'mine'"))
    }
}
