import Foundation
import GQAReport

/// Runs python/python_stack.py on the sweep's files and prints its figures beside report's,
/// with the ratios (Python time / report time).
struct PythonComparison {
    var python: String
    var root: URL
    var files: [URL]
    var swiftFull: Double

    private var script: String {
        repositoryRoot.appendingPathComponent("Sources/Benchmarks/python/python_stack.py").path
    }

    func run(context ingested: BuildContext) throws {
        // Ingestion: the same files, report's reader on one core.
        let swift = try readEventFiles(files)
        let (python, pythonPeak) = try call(["ingest"] + files.map(\.path))
        let size = megabytes(swift.bytes) as NSString
        say(String(format: "on %d runs (%@): report reader %.3f s (%.0f MB/s, one core)", files.count, size, swift.seconds,
                     Double(swift.bytes) / swift.seconds / 1e6))
        for (tool, key) in [("tbparse", "tbparse"), ("TensorBoard EventFileLoader", "tensorboard")] {
            let time = python["\(key)_seconds"] as! Double
            say(String(format: "  %@: %.2f s (%.1f MB/s, %d records; report read %d): report is %.1fx faster",
                         tool as NSString, time, Double(swift.bytes) / time / 1e6, python["\(key)_records"] as! Int, swift.records, time / swift.seconds))
        }
        say("  peak memory of the Python process reading them: \(megabytes(pythonPeak))")

        // Fitting and drawing: report's fit and plot steps against scipy and matplotlib on the
        // curves and plotted data of the sweep's build.
        var context = ingested
        try CostStep().run(&context)
        let fitTime = try seconds { try FitStep().run(&context) }
        try ClaimsStep().run(&context)
        try ReproductionStep().run(&context)
        let plotTime = try seconds { try PlotStep().run(&context) }
        let figuresJSON = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-report-figures-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: figuresJSON) }
        try FigureExport.json(context.figures).write(to: figuresJSON)
        let (stack, _) = try call(["fit-draw", root.appendingPathComponent("Results/tables/fits.xml").path, figuresJSON.path])
        let pythonFit = stack["fit_seconds"] as! Double, pythonDraw = stack["draw_seconds"] as! Double
        say(String(format: "fits: report %.2f s (all cores), scipy curve_fit %.2f s (%d curves, %d refits + %d failed): report is %.1fx faster",
                     fitTime, pythonFit, stack["curves"] as! Int, stack["refits"] as! Int, stack["refit_failures"] as! Int, pythonFit / fitTime))
        say(String(format: "figures: report %.2f s (%d figures, SVG + PNG), matplotlib %.2f s (%d figures): report is %.1fx faster",
                     plotTime, context.figures.count, pythonDraw, stack["figures"] as! Int, pythonDraw / plotTime))
    }

    /// The script's JSON line and the process's peak memory.
    private func call(_ arguments: [String]) throws -> ([String: Any], Int) {
        let run = try ChildRun.run(python, [script] + arguments)
        guard run.status == 0, let line = run.output.split(separator: "\n").last,
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw BenchmarkError("\(python) \(script) \(arguments.first ?? "") failed (\(run.status)):\n\(run.output)") }
        return (object, run.peakBytes)
    }
}
