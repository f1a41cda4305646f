import ArgumentParser
import Foundation
import GQAReport

/// `report-benchmarks figures`: the seven figures of generated sweeps of 7, 40, 200 and 1,000
/// runs (TensorBoard event files with training and validation loss, the paper's seven head
/// configurations on the d = 128·L ladder; benchmark input, not study data): each figure's
/// SVG, PDF and PNG render time and its largest legend. `--keep DIR` writes the PNGs there, to
/// look at.
struct FiguresBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Time each figure of generated 7- to 1,000-run sweeps and count their legend entries.")

    @Option(help: "Sweep sizes, comma-separated.")
    var runs = "7,40,200,1000"

    @Option(help: "Steps logged per run.")
    var steps = 2000

    @Option(help: ArgumentHelp("Write each sweep's PNG figures under this folder.", valueName: "dir"))
    var keep: String?

    func run() throws {
        for count in runs.split(separator: ",").compactMap({ Int($0) }) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-report-figures-\(getpid())-\(count)")
            defer { try? FileManager.default.removeItem(at: root) }
            let files = FileManager.default
            try files.createDirectory(at: root.appendingPathComponent("Results"), withIntermediateDirectories: true)
            try files.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
            try files.copyItem(at: repositoryRoot.appendingPathComponent("Results/schemas"), to: root.appendingPathComponent("Results/schemas"))
            _ = try SweepGenerator(runs: count, steps: steps, logEvery: 10).write(into: root.appendingPathComponent("Results/runs"))
            var context = BuildContext(layout: ProjectLayout(root: root))
            try BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(), ClaimsStep(), ReproductionStep(), PlotStep()]).run(&context)
            say("\(count) runs:")
            for figure in context.figures {
                var png = Data()
                let svg = seconds { _ = try? CairoRenderer.svg(figure) }
                let pdf = seconds { _ = try? CairoRenderer.pdf(figure) }
                let pngTime = seconds { png = (try? CairoRenderer.png(figure)) ?? Data() }
                let legend = figure.panels.map(\.legend.count).max() ?? 0
                say(String(format: "  %-22@ SVG %6.1f ms  PDF %6.1f ms  PNG %6.1f ms  largest legend %d entries, %d panels",
                           figure.name as NSString, svg * 1000, pdf * 1000, pngTime * 1000, legend, figure.panels.count))
                if let keep {
                    let folder = URL(fileURLWithPath: keep).appendingPathComponent("\(count)-runs")
                    try files.createDirectory(at: folder, withIntermediateDirectories: true)
                    try png.write(to: folder.appendingPathComponent("\(figure.name).png"))
                }
            }
        }
    }
}
