import Foundation

/// Renders the pages of `site/` from `Templates/` (the guides from their Markdown), copies the
/// static assets, and puts every table and its schema, CSVs of the runs, costs, fits, claims and
/// each figure's data, and the publication files under `site/downloads/`.
public struct SiteStep: BuildStep {
    public init() {}

    public var name: String { "render site" }

    public func run(_ context: inout BuildContext) throws {
        let templates = try TemplateSet(directory: context.layout.templates, layout: context.layout)
        let explorer = ExplorePage.data(context)
        let explorerJSON = try explorer.json()
        let downloads = try self.downloads(context, explorerJSON: explorerJSON)
        for file in downloads { context.outputs.add(file.data, at: file.path, in: .site) }
        // The figures' PDFs are written by the plot step; the downloads page lists them too.
        let listed = downloads + context.figures.flatMap { figure in
            PlotStep.formats.compactMap { file in
                let path = PlotStep.path(figure, file)
                return file.listed.flatMap { what in
                    context.outputs.data(at: path, in: .site).map { (path, "Figure \"\(figure.title)\" \(what), fonts embedded, for LaTeX", $0) }
                }
            }
        }

        let c = context
        let methodsGuides = (methods: try GuidePage.html("methods", templates: templates),
                             reproducible: try GuidePage.html("reproducible", templates: templates))
        var pages: [(file: String, template: String, values: () -> [String: Any])] = [
            ("index.html", IndexPage.template, { IndexPage.context(c) }),
            ("explore.html", ExplorePage.template, { ExplorePage.context(explorer, json: explorerJSON) }),
            ("figures.html", "figures.html", { FigurePage.index(c) }),
            ("runs.html", RunsPage.template, { RunsPage.context(c) }),
            ("fits.html", FitsPage.template, { FitsPage.context(c) }),
            ("methods.html", MethodsPage.template, { MethodsPage.context(c, guides: methodsGuides) }),
            ("reproduction.html", ReproductionPage.template, { ReproductionPage.context(c) }),
            ("downloads.html", DownloadsPage.template, { DownloadsPage.context(listed) }),
        ]
        for guide in GuidePage.pages {
            let values = try GuidePage.context(guide, templates: templates)
            pages.append((GuidePage.fileName(guide.name), GuidePage.template, { values }))
        }
        for figure in context.figures {
            pages.append((FigurePage.fileName(figure), FigurePage.template, { FigurePage.context(figure, c) }))
        }
        // Pages are independent: render them on every core, add them in order.
        let rendered = try parallelMap(pages) { try templates.render($0.template, $0.values()) }
        for (page, html) in zip(pages, rendered) {
            context.outputs.add(html, at: page.file, in: .site)
        }
        for asset in templates.assets {
            context.outputs.add(asset.data, at: asset.path, in: .site)
        }
    }

    private func downloads(_ context: BuildContext, explorerJSON: String) throws -> [(path: String, description: String, data: Data)] {
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
        let c = context
        let csv: [(name: String, text: () -> String)] = [
            ("runs.csv", { CSVExport.runs(c.runs, c.costs) }), ("costs.csv", { CSVExport.costs(c.costs) }),
            ("fits.csv", { CSVExport.fits(c.fits) }), ("claims.csv", { CSVExport.claims(c.claims) }),
        ] + context.figures.map { figure in ("figure-\(figure.name).csv", { CSVExport.figure(figure) }) }
        let texts = try parallelMap(csv) { $0.text() }
        for (file, text) in zip(csv, texts) { files.append(("downloads/csv/\(file.name)", "CSV", Data(text.utf8))) }
        files.append((ExplorePage.dataFile, "The fitted L(N; H) curves and constants explore.html computes from (JSON)", Data((explorerJSON + "\n").utf8)))
        files.append(("downloads/\(LaTeXNumbers.fileName)", "Every claim's computed value, paper value and verdict, and the headline numbers, as LaTeX macros (\\input{numbers.tex})",
                      Data(try LaTeXNumbers.tex(context.claims).utf8)))
        if let citation = try CitationFile.read(context.layout) {
            files.append(("downloads/CITATION.cff", "How to cite the study and this artifact (Citation File Format 1.2.0, from \(CitationFile.path))", citation))
        }
        return files
    }
}
