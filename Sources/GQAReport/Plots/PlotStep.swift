import Foundation

/// Renders every figure of the study to `site/figures/NAME.svg`, `NAME.pdf` and `NAME.png` (2×), in a
/// fixed order so the output is the same on every build.
public struct PlotStep: BuildStep {
    public init() {}

    public var name: String { "render figures" }

    public func run(_ context: inout BuildContext) throws {
        // A run's marker says which run, its size and heads, whatever the axes are (a cost
        // panel's x is not N), and links to the run's entry.
        let links = RunsPage.links(context)
        var notes: [String: String] = [:]
        for (run, cost) in zip(context.runs, context.costs) {
            notes[run.name] = "N = \(NumberFormat.compact(cost.n)), H = \(run.model.heads), L = \(run.model.layers), d = \(run.model.hiddenSize)"
        }
        let figures = StudyFigures.all(context).map { figure in
            var linked = figure
            linked.pointLinks = links
            linked.pointNotes = notes
            return linked
        }
        context.figures = figures
        // Figures are independent (each its own Cairo surface): every file is its own task on
        // every core, so one heavy figure's SVG and PNG use both; added in the fixed order.
        let files = figures.flatMap { figure in [(figure, "svg"), (figure, "pdf"), (figure, "png")] }
        let rendered = try parallelMap(files) { figure, format in
            switch format {
            case "svg": return try CairoRenderer.svg(figure)
            case "pdf": return try CairoRenderer.pdf(figure)
            default: return try CairoRenderer.png(figure)
            }
        }
        for ((figure, format), data) in zip(files, rendered) {
            context.outputs.add(data, at: "figures/\(figure.name).\(format)", in: .site)
        }
    }
}
