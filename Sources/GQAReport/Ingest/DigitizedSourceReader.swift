import Foundation

/// Reads `Results/digitized/sources.xml` and the CSV files it describes.
public struct DigitizedSourceReader: Sendable {
    public static let manifestName = "sources.xml"
    public static let schemaName = "sources.xsd"
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    public var folder: URL { layout.results.appendingPathComponent("digitized", isDirectory: true) }

    /// The sources, or none when the project has no `Results/digitized/sources.xml`.
    public func readAll() throws -> (sources: [DigitizedSource], manifest: InputFile?) {
        let manifestURL = folder.appendingPathComponent(Self.manifestName)
        guard FileTree.isRegularFile(manifestURL) else { return ([], nil) }
        let (data, manifest) = try layout.read(manifestURL)
        let root = try XMLTree.read(data, path: manifest.path, schema: layout.schemas.appendingPathComponent(Self.schemaName))
        return (try root.children(named: "source").map { try readSource($0, manifest: manifest.path) }, manifest)
    }

    private struct SeriesSpec {
        var name: String, label: String?, queryHeads: Int?, queryHeadsPerHidden: Int?, kvHeads: Int
        var firstLayers: Int?, role: String?, lossPrecision: Double?
    }

    private func readSource(_ node: XMLTree, manifest: String) throws -> DigitizedSource {
        let id = node["id"]!
        let fileName = node["file"]!
        guard !fileName.contains("/"), !fileName.hasPrefix(".") else {
            throw ReportError(path: manifest, line: node.line, "source \(id): file must name a file beside the manifest")
        }
        let (data, file) = try layout.read(folder.appendingPathComponent(fileName))
        let aspect = Int(node["aspectRatio"]!)!, step = Int(node["layersStep"]!)!
        var lossPrecision: [String: Double] = [:], costPrecision: [String: Double] = [:]
        for p in node.children(named: "precision") {
            if p["quantity"] == "loss", let value = p["absolute"].flatMap(Double.init) { lossPrecision[p["confidence"]!] = value }
            if p["quantity"] == "cost", let value = p["relative"].flatMap(Double.init) { costPrecision[p["confidence"]!] = value }
        }
        let specs = node.children(named: "series").map { s in
            SeriesSpec(name: s["name"]!, label: s["label"], queryHeads: s["queryHeads"].flatMap { Int($0) },
                       queryHeadsPerHidden: s["queryHeadsPerHidden"].flatMap { Int($0) }, kvHeads: Int(s["kvHeads"]!)!,
                       firstLayers: s["firstLayers"].flatMap { Int($0) }, role: s["role"],
                       lossPrecision: s["lossPrecision"].flatMap(Double.init))
        }
        let rows = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: file.path)
        guard let header = rows.first else { throw ReportError(path: file.path, "empty file") }
        func column(_ name: String) throws -> Int { try CSVTable.column(name, in: header, path: file.path) }
        func number(_ row: CSVTable.Row, _ index: Int, _ name: String) throws -> Double {
            guard index < row.cells.count, let value = Double(row.cells[index]), value.isFinite else {
                throw ReportError(path: file.path, line: row.line, "column '\(name)' is not a finite number")
            }
            return value
        }
        func whole(_ row: CSVTable.Row, _ index: Int, _ name: String) throws -> Int {
            guard let value = WholeNumber.exact(try number(row, index, name)), value >= 0 else {
                throw ReportError(path: file.path, line: row.line, "column '\(name)' is not a whole number")
            }
            return value
        }
        let hasHeadColumns = header.cells.contains("series_nh")
        let lossColumn = try column("loss")
        let memoryColumn = try header.cells.contains("memory_bytes") ? column("memory_bytes") : column("memory_gb")
        let flopsColumn = try column("flops")
        let zColumn = header.cells.firstIndex(of: "z")
        let confidenceColumn = header.cells.firstIndex(of: "confidence")

        var points: [DigitizedPoint] = []
        var positions: [String: Int] = [:]
        for row in rows.dropFirst() {
            let spec: SeriesSpec
            let index: Int
            if hasHeadColumns {
                let nh = try whole(row, try column("series_nh"), "series_nh")
                let nkv = try whole(row, try column("series_nkv"), "series_nkv")
                guard let match = specs.first(where: { $0.queryHeads == nh && $0.kvHeads == nkv }) else {
                    throw ReportError(path: file.path, line: row.line, "no series for H = (\(nh), \(nkv)) in \(manifest)")
                }
                spec = match
                index = try whole(row, try column("point_index"), "point_index")
            } else {
                let label = row.cells[try column("series")]
                guard let match = specs.first(where: { ($0.label ?? $0.name) == label }) else {
                    throw ReportError(path: file.path, line: row.line, "no series labelled '\(label)' in \(manifest)")
                }
                spec = match
                index = positions[spec.name, default: 0]
            }
            positions[spec.name] = index + 1
            let confidence = confidenceColumn.map { row.cells[$0] } ?? "any"
            var model: ModelConfig?
            var heads = HeadConfiguration(queryHeads: spec.queryHeads ?? 0, kvHeads: spec.kvHeads)
            if let first = spec.firstLayers {
                let layers = first + step * index, hidden = aspect * layers
                let nh = spec.queryHeads ?? hidden / spec.queryHeadsPerHidden!
                heads = HeadConfiguration(queryHeads: nh, kvHeads: spec.kvHeads)
                model = ModelConfig(layers: layers, hiddenSize: hidden, queryHeads: nh, kvHeads: spec.kvHeads)
            }
            points.append(DigitizedPoint(
                series: spec.name, index: index, model: model, heads: heads,
                loss: try number(row, lossColumn, "loss"),
                lossPrecision: spec.lossPrecision ?? lossPrecision[confidence] ?? lossPrecision["any"] ?? 0,
                memory: try number(row, memoryColumn, header.cells[memoryColumn]),
                flops: try number(row, flopsColumn, "flops"),
                z: try zColumn.map { try number(row, $0, "z") },
                costPrecision: costPrecision[confidence] ?? costPrecision["any"] ?? 0,
                confidence: confidence, role: spec.role))
        }
        return DigitizedSource(
            id: id, origin: node["origin"]!, file: file, context: Int(node["context"]!)!,
            costConvention: node["costConvention"]!, series: specs.map(\.name), points: points)
    }
}
