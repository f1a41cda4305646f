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

        // A figure whose content equals the committed one's, committed from another renderer,
        // keeps its committed files: this machine would draw the same figure with other bytes
        // (another Cairo, zlib or DejaVu), and the artifact must not change when nothing it
        // shows did. Every other figure is drawn here.
        let committed = FiguresTable.committed(context.layout)
        if let problem = committed.problem { context.diagnostics.warn(problem) }
        context.committedFigures = committed.records
        let local = RendererFingerprint.local
        let contents = try parallelMap(figures) { FigureContent.digest($0) }
        var kept: [Int: (record: FigureRecord, files: [Data])] = [:]
        for (index, figure) in figures.enumerated() {
            guard let record = committed.records[figure.name], record.content == contents[index], record.renderer != local,
                  let files = committedFiles(of: record, figure: figure, layout: context.layout) else { continue }
            kept[index] = (record, files)
        }
        // The first kept figure's renderer, in the figures' order (a dictionary's is not fixed).
        if let first = kept.keys.min().map({ kept[$0]!.record.renderer }) {
            let (here, there) = local.differences(from: first)
            context.diagnostics.note("drawn here with \(here.joined(separator: ", ")), in the artifact with \(there.joined(separator: ", ")): "
                + "\(kept.count) figure(s) compared by content, equal, and kept as committed")
        }

        // Figures are independent (each its own Cairo surface): every file is its own task on
        // every core, so one heavy figure's SVG and PNG use both; added in the fixed order.
        let drawn = figures.indices.filter { kept[$0] == nil }
        let files = drawn.flatMap { index in Self.formats.map { (figures[index], $0) } }
        let rendered = try parallelMap(files) { figure, file in
            let laidOut = figure.laidOut(file.layout)
            switch file.kind {
            case .svg: return try CairoRenderer.svg(laidOut)
            case let .pdf(width): return try CairoRenderer.pdf(laidOut, pageWidth: width)
            case .png: return try CairoRenderer.png(laidOut)
            }
        }
        var drawnFiles: [Int: [Data]] = [:]
        for (offset, index) in drawn.enumerated() {
            drawnFiles[index] = Array(rendered[offset * Self.formats.count..<(offset + 1) * Self.formats.count])
        }
        for (index, figure) in figures.enumerated() {
            let data = kept[index]?.files ?? drawnFiles[index]!
            for (format, bytes) in zip(Self.formats, data) {
                context.outputs.add(bytes, at: Self.path(figure, format), in: .site)
            }
            context.figureRecords.append(kept[index]?.record ?? FigureRecord(
                name: figure.name, content: contents[index], renderer: local,
                files: zip(Self.formats, data).map { InputFile(path: Self.path(figure, $0), data: $1) }))
        }
    }

    /// One file a figure is drawn to: its layout, its kind and the end of its name.
    struct FigureFile: Sendable {
        enum Kind: Sendable {
            case svg, png
            /// A PDF whose page is this many points wide (nil: the figure's own size).
            case pdf(pageWidth: Double?)
        }
        var suffix: String
        var layout: Figure.Layout
        var kind: Kind
        /// How the downloads page lists it, after the figure's title (nil: it does not).
        var listed: String? = nil
    }

    /// Every file of a figure, in a fixed order: the desktop SVG, PDF and PNG as before; the
    /// phone's SVG (pages choose it at widths up to 600 px); PDFs for a paper's one column
    /// (3.5 in, the phone layout) and two columns (7 in, two panels a row), text ≥ 7 pt in both.
    static let formats: [FigureFile] = [
        FigureFile(suffix: ".svg", layout: .desktop, kind: .svg),
        FigureFile(suffix: ".pdf", layout: .desktop, kind: .pdf(pageWidth: nil), listed: "as vector PDF as designed"),
        FigureFile(suffix: ".png", layout: .desktop, kind: .png),
        FigureFile(suffix: "-phone.svg", layout: .phone, kind: .svg),
        FigureFile(suffix: "-3.5in.pdf", layout: .phone, kind: .pdf(pageWidth: 3.5 * 72), listed: "as vector PDF one paper column wide (3.5 in)"),
        FigureFile(suffix: "-7in.pdf", layout: .twoColumns, kind: .pdf(pageWidth: 7 * 72), listed: "as vector PDF two paper columns wide (7 in)"),
    ]

    static func path(_ figure: Figure, _ file: FigureFile) -> String { "figures/\(figure.name)\(file.suffix)" }

    /// The path of the figure's file of this suffix (".svg", "-phone.svg", …).
    static func path(_ figure: Figure, _ suffix: String) -> String { "figures/\(figure.name)\(suffix)" }

    /// The committed files of `record`, in `formats` order, when each is on disk with the
    /// digest the manifest lists; nil otherwise (the figure is then drawn here).
    private func committedFiles(of record: FigureRecord, figure: Figure, layout: ProjectLayout) -> [Data]? {
        var files: [Data] = []
        for format in Self.formats {
            let path = Self.path(figure, format)
            guard let listed = record.files.first(where: { $0.path == path }),
                  let data = FileManager.default.contents(atPath: layout.site.appendingPathComponent(path).path),
                  data.count == listed.bytes, FileDigest.sha256Hex(data) == listed.sha256 else { return nil }
            files.append(data)
        }
        return files
    }
}
