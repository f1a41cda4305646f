import Foundation
import XCTest

@testable import GQAReport

/// The explorer page's data: the curves `report recommend` searches, embedded in the page as
/// they are offered for download. (The page's arithmetic is checked against `report recommend`
/// in Chromium by Tests/Browser/explorer_check.py, which CI runs.)
final class ExplorerPageTests: XCTestCase {
    private static let study: BuildContext? = {
        var context = BuildContext(layout: ProjectLayout(root: Repository.root))
        var options = FitOptions()
        options.bootstrapSamples = 0  // the search uses the fitted parameters only
        try? BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(options: options), ClaimsStep()]).run(&context)
        return context
    }()

    private func object(_ json: String) throws -> NSDictionary {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
    }

    func testEverySourceOffersTheCurvesRecommendSearches() throws {
        let fits = try XCTUnwrap(Self.study).fits
        let data = ExplorerData(fits: fits, defaultContext: 131_072, defaultLoss: nil)
        XCTAssertEqual(data.sources.map(\.id), ["digitized", "example-runs"], "this repository has digitized curves and example runs, no runs")
        for source in data.sources {
            let set = Recommendation.curveSet(fits: fits, source: source.id)
            XCTAssertEqual(source.curves.map(\.label), set.curves.map(\.label))
            XCTAssertEqual(source.curves.map(\.a), set.curves.map { $0.fit.parameter("a")! })
            XCTAssertEqual(source.curves.map(\.E), set.curves.map { $0.fit.parameter("E")! })
            XCTAssertEqual(source.baseline?.b, set.baseline?.fit.parameter("b"))
            // Figure 1's Llama-3 series for the digitized curves; the example runs have no Llama-3 rungs.
            XCTAssertEqual(source.baseline?.family, source.id == "digitized" ? "llama3" : nil)
        }
        // No loss given: the middle of the first curve's own losses, which that curve reaches.
        let first = try XCTUnwrap(Recommendation.curveSet(fits: fits, source: "digitized").curves.first)
        XCTAssertNotNil(first.size(reaching: data.defaults.loss))
    }

    func testThePageEmbedsTheDownloadAndOpensOnTheHeadlineComparison() throws {
        let site = Repository.root.appendingPathComponent("site")
        let html = try String(contentsOf: site.appendingPathComponent("explore.html"), encoding: .utf8)
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/json\" id=\"explorer-data\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let embedded = try object(String(html[start.upperBound..<end.lowerBound]))
        let download = try object(try String(contentsOf: site.appendingPathComponent("downloads/explorer.json"), encoding: .utf8))
        XCTAssertEqual(embedded, download)
        let defaults = try XCTUnwrap(embedded["defaults"] as? NSDictionary)
        XCTAssertEqual(defaults["context"] as? Int, 131_072)
        XCTAssertEqual(defaults["loss"] as? Double, 2.615, "claim C1's target loss")
        XCTAssertTrue(html.contains("<output id=\"winner\""))
    }

    func testNoTextInTheDataCanCloseTheScriptElement() throws {
        let project = try TestProject()
        try project.addRun("a")
        let data = ExplorePage.data(try project.build())
        let page = ExplorePage.context(data, json: try data.json() + "</script><!--")["json"] as? String
        XCTAssertEqual(page?.contains("<"), false)
    }
}
