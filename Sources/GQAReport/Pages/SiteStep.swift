/// Renders the pages of `site/` from `Templates/` and copies the static assets.
public struct SiteStep: BuildStep {
    public init() {}

    public var name: String { "render site" }

    public func run(_ context: inout BuildContext) throws {
        let templates = try TemplateSet(directory: context.layout.templates, layout: context.layout)
        let index = try templates.render(IndexPage.template, IndexPage.context(context))
        context.outputs.add(index, at: "index.html", in: .site)
        for asset in templates.assets {
            context.outputs.add(asset.data, at: asset.path, in: .site)
        }
    }
}
