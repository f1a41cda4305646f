import Foundation

/// `explore.html`: the cost-optimal configuration for a context length and a target loss,
/// computed in the browser (explore.js) from the fitted curves the build embeds.
enum ExplorePage {
    static let template = "explore.html"
    static let dataFile = "downloads/explorer.json"

    /// The page's data: the headline comparison's context and loss open the page when the
    /// claims declare one.
    static func data(_ build: BuildContext) -> ExplorerData {
        let comparison = FigureData.equalLossComparison(build)
        return ExplorerData(fits: build.curveFits, defaultContext: comparison?.context ?? FitStep.costContext, defaultLoss: comparison?.targetLoss, palette: build.palette)
    }

    static func context(_ data: ExplorerData, json: String) -> [String: Any] {
        SiteLayout.context(title: "Explore configurations", current: template, [
            // "<" escaped so no run name can close the <script> element or open a comment.
            "json": json.replacingOccurrences(of: "<", with: "\\u003c"),
            "dataFile": dataFile,
            "hasSources": !data.sources.isEmpty,
            "sources": data.sources.map { ["id": $0.id, "description": $0.description, "count": $0.curves.count] },
        ])
    }
}
