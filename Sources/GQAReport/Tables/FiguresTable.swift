import Foundation

/// One figure of the artifact: what it shows (`FigureContent`), the renderer its files were
/// drawn with, and those files.
public struct FigureRecord: Sendable, Equatable {
    public var name: String
    public var content: String
    public var renderer: RendererFingerprint
    /// `figures/NAME.svg`, `.pdf` and `.png`, paths relative to `site/`.
    public var files: [InputFile]
}

/// `Results/tables/figures.xml`: the figures' manifest. A build reads the committed one to
/// keep the files of a figure whose content is unchanged but which this machine would draw
/// with other bytes (`PlotStep`), and `report check` names the figures whose content changed.
public enum FiguresTable {
    public static let fileName = "figures.xml"
    public static let schemaName = "figures.xsd"

    public static func xml(_ records: [FigureRecord]) -> String {
        var x = XMLBuilder()
        x.open("figures", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
            "count": NumberFormat.integer(records.count),
        ])
        for record in records {
            x.open("figure", ["name": record.name, "content-sha256": record.content])
            x.open("renderer")
            for library in record.renderer.libraries { x.empty("library", ["name": library.name, "version": library.version]) }
            for font in record.renderer.fonts { x.empty("font", ["file": font.file, "sha256": font.sha256]) }
            x.close()
            for file in record.files { x.empty("file", ["path": file.path, "sha256": file.sha256, "bytes": String(file.bytes)]) }
            x.close()
        }
        x.close()
        return x.document
    }

    /// The committed manifest, by figure name; empty when there is none. A manifest that cannot
    /// be read is no reason to stop a build (every figure is then drawn here), so its problem is
    /// returned to be shown as a warning.
    public static func committed(_ layout: ProjectLayout) -> (records: [String: FigureRecord], problem: String?) {
        let url = layout.tables.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return ([:], nil) }
        do {
            let root = try XMLTree.read(data, path: layout.relativePath(url), schema: layout.schemas.appendingPathComponent(schemaName))
            var records: [String: FigureRecord] = [:]
            for node in root.children(named: "figure") {
                let renderer = node.child(named: "renderer")!
                let fingerprint = RendererFingerprint(
                    libraries: renderer.children(named: "library").map { ($0["name"]!, $0["version"]!) },
                    fonts: renderer.children(named: "font").map { ($0["file"]!, $0["sha256"]!) })
                let files = node.children(named: "file").map { InputFile(path: $0["path"]!, sha256: $0["sha256"]!, bytes: Int($0["bytes"]!)!) }
                records[node["name"]!] = FigureRecord(name: node["name"]!, content: node["content-sha256"]!, renderer: fingerprint, files: files)
            }
            return (records, nil)
        } catch {
            return ([:], "\(ReportError.describing(error)); every figure is drawn here and compared by its bytes")
        }
    }
}
