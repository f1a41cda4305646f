import ArgumentParser
import Foundation
import GQAReport

/// How fast the text-log grammars read: a generated log of each shape (about `--megabytes` MB
/// of metric lines as the trainer prints them), read whole on one core, median of `--repeat`.
struct TextLogBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text-logs",
        abstract: "Reading speed of the text-log grammars (MB/s on one core) on generated logs.")

    @Option(help: "Size of each generated log in MB.")
    var megabytes = 100

    @Option(name: .customLong("repeat"), help: "Reads per log; the median is printed.")
    var repetitions = 3

    /// One line of each format at step `s` (a loss that moves, as a real run's does).
    private static let shapes: [(name: String, line: @Sendable (Int) -> String, validation: @Sendable (Int) -> String)] = [
        ("your own loop (CSV)", { "\($0),\(loss($0)),,3.000000e-04,2305.86\n" }, { "\($0),,\(loss($0)),,\n" }),
        ("your own loop (JSON lines)", { "{\"step\": \($0), \"loss\": \(loss($0)), \"lr\": 0.0003, \"tok_per_s\": 2305.86}\n" },
         { "{\"step\": \($0), \"val_loss\": \(loss($0))}\n" }),
        ("a declared format", { "[12:00:01] it=\($0) tr=\(loss($0)) gn=0.3124\n" }, { "[12:00:01] it=\($0) tr=\(loss($0)) va=\(loss($0))\n" }),
        ("llm.c main.log", { "s:\($0) trl:\(loss($0)) lr:0.000600 norm:0.3124\n" }, { "s:\($0) tel:\(loss($0))\n" }),
        ("build-nanogpt log.txt", { "\($0) train \(loss($0))\n" }, { "\($0) val \(loss($0))\n" }),
        ("build-nanogpt stdout", { "step \(String(repeating: " ", count: 5 - min(5, "\($0)".count)))\($0) | loss: \(loss($0)) | lr 6.0000e-04 | norm: 0.3012 | dt: 331.52ms | tok/sec: 1581468.22\n" },
         { _ in "validation loss: 3.2731\n" }),
        ("nanoGPT stdout", { "iter \($0): loss \(loss($0)), time 402.17ms, mfu 33.52%\n" }, { "step \($0): train loss \(loss($0)), val loss \(loss($0))\n" }),
        ("modded-nanogpt record", { "step:\($0)/20000 train_loss:\(loss($0)) train_time:\($0 * 98)ms step_avg:98.41ms\n" },
         { "step:\($0)/20000 val_loss:\(loss($0)) train_time:\($0 * 98)ms step_avg:98.41ms\n" }),
        ("torchtitan stdout", { "[rank0]:[titan] 2026-04-18 22:15:44,378 - root - INFO - \u{1B}[31mstep: \($0)  \u{1B}[32mloss: \(loss($0))  \u{1B}[38;2;180;60;0mgrad_norm:  9.8978  \u{1B}[34mtps: 70,593  \u{1B}[35mmfu: 15.38%\u{1B}[39m\n" },
         { _ in "" }),
        ("your own loop (step/loss lines)", { "2025-02-18 12:02:33,330 - INFO - step \($0) | loss: \(loss($0)) | dt: 888.17ms | tok/sec: 2305.86 | norm: 13.01\n" },
         { "Step \($0), Val Loss: \(loss($0)), LR: 3.00e-04\n" }),
        ("Transformers console", { "{'loss': \(loss($0)), 'grad_norm': 0.7695, 'learning_rate': 2.262e-05, 'epoch': \(Double($0) / 1000)}\n" },
         { "{'eval_loss': \(loss($0)), 'eval_runtime': 30.28, 'eval_samples_per_second': 36.96, 'epoch': \(Double($0) / 1000)}\n" }),
    ]

    /// The README's example of a declared format (site/guide-formats.html#declare-a-format).
    private static let declaredFormat = try! DeclaredLogFormat.parse(Data(#"""
        {"name": "benchmark", "line": "it=(?<step>\\d+) tr=(?<loss>[0-9.]+)( va=(?<val_loss>[0-9.]+))?", "samples": ["[12:00:01] it=1 tr=3.5"]}
        """#.utf8), path: "log-format.json")

    private static func loss(_ step: Int) -> String {
        String(format: "%.6f", 3.0 + 8.0 / Double(step + 1).squareRoot())
    }

    func run() throws {
        print("text logs, \(megabytes) MB each, one core, median of \(repetitions) reads")
        for shape in Self.shapes {
            var text = shape.name == "your own loop (CSV)" ? "step,train_loss,val_loss,lr,tokens_per_sec\n" : ""
            text.reserveCapacity(megabytes * 1_000_000 + 1000)
            var step = 0
            while text.utf8.count < megabytes * 1_000_000 {
                text += shape.line(step)
                if step % 250 == 0 { text += shape.validation(step) }
                step += 1
            }
            let data = Data(text.utf8)
            let options = LogReadOptions(declared: shape.name == "a declared format" ? Self.declaredFormat : nil)
            guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: "train.log", bytes: data), options, whole: data) else {
                print("  \(shape.name): not recognised"); continue
            }
            var points = 0
            var times: [Double] = []
            for _ in 0..<repetitions {
                var diagnostics = Diagnostics()
                times.append(try seconds {
                    let metrics = try reader.read(data, path: "train.log", diagnostics: &diagnostics)
                    points = metrics[MetricTag.trainLoss].count
                })
            }
            report("  \(shape.name)", times, extra: String(format: "  %.0f MB/s, %d training points (%@)",
                                                         Double(data.count) / median(times) / 1e6, points, reader.formatName))
        }
    }
}
