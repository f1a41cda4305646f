import Foundation
import XCTest

@testable import GQAReport

/// What `report recommend --json`, `check --json` and `inspect --json` print validates against
/// its JSON Schema under Results/schemas/, with Python's `jsonschema` (CI installs it).
final class JSONOutputTests: XCTestCase {
    /// The first Python that has `jsonschema`: the one on PATH, else Debian's own, where apt's
    /// `python3-jsonschema` goes (the README's test command) when PATH leads to another Python
    /// (pyenv, a virtual environment). nil: none has it, and the checks are skipped.
    static let python: String? = ["python3", "/usr/bin/python3"].first { python in
        (try? runTool([python, "-c", "import jsonschema"]))?.status == 0
    }

    /// validate.py's exit status (0 valid, 1 invalid) and what it printed, for `json` against
    /// `schema`; the test is skipped where no Python has jsonschema.
    private func validator(_ json: String, _ schema: String) throws -> (status: Int32, message: String) {
        guard let python = Self.python else { throw XCTSkip("Python's jsonschema is not installed (apt: python3-jsonschema)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/json-schema/validate.py").path,
                             Repository.root.appendingPathComponent("Results/schemas/\(schema)").path]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(json.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if process.terminationStatus == 3 { throw XCTSkip("Python's jsonschema is not installed: \(message)") }
        return (process.terminationStatus, message)
    }

    private func validate(_ json: String, against schema: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, message) = try validator(json, schema)
        XCTAssertEqual(status, 0, "\(schema): \(message)", file: file, line: line)
    }

    func testCommandOutputsValidateAgainstTheirSchemas() throws {
        let project = try TestProject()
        for folder in ["Results/digitized", "Results/paper"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder), to: project.root.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Results/claims.xml"),
                                         to: project.root.appendingPathComponent("Results/claims.xml"))
        let run = try project.addRun("a")
        let context = try project.build()

        try validate(try ClaimsReport.json(context.claims), against: "check.schema.json")
        for loss in [2.615, 1.0] {  // a reachable loss, and one no curve reaches (no winner)
            let recommendation = Recommendation.make(fits: context.fits, search: CostOptimalSearch(context: 131_072, targetLoss: loss))
            try validate(try recommendation.json(), against: "recommend.schema.json")
        }
        try validate(try FolderInspection.inspect(project.layout.runs, layout: project.layout).json(), against: "inspect.schema.json")
        // A Transformers Trainer sweep (unknown context and GPUs, checkpoints not read).
        let sweep = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/hf-trainer/sweep")
        try validate(try FolderInspection.inspect(sweep, layout: project.layout).json(), against: "inspect.schema.json")
        try validate(try FileInspection.inspect(run.appendingPathComponent("stdout.log"), layout: project.layout, json: true),
                     against: "inspect.schema.json")
        // Each shape of `inspect FILE` (one run, many runs, lm-eval with groups), on files the
        // tools wrote, where ../shared/real-formats is beside the repository.
        let corpus = Repository.realFormats
        // report fit: with errors, intervals, predictions (one extrapolated) and a hold-out;
        // an interpolation (notes instead of errors); a Chinchilla law on two inputs.
        var options = FitOptions()
        options.bootstrapSamples = 30
        options.chinchillaBootstrapSamples = 10
        let points = FitData(x: [1e7, 3e7, 1e8, 3e8, 1e9, 3e9], y: [3.62, 3.31, 3.06, 2.9, 2.77, 2.69])
        let sizeFit = try CurveFitter.fit(.sizeLaw, points, options: options)
        try validate(try FitReport(fit: sizeFit, inputNames: ["N"], predictions: [Prediction(sizeFit, x: 7e9), Prediction(sizeFit, x: 2e8)],
                                   holdout: try HoldoutCheck.run(.sizeLaw, points, largest: 2, options: options)).json(), against: "fit.schema.json")
        let three = FitData(x: [1, 4, 16], y: [3.0, 2.8, 2.7])
        try validate(try FitReport(fit: try CurveFitter.fit(.powerPlusConstant, three), inputNames: ["n_h"]).json(), against: "fit.schema.json")
        let sizes = [1e7, 1e8, 1e9], tokens = [2e8, 2e9, 2e10]
        let grid = sizes.flatMap { n in tokens.map { (n, $0) } }
        let chinchilla = FitData(x: grid.map(\.0), x2: grid.map(\.1), y: grid.map { 1.7 + 400 / pow($0.0, 0.34) + 410 / pow($0.1, 0.28) })
        options.chinchillaGrid = .init(e: [0, 0.5], a: [5, 10], alpha: [0.5], b: [5, 10], beta: [0.5])
        let chinchillaFit = try CurveFitter.fit(.chinchilla, chinchilla, options: options)
        try validate(try FitReport(fit: chinchillaFit, inputNames: ["N", "D"], predictions: [Prediction(chinchillaFit, x: 1e10, x2: 1e9)]).json(),
                     against: "fit.schema.json")
        for name in ["wandb/ui-chart-export_nanogpt_train-loss_wandb_export.csv", "wandb/wandb-summary_rl_2020.json",
                     "lm-eval/v04_mamba2-1.3b_results_2025-03-03.json", "tensorboard/run-.-tag-loss.csv",
                     "hf-configs/llama-3.2-3b_config.json", "hf-trainer/tinyllama-1.1b-dpo_trainer_state.json"]
        where FileTree.isRegularFile(corpus.appendingPathComponent(name)) {
            try validate(try FileInspection.inspect(corpus.appendingPathComponent(name), layout: project.layout, json: true), against: "inspect.schema.json")
        }
    }

    /// A schema that accepted anything would pass the test above: a wrong output must fail.
    func testTheSchemasRejectWrongOutput() throws {
        let bad = #"{"context": 131072, "targetLoss": 2.6, "objective": "z", "lambda": 0.9, "curveSource": "runs", "candidates": [{"label": "H = (8, 1)", "reachable": true, "n_head": "8"}], "savingsPercent": {}}"#
        XCTAssertEqual(try validator(bad, "recommend.schema.json").status, 1, "n_head given as a string must not validate")
    }
}
