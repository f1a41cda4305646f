import Foundation

/// `methods.html`: the formulas and conventions the report uses, the recipe, and where the
/// claims layer found the paper's numbers to depend on a convention or not to hold.
enum MethodsPage {
    static let template = "methods.html"

    /// `guides`: the Markdown guides that complete the page (`GuidePage`), as HTML.
    static func context(_ build: BuildContext, guides: (methods: String, reproducible: String)) -> [String: Any] {
        let options = build.options
        let differences = build.claims.filter { $0.verdict != .holds || $0.computed.readings.count > 0 }.map { claim -> [String: Any] in
            var entry = IndexPage.claimEntry(claim)
            entry["gaps"] = claim.computed.details.filter { $0.contains("gap") }
            return entry
        }
        return SiteLayout.context(title: "Methods and conventions", current: "methods.html", [
            "conventions": options.conventions.map { ["id": $0.id, "summary": $0.summary, "memoryUnit": $0.memoryUnit, "flopsUnit": $0.flopsUnit] },
            "parameterConvention": options.parameterConvention.rawValue,
            "lambda": NumberFormat.real(options.hardwareCost.lambda),
            "alpha": NumberFormat.real(options.hardwareCost.alpha),
            "beta": String(format: "%.4f", options.hardwareCost.beta),
            "zConvention": options.zConvention.id,
            "bytesPerValue": NumberFormat.real(options.bytesPerValue),
            "contexts": options.contexts.map { IndexPage.contextLabel($0) }.joined(separator: ", "),
            "differences": differences,
            "bootstrapSamples": build.fitOptions.bootstrapSamples,
            "seed": String(build.fitOptions.seed),
            "methodsGuide": guides.methods,
            "reproducibleGuide": guides.reproducible,
        ])
    }
}
