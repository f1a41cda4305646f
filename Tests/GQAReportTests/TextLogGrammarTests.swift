import Foundation
import XCTest

@testable import GQAReport

/// The text logs of nanoGPT, build-nanogpt, llm.c and modded-nanogpt, by their line grammar.
/// Where `../shared/real-formats/stdout` holds a real file (build-nanogpt's log.txt and stdout,
/// llm.c's main.log) it is the test, with the counts its SOURCES.md states; the shapes with no
/// real file found (nanoGPT's stdout, llm.c's stdout, modded-nanogpt's records) are tested on
/// lines written as those trainers print them, which tests only our reading.
final class TextLogGrammarTests: XCTestCase {
    private func read(_ text: String, name: String = "train.log") throws -> (format: String, metrics: MetricSet) {
        var diagnostics = Diagnostics()
        return try read(text, name: name, diagnostics: &diagnostics)
    }

    private func read(_ text: String, name: String = "train.log", diagnostics: inout Diagnostics) throws -> (format: String, metrics: MetricSet) {
        let data = Data(text.utf8)
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: name, bytes: data)) else {
            XCTFail("not recognised: \(text.prefix(80))"); return ("", MetricSet())
        }
        return (reader.formatName, try reader.read(data, path: name, diagnostics: &diagnostics))
    }

    private func real(_ name: String, diagnostics: UnsafeMutablePointer<Diagnostics>? = nil) throws -> (format: String, metrics: MetricSet) {
        let url = Repository.realFormats.appendingPathComponent(name.contains("/") ? name : "stdout/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("\(url.path) is not here (set GQA_REAL_FORMATS): the real \(name) is not checked")
        }
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: url.lastPathComponent, bytes: data), whole: data) else {
            XCTFail("\(name) was not recognised"); return ("", MetricSet())
        }
        var local = Diagnostics()
        defer { diagnostics?.pointee = local }
        return (reader.formatName, try reader.read(data, path: name, diagnostics: &local))
    }

    func testBuildNanoGPTLogTxt() throws {
        let (format, m) = try real("build-nanogpt_logbob0401_log_202411030751.txt")
        XCTAssertEqual(format, TextLogGrammar.buildNanoGPTLog.name)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 19073)
        XCTAssertEqual(m[MetricTag.trainLoss].last, MetricPoint(step: 19072, value: 3.01063))
        XCTAssertEqual(m[MetricTag.validationLoss].count, 78)
        XCTAssertEqual(m[MetricTag.validationLoss].last, MetricPoint(step: 19072, value: 2.9996))
        XCTAssertEqual(m["eval/hellaswag_accuracy"].last, MetricPoint(step: 19072, value: 0.2758))
        let (_, short) = try real("build-nanogpt_AaronConnolly_log.txt")
        XCTAssertEqual(short[MetricTag.trainLoss].count, 14)
        XCTAssertEqual(short[MetricTag.validationLoss], [MetricPoint(step: 0, value: 10.8677)])
    }

    func testBuildNanoGPTStdout() throws {
        let (format, m) = try real("build-nanogpt_logbob0401_rec_202411011055_basically_works.txt")
        XCTAssertEqual(format, TextLogGrammar.buildNanoGPTStdout.name)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 17250)
        XCTAssertEqual(m[MetricTag.trainLoss].last, MetricPoint(step: 17249, value: 3.324421))
        XCTAssertTrue(m[MetricTag.validationLoss].isEmpty, "this file has no validation lines")
        // Its validation line, printed at the top of a step before that step's own line (as
        // train_gpt2.py does, and its log.txt says `1 val x`), belongs to the step after it.
        let (_, shaped) = try read("step     0 | loss: 10.955 | lr 6.0000e-06 | norm: 15.42 | dt: 950.12ms | tok/sec: 551825.01\nvalidation loss: 10.9512\nstep     1 | loss: 10.901 | lr 1.2000e-05 | norm: 14.10 | dt: 400.00ms | tok/sec: 1310720.00\n")
        XCTAssertEqual(shaped[MetricTag.validationLoss], [MetricPoint(step: 1, value: 10.9512)])
    }

    /// One GPT-2 124M training (batch 6): epoch 1's stdout evaluates at steps 0, 250, …, 19072;
    /// epoch 2's stdout and the log.txt of the same launch agree at every validation point.
    func testBuildNanoGPTStdoutPutsValidationAtItsStep() throws {
        let folder = "batch6/build-nanogpt/csabapalfi-gpt2-124M-2xH100/log/"
        let (_, epoch1) = try real(folder + "train-2x-h100-epoch-1.log")
        let steps = epoch1[MetricTag.validationLoss].map(\.step)
        XCTAssertEqual(steps.count, 78)
        XCTAssertEqual(steps, Array(stride(from: 0, to: 19072, by: 250)) + [19072])
        let (_, stdout) = try real(folder + "train-2x-h100-epoch-2.log")
        let (format, logTxt) = try real(folder + "train-2x-h100-epoch-2.txt")
        XCTAssertEqual(format, TextLogGrammar.buildNanoGPTLog.name)
        XCTAssertEqual(stdout[MetricTag.validationLoss], logTxt[MetricTag.validationLoss])
        XCTAssertEqual(stdout[MetricTag.validationLoss].count, 78)
        // The same run written twice: every training point of the stdout is log.txt's.
        XCTAssertEqual(stdout[MetricTag.trainLoss], logTxt[MetricTag.trainLoss])
        XCTAssertEqual(stdout[MetricTag.trainLoss].count, 19074)
        // A run stopped after printing a validation line and before its step's line: said, left out.
        var diagnostics = Diagnostics()
        let (_, stopped) = try read("step     0 | loss: 10.955 | lr 6.0000e-06 | norm: 15.42 | dt: 950.12ms | tok/sec: 551825.01\nvalidation loss: 10.9512\n", diagnostics: &diagnostics)
        XCTAssertTrue(stopped[MetricTag.validationLoss].isEmpty)
        XCTAssertTrue(diagnostics.warnings.contains { $0.contains("never came") }, "\(diagnostics.warnings)")
    }

    /// Every build-nanogpt stdout of batch 6: its first and last step and last value, as its
    /// lines print them; the run that crashed before step 0 holds no series.
    func testEveryBuildNanoGPTStdoutOfBatch6() throws {
        let folder = "batch6/build-nanogpt/csabapalfi-gpt2-124M-2xH100/log/"
        let expected: [(file: String, points: Int, first: Int, last: MetricPoint, validation: [MetricPoint])] = [
            ("train-1x-h100-quick.log", 205, 0, MetricPoint(step: 204, value: 6.287575), [MetricPoint(step: 0, value: 10.9517)]),
            ("train-2x-h100-quick.log", 62, 0, MetricPoint(step: 61, value: 8.230367), [MetricPoint(step: 0, value: 10.9512)]),
            ("train-local.log", 5, 0, MetricPoint(step: 4, value: 10.51015), [MetricPoint(step: 0, value: 10.9462)]),
        ]
        for file in expected {
            let (format, m) = try real(folder + file.file)
            XCTAssertEqual(format, TextLogGrammar.buildNanoGPTStdout.name, file.file)
            XCTAssertEqual(m[MetricTag.trainLoss].count, file.points, file.file)
            XCTAssertEqual(m[MetricTag.trainLoss].first?.step, file.first, file.file)
            XCTAssertEqual(m[MetricTag.trainLoss].last, file.last, file.file)
            XCTAssertEqual(m[MetricTag.validationLoss], file.validation, file.file)
        }
        let (_, epoch1) = try real(folder + "train-2x-h100-epoch-1.log")
        XCTAssertEqual(epoch1[MetricTag.trainLoss].count, 19073)
        XCTAssertEqual(epoch1[MetricTag.trainLoss].last, MetricPoint(step: 19072, value: 3.106661))
        XCTAssertEqual(epoch1[MetricTag.validationLoss].last, MetricPoint(step: 19072, value: 3.0717))
        let (oomFormat, oom) = try real(folder + "train-local-oom.log")
        XCTAssertEqual(oomFormat, TrainerStdoutReader().formatName, "taken by its name, as the stdout of a crash")
        XCTAssertTrue(oom.tags.allSatisfy { oom[$0].isEmpty }, "\(oom.tags)")
    }

    func testLlmcMainLog() throws {
        let (format, m) = try real("llmc_gpt2-124M_log124M_main.log")
        XCTAssertEqual(format, TextLogGrammar.llmcMainLog.name)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 19552)
        XCTAssertEqual(m[MetricTag.trainLoss].last?.step, 19551)
        XCTAssertEqual(m[MetricTag.validationLoss].count, 80)
        XCTAssertEqual(m[MetricTag.validationLoss].last, MetricPoint(step: 19552, value: 3.2731))
    }

    func testLlmcStdoutShape() throws {
        // As train_gpt2.cu prints it: `val loss` at the top of the loop (step 0 before any
        // training), then `step + 1`; main.log logs the same points at s:0, s:1 and tel at s:2.
        let (format, m) = try read("""
            val loss 11.009876
            step    1/18865 | loss 11.010451 (+nanz)| norm 15.3972 (+nanz)| lr 8.57e-07 | 2823.70 ms | -100.0% bf16 MFU | 185674 tok/s
            step    2/18865 | loss 10.949423 (+nanz)| norm 15.1085 (+nanz)| lr 1.71e-06 | 471.13 ms | 57.2% bf16 MFU | 1112834 tok/s
            val loss 10.912345

            """)
        XCTAssertEqual(format, TextLogGrammar.llmcStdout.name)
        XCTAssertEqual(m[MetricTag.trainLoss], [MetricPoint(step: 0, value: 11.010451), MetricPoint(step: 1, value: 10.949423)])
        XCTAssertEqual(m[MetricTag.validationLoss], [MetricPoint(step: 0, value: 11.009876), MetricPoint(step: 2, value: 10.912345)])
    }

    func testNanoGPTStdoutShape() throws {
        let (format, m) = try read("""
            tokens per iteration will be: 491,520
            step 0: train loss 10.9894, val loss 10.9862
            iter 0: loss 10.9876, time 29375.54ms, mfu -100.00%
            iter 10: loss 9.6712, time 402.17ms, mfu 33.52%
            step 2000: train loss 3.0113, val loss 3.0358

            """, name: "out.log")
        XCTAssertEqual(format, TextLogGrammar.nanoGPT.name)
        XCTAssertEqual(m[MetricTag.trainLoss], [MetricPoint(step: 0, value: 10.9876), MetricPoint(step: 10, value: 9.6712)])
        XCTAssertEqual(m[MetricTag.validationLoss], [MetricPoint(step: 0, value: 10.9862), MetricPoint(step: 2000, value: 3.0358)])
    }

    func testModdedNanoGPTRecordBelowItsScript() throws {
        let script = String(repeating: "import os\nprint(f\"step:{step}/{steps} val_loss:{val_loss:.4f}\")\n", count: 50)
        let (format, m) = try read(script + """
            ====================================================================================================
            step:0/1750 val_loss:10.8258 train_time:0ms step_avg:0.04ms
            step:1/1750 train_loss:10.8258 train_time:22583ms step_avg:22582.78ms
            step:125/1750 val_loss:4.3910 train_time:12301ms step_avg:98.41ms

            """, name: "record.txt")
        XCTAssertEqual(format, TextLogGrammar.moddedNanoGPT.name)
        XCTAssertEqual(m[MetricTag.trainLoss], [MetricPoint(step: 1, value: 10.8258)])
        XCTAssertEqual(m[MetricTag.validationLoss], [MetricPoint(step: 0, value: 10.8258), MetricPoint(step: 125, value: 4.391)])
    }

    /// A record whose script runs past the head (64 KiB): read on to its first log line, by its
    /// content under any name, and found as a log in a folder.
    func testModdedNanoGPTRecordWhoseScriptRunsPastTheHead() throws {
        let script = (0..<3000).map { "def f\($0)(x):\n    return x * \($0)  # val_loss is printed below\n" }.joined()
        XCTAssertGreaterThan(script.utf8.count, 2 * FileHead.size)
        let record = script + "=" + String(repeating: "=", count: 99) + "\n"
            + (0...200).map { "step:\($0)/200 train_loss:\(String(format: "%.4f", 10 - Double($0) / 100)) train_time:\($0 * 100)ms step_avg:100.00ms" }.joined(separator: "\n") + "\n"
        for name in ["record.txt", "train.log"] {
            let data = Data(record.utf8)
            guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: name, bytes: data), whole: data) else {
                return XCTFail("\(name) not recognised")
            }
            XCTAssertEqual(reader.formatName, TextLogGrammar.moddedNanoGPT.name, name)
            var diagnostics = Diagnostics()
            let metrics = try reader.read(data, path: name, diagnostics: &diagnostics)
            XCTAssertEqual(metrics[MetricTag.trainLoss].count, 201)
            XCTAssertEqual(metrics[MetricTag.trainLoss].last, MetricPoint(step: 200, value: 8))
        }
        let project = try TestProject()
        let folder = project.root.appendingPathComponent("records", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try record.write(to: folder.appendingPathComponent("record.txt"), atomically: true, encoding: .utf8)
        let inspection = try FolderInspection.inspect(folder, layout: project.layout)
        XCTAssertEqual(inspection.runsWithoutConfiguration.first?.finalLoss?.step, 200, "\(inspection.untied.map(\.reason))")
    }

    func testANaNLossNamesItsLine() throws {
        let data = Data("s:0 trl:11.0 lr:0.1 norm:1\ns:1 trl:nan lr:0.1 norm:1\n".utf8)
        var diagnostics = Diagnostics()
        XCTAssertThrowsError(try TextLogGrammarReader(grammar: .llmcMainLog).read(data, path: "main.log", diagnostics: &diagnostics)) { error in
            XCTAssertTrue("\(error)".contains("main.log:2"), "\(error)")
        }
    }

    func testOLMoConsole() throws {
        let (format, m) = try real("olmo_OLMo-1B-0724-continued_training.log")
        XCTAssertEqual(format, TextLogGrammar.olmo.name)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 1010)
        XCTAssertEqual(m[MetricTag.trainLoss].first, MetricPoint(step: 1, value: 2.998))
        XCTAssertEqual(m[MetricTag.trainLoss].last, MetricPoint(step: 1010, value: 2.956))
        XCTAssertTrue(m[MetricTag.validationLoss].isEmpty)
    }

    func testTorchtitanThroughItsColourCodes() throws {
        let (format, m) = try real("torchtitan_llama3-150m-c4_baseline_train.log")
        XCTAssertEqual(format, TextLogGrammar.torchtitan.name)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 2001)
        XCTAssertEqual(m[MetricTag.trainLoss].last, MetricPoint(step: 20000, value: 3.68482))
        let (_, crashed) = try real("torchtitan_llama3-175m-attnres_crashed_train.log")
        XCTAssertEqual(crashed[MetricTag.trainLoss].count, 882)
        XCTAssertEqual(crashed[MetricTag.trainLoss].last, MetricPoint(step: 8810, value: 4.08492))
        // Its validator's lines are validation, not training.
        let (_, shaped) = try read("[rank0]:[titan] 2026-04-18 22:15:44,378 - root - INFO - \u{1B}[31mstep: 10  \u{1B}[32mloss: 11.78140  \u{1B}[33mgrad_norm: 9.8\u{1B}[39m\n"
            + "[rank0]:[titan] 2026-04-18 22:16:44,378 - root - INFO - \u{1B}[33mvalidate step: 10  \u{1B}[32mloss: 11.90000\u{1B}[39m\n")
        XCTAssertEqual(shaped[MetricTag.trainLoss], [MetricPoint(step: 10, value: 11.7814)])
        XCTAssertEqual(shaped[MetricTag.validationLoss], [MetricPoint(step: 10, value: 11.9)])
    }

    func testLlamaFactoryConsoleBehindItsLoggingPrefix() throws {
        var diagnostics = Diagnostics()
        let (format, m) = try real("llamafactory_deepseek-llm-7b-chat-lora_running_log.txt", diagnostics: &diagnostics)
        XCTAssertEqual(format, TrainerConsoleReader().formatName)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 421)
        XCTAssertEqual(m[MetricTag.trainLoss].last?.value, 0.0067)
        XCTAssertEqual(m["train/epoch"].last?.value, 123.48)
        XCTAssertTrue(m["eval/loss"].isEmpty, "the file ends as evaluation starts")
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("prints no step") && $0.contains("1 to 421") }, "\(diagnostics.notes)")
    }

    func testTRLConsoleWithStringValuesAfterItsHead() throws {
        // Its first dict line is 106,885 bytes in: found in the whole file, not the head.
        let url = Repository.realFormats.appendingPathComponent("stdout/trl-sft_llama-3.2-3b_string-valued-dicts_train_log.txt")
        if let data = FileManager.default.contents(atPath: url.path) {
            guard case .unknown = MetricLogFormats.detect(FileHead(name: url.lastPathComponent, bytes: data)) else {
                return XCTFail("the head alone should not tell its format")
            }
        }
        let (format, m) = try real("trl-sft_llama-3.2-3b_string-valued-dicts_train_log.txt")
        XCTAssertEqual(format, TrainerConsoleReader().formatName)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 167)
        XCTAssertEqual(m[MetricTag.trainLoss].last?.value, 0.5822)
        XCTAssertEqual(m["eval/loss"].map(\.value), [0.7417, 0.715, 0.7206])
        XCTAssertEqual(m["train/epoch"].last?.value, 2.988)
    }

    func testTwoTrainerLaunchesInOneConsoleReadTheLast() throws {
        var diagnostics = Diagnostics()
        let (_, m) = try real("hf-trainer_bert-base_console_train_log.txt", diagnostics: &diagnostics)
        XCTAssertTrue(diagnostics.warnings.contains { $0.contains("2 training launches") }, "\(diagnostics.warnings)")
        XCTAssertEqual(m[MetricTag.trainLoss].last?.value, 0.01)
        XCTAssertEqual(m["train/epoch"].last?.value, 8.85)
        XCTAssertEqual(m["eval/loss"].last?.value, 0.031908828765153885)
        XCTAssertEqual(m["eval/f1"].isEmpty, false, "the second launch adds eval_f1")
    }

    func testConsoleInsideAWandbRun() throws {
        let (format, m) = try real("wandb/FPT-VVU-ViVidBot/run-20240807_171202-gqfda01b/files/output.log")
        XCTAssertEqual(format, TrainerConsoleReader().formatName)
        XCTAssertEqual(m[MetricTag.trainLoss].count, 264)
        XCTAssertEqual(m[MetricTag.trainLoss].last?.value, 9.0625)
        let (nano, n) = try real("wandb/jackokeefe11-nanoGPT/run-20240214_195452-kt2awly2/files/output.log")
        XCTAssertEqual(nano, TextLogGrammar.nanoGPT.name)
        XCTAssertEqual(n[MetricTag.trainLoss].count, 501)
        XCTAssertEqual(n[MetricTag.trainLoss].last, MetricPoint(step: 5000, value: 0.1636))
        XCTAssertEqual(n[MetricTag.validationLoss].count, 21)
        XCTAssertEqual(n[MetricTag.validationLoss].last, MetricPoint(step: 5000, value: 4.9221))
        let (_, interrupted) = try real("wandb/jackokeefe11-nanoGPT/run-20240214_191025-bn1klkfl/files/output.log")
        XCTAssertEqual(interrupted[MetricTag.trainLoss].last, MetricPoint(step: 1330, value: 1.8209))
        XCTAssertEqual(interrupted[MetricTag.validationLoss].last, MetricPoint(step: 1250, value: 1.4874))
    }

    func testALineCutOrKilledIsLeftOutAndSaid() throws {
        let reader = TextLogGrammarReader(grammar: .buildNanoGPTStdout)
        var diagnostics = Diagnostics()
        let killed = "step     0 | loss: 10.955 | lr 6.0e-06 | norm: 15.42 | dt: 950.12ms\nstep     1 | loss: 10.9slurmstepd: error: *** JOB 42 ON n1 CANCELLED AT 2026-01-01 ***\nstep     2 | loss: 10.8 | lr 6.0e-06\nstep     3 | loss: 10.7"
        let m = try reader.read(Data(killed.utf8), path: "out.log", diagnostics: &diagnostics)
        XCTAssertEqual(m[MetricTag.trainLoss].map(\.step), [0, 2])
        XCTAssertTrue(diagnostics.warnings.contains { $0.hasPrefix("out.log:2: a kill message") }, "\(diagnostics.warnings)")
        XCTAssertTrue(diagnostics.warnings.contains { $0.hasPrefix("out.log:4: the file ends inside a metric line") }, "\(diagnostics.warnings)")
    }

    /// The byte parser gives the value Swift's own parser gives, digit for digit.
    func testNumbersParseAsSwiftParsesThem() {
        var generator = SplitMix64(seed: 7)
        var printed = ["3.324421", "-1.2e-05", ".5", "7", "1e308", "2.2250738585072014e-308", "0.1000000000000000055511151231257827",
                       "123456789012345678", "4.9406564584124654e-324", "6.0000e-06", "1E+3"]
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { printed.append("\(value)") }
            printed.append(String(format: "%.6f", Double(generator.next() % 1_000_000_000) / 1e5))
        }
        for text in printed {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { LogNumber.parse($0, at: 0) }
            XCTAssertEqual(parsed?.0.bitPattern, Double(text)?.bitPattern, text)
            XCTAssertEqual(parsed?.1, bytes.count, text)
        }
        let nan = Array("nan".utf8).withUnsafeBufferPointer { LogNumber.parse($0, at: 0) }
        XCTAssertTrue(nan?.0.isNaN == true)
    }
}

/// A folder of text logs alone is a sweep: each log that no run directory owns is a run of its
/// own, named by its folder (by its stem where a folder holds several), listed with its final
/// loss, or configured by a runs-table row. The logs are written here in the trainers' shapes.
final class TextLogRunTests: XCTestCase {
    func testAFolderOfTextLogsAloneBuildsAndListsThem() throws {
        let project = try TestProject()
        let sweep = project.root.appendingPathComponent("sweep")
        try project.write((0...20).map { "s:\($0) trl:\(4.0 - Double($0) * 0.01) lr:0.0006 norm:0.3\n" }.joined() + "s:20 tel:3.85\n",
                          to: sweep.appendingPathComponent("llmc-kv2/main.log"))
        try project.write("step 0: train loss 10.9, val loss 10.8\niter 0: loss 10.9, time 30.0ms, mfu -100.00%\niter 10: loss 9.1, time 30.0ms, mfu 8.00%\nstep 10: train loss 9.0, val loss 9.05\n",
                          to: sweep.appendingPathComponent("nano/out-a.log"))
        try project.write("iter 0: loss 11.0, time 30.0ms, mfu -100.00%\niter 10: loss 9.5, time 30.0ms, mfu 8.00%\n",
                          to: sweep.appendingPathComponent("nano/out-b.log"))
        try project.write("Loading…\n{'loss': 2.5, 'learning_rate': 1e-05, 'epoch': 0.5}\n{'loss': '2.25', 'learning_rate': '5e-06', 'epoch': '1.0'}\n{'eval_loss': 2.3, 'epoch': 1.0}\n",
                          to: sweep.appendingPathComponent("sft/train_log.txt"))
        try project.write("A note beside the runs, not a log.\n", to: sweep.appendingPathComponent("sft/notes.txt"))
        try project.write("""
            run,layers,hidden_size,heads,kv_heads,vocab_size,ffn_size,tied,context,tokens
            llmc-kv2,2,64,4,2,1000,256,false,256,
            """, to: project.layout.results.appendingPathComponent("runs.csv"))
        var options = BuildOptions()
        options.runRoots = [sweep]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        XCTAssertEqual(context.runs.map(\.name), ["llmc-kv2"], "the row configures it")
        XCTAssertEqual(context.runs.first?.finalLoss.value, 3.85)
        let listed = Dictionary(uniqueKeysWithValues: context.runsWithoutConfiguration.map { ($0.name, $0) })
        XCTAssertEqual(listed.keys.sorted(), ["out-a", "out-b", "sft"])
        XCTAssertEqual(listed["out-a"]?.finalLoss?.value, 9.05)
        XCTAssertEqual(listed["sft"]?.finalLoss?.value, 2.3)
        XCTAssertTrue(listed["sft"]?.reason.contains("Transformers Trainer console") == true, listed["sft"]?.reason ?? "")
        XCTAssertFalse(context.diagnostics.warnings.contains { $0.contains("notes.txt") }, "a note is not opened as a log")
        XCTAssertFalse(context.diagnostics.warnings.contains { $0.contains("prints no arguments block") }, "\(context.diagnostics.warnings)")
    }

    /// `--strict` fails on one list of everything left out: untied logs, Git LFS pointers (named
    /// like a log, or a file report reads by another name), an empty .wandb, and a folder missing
    /// its model configuration. A pointer to weights report never opens is listed, not a problem.
    func testStrictListsEveryFileLeftOut() throws {
        let project = try TestProject()
        try project.addRun("a")
        let runs = project.layout.runs
        try project.write("[1/10] loss 5.0 | time 1.0ms | t_data 1.0ms | t_fwd 1.0ms | t_bwd 1.0ms | lr 1.000e-03\n", to: runs.appendingPathComponent("stray/slurm-1.out"))
        try project.write("version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 12\n", to: runs.appendingPathComponent("pointer/train.log"))
        try project.write("", to: runs.appendingPathComponent("wandb/offline-run-20260101_000000-abc123/run-abc123.wandb"))
        try project.write("{}", to: runs.appendingPathComponent("half/args.json"))
        try project.write("version https://git-lfs.github.com/spec/v1\noid sha256:1111\nsize 99999\n", to: runs.appendingPathComponent("a/model.safetensors"))
        try project.write("version https://git-lfs.github.com/spec/v1\noid sha256:2222\nsize 99\n", to: runs.appendingPathComponent("a/notes.txt"))
        XCTAssertNoThrow(try project.build(), "without --strict the run is built and the rest said")
        guard let error = project.buildError(strict: true) else { return }
        let message = error.description
        XCTAssertTrue(message.contains("--strict: 5 input(s)"), message)
        XCTAssertFalse(message.contains("model.safetensors"), "weights report never opens are no problem: \(message)")
        let inspection = try FolderInspection.inspect(runs, layout: project.layout)
        XCTAssertTrue(inspection.notRead.contains { $0.path.hasSuffix("a/model.safetensors") && $0.reason.contains("not read, and not needed") }, "\(inspection.notRead)")
        XCTAssertTrue(inspection.untied.contains { $0.path.hasSuffix("a/notes.txt") && $0.reason.contains("Git LFS pointer") }, "\(inspection.untied)")
        XCTAssertTrue(message.contains("stray/slurm-1.out: not tied to any run, left out: it prints no arguments block"), message)
        XCTAssertTrue(message.contains("pointer/train.log: cannot be read, left out: a Git LFS pointer"), message)
        XCTAssertTrue(message.contains("run-abc123.wandb: cannot be read, left out: empty (0 bytes)"), message)
        XCTAssertTrue(message.contains("half: missing model_config.json"), message)
    }

    /// The no-metrics hint looks at the steps the run did log before guessing it never started.
    func testANoLossRunSaysHowFarItLogged() throws {
        let project = try TestProject()
        let run = try project.addRun("a")
        try FileManager.default.removeItem(at: run.appendingPathComponent("stdout.log"))
        try project.write(#"{"step": 100, "tag": "accuracy", "value": 0.5}"# + "\n", to: run.appendingPathComponent("metrics.jsonl"))
        let context = try project.build()
        let reason = try XCTUnwrap(context.runsWithoutMetrics.first?.reason)
        XCTAssertTrue(reason.contains("they hold 'accuracy', up to step 100"), reason)
        XCTAssertFalse(reason.contains("stopped before its first step"), reason)
    }

    func testAnEmptyWandbFileIsCalledEmpty() throws {
        let project = try TestProject()
        let sweep = project.root.appendingPathComponent("sweep")
        try project.write("", to: sweep.appendingPathComponent("wandb/offline-run-20260101_000000-abc123/run-abc123.wandb"))
        try project.write("iter 0: loss 11.0, time 30.0ms, mfu -100.00%\n", to: sweep.appendingPathComponent("nano/out.log"))
        let found = try RunDiscovery(layout: project.layout, roots: [sweep]).discover()
        let empty = try XCTUnwrap(found.untied.first { $0.url.pathExtension == "wandb" })
        XCTAssertTrue(empty.isProblem)
        XCTAssertTrue(empty.reason.contains("empty (0 bytes)"), empty.reason)
    }
}

/// A console and an offline W&B run written by Transformers' own `Trainer` and wandb's SDK
/// (Fixtures/hf-console/make_console_and_wandb_run.py): the console's values are checked
/// against the same run's binary W&B history, which that writer logged in full precision.
final class TrainerConsoleFixtureTests: XCTestCase {
    private let folder = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/hf-console")

    private var transactionLog: URL {
        get throws {
            let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("wandb").path).filter { $0.hasPrefix("offline-run-") }
            let run = folder.appendingPathComponent("wandb/\(try XCTUnwrap(runs.first))")
            let id = try XCTUnwrap(run.lastPathComponent.split(separator: "-").last)
            return run.appendingPathComponent("run-\(id).wandb")
        }
    }

    func testTheTrainersConsoleHoldsItsWandbHistoryRounded() throws {
        let console = try Data(contentsOf: folder.appendingPathComponent("console.txt"))
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: "console.txt", bytes: console), whole: console) else {
            return XCTFail("console.txt not recognised")
        }
        XCTAssertEqual(reader.formatName, TrainerConsoleReader().formatName)
        var diagnostics = Diagnostics()
        let printed = try reader.read(console, path: "console.txt", diagnostics: &diagnostics)
        var ignored = Diagnostics()
        let logged = try WandbTransactionLogReader().read(try Data(contentsOf: try transactionLog), path: "run.wandb", diagnostics: &ignored)
        for (consoleTag, wandbTag) in [(MetricTag.trainLoss, "train/loss"), ("eval/loss", "eval/loss")] {
            let fromConsole = printed[consoleTag], fromWandb = logged[wandbTag]
            XCTAssertFalse(fromConsole.isEmpty, consoleTag)
            XCTAssertEqual(fromConsole.count, fromWandb.count, consoleTag)
            for (shown, exact) in zip(fromConsole, fromWandb) {
                // Transformers 5 prints 4 significant digits, as strings.
                XCTAssertEqual(shown.value, Double(String(format: "%.4g", exact.value)), consoleTag)
            }
        }
        // The console prints no step; its epochs and finished progress bar place each entry
        // at the step W&B logged it (the Trainer logged every 5th step).
        XCTAssertEqual(printed[MetricTag.trainLoss].map(\.step), logged["train/loss"].map(\.step))
        XCTAssertEqual(printed["eval/loss"].map(\.step), logged["eval/loss"].map(\.step))
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("prints no step") && $0.contains("multiple of 5") }, "\(diagnostics.notes)")
    }

    func testTheTrainersOfflineWandbRunIsARunConfiguredFromItsLlamaConfig() throws {
        let project = try TestProject()
        var options = BuildOptions()
        options.runRoots = [folder.appendingPathComponent("wandb")]
        let context = try BuildPipeline.standard.build(layout: project.layout, options: options)
        let run = try XCTUnwrap(context.runs.first)
        XCTAssertEqual(context.runs.count, 1)
        XCTAssertEqual(run.name, "tiny-llama-kv2", "W&B's display name, the Trainer's run_name")
        XCTAssertEqual(run.model.heads, HeadConfiguration(queryHeads: 4, kvHeads: 2))
        XCTAssertEqual(run.model.layers, 2)
        XCTAssertEqual(run.model.hiddenSize, 32)
        var ignored = Diagnostics()
        let logged = try WandbTransactionLogReader().read(try Data(contentsOf: try transactionLog), path: "run.wandb", diagnostics: &ignored)
        XCTAssertEqual(run.finalLoss.value, logged["eval/loss"].last?.value)
        XCTAssertEqual(run.finalLoss.step, logged["eval/loss"].last?.step)
        // Its console copy numbers entries, not steps: named, not merged.
        XCTAssertTrue(run.logs.contains { $0.path.hasSuffix("files/output.log") && $0.evidence.contains("console copy") && $0.evidence.contains("not merged") }, "\(run.logs)")
        XCTAssertEqual(run.metrics.summary(of: MetricTag.trainLoss)?.lastStep, 30)
    }
}
