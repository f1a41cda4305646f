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
        let data = Data(text.utf8)
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: name, bytes: data)) else {
            XCTFail("not recognised: \(text.prefix(80))"); return ("", MetricSet())
        }
        var diagnostics = Diagnostics()
        return (reader.formatName, try reader.read(data, path: name, diagnostics: &diagnostics))
    }

    private func real(_ name: String) throws -> (format: String, metrics: MetricSet) {
        let url = Repository.realFormats.appendingPathComponent("stdout/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("\(url.path) is not here (set GQA_REAL_FORMATS): the real \(name) is not checked")
        }
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: name, bytes: data.prefix(FileHead.size))) else {
            XCTFail("\(name) was not recognised"); return ("", MetricSet())
        }
        var diagnostics = Diagnostics()
        return (reader.formatName, try reader.read(data, path: name, diagnostics: &diagnostics))
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
        // Its validation line, as build-nanogpt prints it, belongs to the step before it.
        let (_, shaped) = try read("step     0 | loss: 10.955 | lr 6.0000e-06 | norm: 15.42 | dt: 950.12ms | tok/sec: 551825.01\nvalidation loss: 10.9512\nstep     1 | loss: 10.901 | lr 1.2000e-05 | norm: 14.10 | dt: 400.00ms | tok/sec: 1310720.00\n")
        XCTAssertEqual(shaped[MetricTag.validationLoss], [MetricPoint(step: 0, value: 10.9512)])
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
        let (format, m) = try read("""
            step    1/18865 | loss 11.010451 (+nanz)| norm 15.3972 (+nanz)| lr 8.57e-07 | 2823.70 ms | -100.0% bf16 MFU | 185674 tok/s
            step    2/18865 | loss 10.949423 (+nanz)| norm 15.1085 (+nanz)| lr 1.71e-06 | 471.13 ms | 57.2% bf16 MFU | 1112834 tok/s
            val loss 10.912345
            """)
        XCTAssertEqual(format, TextLogGrammar.llmcStdout.name)
        XCTAssertEqual(m[MetricTag.trainLoss], [MetricPoint(step: 1, value: 11.010451), MetricPoint(step: 2, value: 10.949423)])
        XCTAssertEqual(m[MetricTag.validationLoss], [MetricPoint(step: 2, value: 10.912345)])
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

    func testANaNLossNamesItsLine() throws {
        let data = Data("s:0 trl:11.0 lr:0.1 norm:1\ns:1 trl:nan lr:0.1 norm:1\n".utf8)
        var diagnostics = Diagnostics()
        XCTAssertThrowsError(try TextLogGrammarReader(grammar: .llmcMainLog).read(data, path: "main.log", diagnostics: &diagnostics)) { error in
            XCTAssertTrue("\(error)".contains("main.log:2"), "\(error)")
        }
    }
}
