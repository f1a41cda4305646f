import Foundation

/// Renders the pages of `site/` from `Templates/`, copies the static assets, and puts every
/// table, its schema and a CSV of it under `site/downloads/`.
public struct SiteStep: BuildStep {
    public init() {}

    public var name: String { "render site" }

    public func run(_ context: inout BuildContext) throws {
        let templates = try TemplateSet(directory: context.layout.templates, layout: context.layout)
        let downloads = try self.downloads(context)
        for file in downloads { context.outputs.add(file.data, at: file.path, in: .site) }

        var pages: [(String, String, [String: Any])] = [
            ("index.html", IndexPage.template, IndexPage.context(context)),
            ("figures.html", "figures.html", FigurePage.index(context)),
            ("runs.html", RunsPage.template, RunsPage.context(context)),
            ("fits.html", FitsPage.template, FitsPage.context(context)),
            ("methods.html", MethodsPage.template, MethodsPage.context(context)),
            ("reproduction.html", ReproductionPage.template, ReproductionPage.context(context)),
            ("downloads.html", DownloadsPage.template, DownloadsPage.context(downloads)),
        ]
        for figure in context.figures {
            pages.append((FigurePage.fileName(figure), FigurePage.template, FigurePage.context(figure, context)))
        }
        for (file, template, page) in pages {
            context.outputs.add(try templates.render(template, page), at: file, in: .site)
        }
        for asset in templates.assets {
            context.outputs.add(asset.data, at: asset.path, in: .site)
        }
    }

    private func downloads(_ context: BuildContext) throws -> [(path: String, description: String, data: Data)] {
        var files: [(String, String, Data)] = []
        for table in context.outputs.paths(in: .tables) {
            let schema = table.replacingOccurrences(of: ".xml", with: ".xsd")
            files.append(("downloads/tables/\(table)", "XML table, validated against \(schema)", context.outputs.data(at: table, in: .tables)!))
            let schemaURL = context.layout.schemas.appendingPathComponent(schema)
            guard let data = FileManager.default.contents(atPath: schemaURL.path) else {
                throw ReportError(path: context.layout.relativePath(schemaURL), "cannot read the schema")
            }
            files.append(("downloads/schemas/\(schema)", "XSD schema of \(table)", data))
        }
        let csv: [(String, String)] = [
            ("runs.csv", CSVExport.runs(context.runs, context.costs)), ("costs.csv", CSVExport.costs(context.costs)),
            ("fits.csv", CSVExport.fits(context.fits)), ("claims.csv", CSVExport.claims(context.claims)),
        ] + context.figures.map { ("figure-\($0.name).csv", CSVExport.figure($0)) }
        for (name, text) in csv { files.append(("downloads/csv/\(name)", "CSV", Data(text.utf8))) }
        return files
    }
}
