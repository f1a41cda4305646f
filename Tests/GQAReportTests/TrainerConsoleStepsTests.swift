import Foundation
import XCTest

@testable import GQAReport

/// A Transformers Trainer console prints no step: its entries are placed at optimiser steps
/// from their epochs and the progress bar's total (`TrainerConsoleSteps`). The real consoles
/// are the two offline W&B runs of `../shared/real-formats/batch6/wandb/minecraftgpt-offline`:
/// one has its `.wandb`, whose history holds the true steps to compare every point with.
final class TrainerConsoleStepsTests: XCTestCase {
    private let runs = "batch6/wandb/minecraftgpt-offline/wandb"

    private func readConsole(_ url: URL, diagnostics: inout Diagnostics) throws -> MetricSet {
        let data = try Data(contentsOf: url)
        guard case let .metrics(reader) = MetricLogFormats.detect(FileHead(name: url.lastPathComponent, bytes: data), whole: data) else {
            XCTFail("\(url.path) not recognised"); return MetricSet()
        }
        XCTAssertEqual(reader.formatName, TrainerConsoleReader().formatName)
        return try reader.read(data, path: url.path, diagnostics: &diagnostics)
    }

    /// Every point of the console lands on the step the run's own .wandb history gives it.
    func testConsoleStepsEqualTheWandbHistorys() throws {
        let folder = try Repository.requireRealFormats("\(runs)/offline-run-20231227_121300-uy4t7tl6")
        var diagnostics = Diagnostics()
        let console = try readConsole(folder.appendingPathComponent("files/output.log"), diagnostics: &diagnostics)
        let wandbData = try Data(contentsOf: folder.appendingPathComponent("run-uy4t7tl6.wandb"))
        var ignored = Diagnostics()
        let history = try WandbTransactionLogReader().read(wandbData, path: "run-uy4t7tl6.wandb", diagnostics: &ignored)
        for tag in [MetricTag.trainLoss, "eval/loss", "train/learning_rate"] {
            XCTAssertEqual(console[tag].count, history[tag].count, tag)
            XCTAssertEqual(console[tag].map(\.step), history[tag].map(\.step), tag)
            for (mine, theirs) in zip(console[tag], history[tag]) {
                XCTAssertEqual(mine.value, theirs.value, accuracy: 1e-9 * max(1, abs(theirs.value)), "\(tag) at \(mine.step)")
            }
        }
        XCTAssertEqual(console[MetricTag.trainLoss].first?.step, 500)
        XCTAssertEqual(console[MetricTag.trainLoss].last, MetricPoint(step: 12000, value: 1.587))
        XCTAssertEqual(console["eval/loss"].first?.step, 607)
        XCTAssertEqual(console["eval/loss"].last?.step, 12140)
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("finished at 12140 steps") && $0.contains("multiple of 500") }, "\(diagnostics.notes)")
    }

    /// The console of the run whose .wandb is missing opens with its first dict; one of its 90
    /// logging steps lost its line to the progress bar, which leaves a gap, not a shift.
    func testConsoleThatOpensWithItsFirstDictWithALostEntry() throws {
        let folder = try Repository.requireRealFormats("\(runs)/offline-run-20231224_223852-nvnfqhi4")
        var diagnostics = Diagnostics()
        let console = try readConsole(folder.appendingPathComponent("files/output.log"), diagnostics: &diagnostics)
        let training = console[MetricTag.trainLoss]
        XCTAssertEqual(training.count, 89)
        XCTAssertEqual(training.first, MetricPoint(step: 500, value: 5.1123))
        XCTAssertEqual(training.last, MetricPoint(step: 45000, value: 1.0891))
        XCTAssertTrue(training.allSatisfy { $0.step % 500 == 0 })
        XCTAssertEqual(Set(stride(from: 500, through: 45000, by: 500)).subtracting(training.map(\.step)).count, 1)
        XCTAssertEqual(console["eval/loss"].map(\.step), Array(stride(from: 2250, through: 45000, by: 2250)))
        XCTAssertEqual(console["eval/loss"].last?.value ?? 0, 5.168237209320068, accuracy: 1e-12)
        XCTAssertTrue(diagnostics.notes.contains { $0.contains("1 logging step(s) have no entry") }, "\(diagnostics.notes)")
    }

    /// The run folder without its .wandb is read from its console, and says so; with its
    /// console emptied it is a run left out for a missing file, which `--strict` stops on.
    func testWandbRunWithoutItsHistoryIsReadFromItsConsole() throws {
        let source = try Repository.requireRealFormats("\(runs)/offline-run-20231224_223852-nvnfqhi4")
        let project = try TestProject()
        let folder = project.root.appendingPathComponent("wandb/offline-run-20231224_223852-nvnfqhi4", isDirectory: true)
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: folder)
        let inspection = try FolderInspection.inspect(folder.deletingLastPathComponent(), layout: project.layout)
        let run = try XCTUnwrap(inspection.runs.first)
        XCTAssertEqual(run.finalLoss.step, 45000)
        XCTAssertTrue(run.logs.contains { $0.path.hasSuffix("output.log") && $0.evidence.contains("its .wandb (where W&B keeps the history) is not here") }, "\(run.logs)")

        try "loading the model\n".write(to: folder.appendingPathComponent("files/output.log"), atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.runRoots = [folder.deletingLastPathComponent()]
        options.strict = true
        XCTAssertThrowsError(try BuildPipeline.standard.build(layout: project.layout, options: options)) { error in
            XCTAssertTrue("\(error)".contains("its .wandb, where W&B keeps the run's history, is not here"), "\(error)")
        }
    }

    func testPlacementRules() {
        typealias Entry = TrainerConsoleSteps.Entry
        // Every 100 steps over 1000 steps of 4 epochs (250 a epoch), epochs printed to 2 decimals.
        let entries: [Entry?] = (1...10).map { Entry(epoch: (Double($0 * 100) / 250 * 100).rounded() / 100, decimals: 2, isTraining: true) }
        let placed = TrainerConsoleSteps.place(entries, finishedBarTotal: 1000)
        XCTAssertEqual(placed?.steps, Array(stride(from: 100, through: 1000, by: 100)))
        XCTAssertEqual(placed?.loggingInterval, 100)
        XCTAssertNil(TrainerConsoleSteps.place(entries, finishedBarTotal: nil), "no finished bar: no steps")
        XCTAssertNil(TrainerConsoleSteps.place(entries + [nil], finishedBarTotal: 1000), "an entry without its epoch: no steps")
        // Two entries fit many intervals: each step is its epoch's estimate, said to be one.
        let short = TrainerConsoleSteps.place([Entry(epoch: 0.5, decimals: 1, isTraining: true), Entry(epoch: 1.0, decimals: 1, isTraining: true)],
                                              finishedBarTotal: 1000)
        XCTAssertNil(short?.loggingInterval)
        XCTAssertEqual(short?.steps, [500, 1000])
        XCTAssertEqual(short?.tolerance ?? 0, 50, accuracy: 1e-9)
    }

    func testProgressBarCount() {
        func parse(_ text: String) -> (Int, Int)? {
            Array(text.utf8).withUnsafeBufferPointer { ProgressBarCount.parse($0).map { ($0.count, $0.total) } }
        }
        XCTAssertTrue(parse(" 22%|██▏       | 9740/45000 [54:21<3:10:32,  3.08it/s]") ?? (0, 0) == (9740, 45000))
        XCTAssertTrue(parse("100%|██████████| 45000/45000 [4:11:53<00:00,  2.98it/s]") ?? (0, 0) == (45000, 45000))
        XCTAssertNil(parse("| step 10/20 | loss 3.2"))
    }
}
