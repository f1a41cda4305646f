/// Numbers published in the paper's tables (Results/paper/), to compare the report's own
/// results with. Nothing here is measured.
public struct PaperTables: Sendable {
    /// Table 4: the cost-optimal H for each target loss (rows) and context length (columns).
    public var table4Losses: [Double] = []
    public var table4Contexts: [Int] = []
    public var table4: [[HeadConfiguration]] = []
    /// Tables 9 and 7: the predefined shapes the recipe interpolates between.
    public var shapeAnchors: [(label: String, size: Double, layers: Int, hidden: Int)] = []
    /// Appendix I: published fits L = a·n_h^b + c.
    public var appendixIFits: [(label: String, model: String, context: Int, a: Double, b: Double, c: Double)] = []
    public var files: [InputFile] = []

    /// The recipe's shape rule (App. B.1): d/L interpolated between the predefined shapes.
    public var recipeShapeRule: ShapeRule? {
        guard !shapeAnchors.isEmpty else { return nil }
        return ShapeRule(name: "d/L interpolated between Tables 9 and 7",
                         anchors: shapeAnchors.map { .init(size: $0.size, aspectRatio: Double($0.hidden) / Double($0.layers)) })
    }
}
