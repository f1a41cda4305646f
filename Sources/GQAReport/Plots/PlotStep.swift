/// Renders every figure of the study to `site/figures/NAME.svg` and `NAME.png` (2×), in a
/// fixed order so the output is the same on every build.
public struct PlotStep: BuildStep {
    public init() {}

    public var name: String { "render figures" }

    public func run(_ context: inout BuildContext) throws {
        context.figures = StudyFigures.all(context)
        for figure in context.figures {
            context.outputs.add(try CairoRenderer.svg(figure), at: "figures/\(figure.name).svg", in: .site)
            context.outputs.add(try CairoRenderer.png(figure), at: "figures/\(figure.name).png", in: .site)
        }
    }
}
