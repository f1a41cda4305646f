import Foundation

/// Renders every figure of the study to `site/figures/NAME.svg` and `NAME.png` (2×), in a
/// fixed order so the output is the same on every build.
public struct PlotStep: BuildStep {
    public init() {}

    public var name: String { "render figures" }

    public func run(_ context: inout BuildContext) throws {
        let figures = StudyFigures.all(context)
        context.figures = figures
        // Figures are independent (each its own Cairo surface): render them on every core,
        // then add them in the fixed order.
        var rendered = [Result<(svg: Data, png: Data), Error>?](repeating: nil, count: figures.count)
        rendered.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: figures.count) { index in
                slots[index] = Result { (try CairoRenderer.svg(figures[index]), try CairoRenderer.png(figures[index])) }
            }
        }
        for (figure, result) in zip(figures, rendered) {
            let files = try result!.get()
            context.outputs.add(files.svg, at: "figures/\(figure.name).svg", in: .site)
            context.outputs.add(files.png, at: "figures/\(figure.name).png", in: .site)
        }
    }
}
