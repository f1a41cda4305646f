import Foundation

/// Reads `Results/claims.xml`, validated against `Results/schemas/claim-declarations.xsd`.
public struct ClaimsFileReader: Sendable {
    public static let fileName = "claims.xml"
    public static let schemaName = "claim-declarations.xsd"
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    public var url: URL { layout.results.appendingPathComponent(Self.fileName) }

    /// The declarations and the file's identity; none when the project has no claims file.
    public func read() throws -> (claims: [ClaimDeclaration], file: InputFile?) {
        guard FileTree.isRegularFile(url) else { return ([], nil) }
        let (data, file) = try layout.read(url)
        return (try Self.parse(data, path: file.path, schema: layout.schemas.appendingPathComponent(Self.schemaName)), file)
    }

    /// The declarations in `data`, validated against `schema`.
    static func parse(_ data: Data, path: String, schema: URL) throws -> [ClaimDeclaration] {
        let root = try XMLTree.read(data, path: path, schema: schema)
        let claims = try root.children(named: "claim").map { node -> ClaimDeclaration in
            let computation = node.child(named: "computation")!
            let expect = node.child(named: "expect")!
            let spec = ComputationSpec(
                name: computation["name"]!,
                parameters: computation.attributes.filter { $0.name != "name" },
                items: computation.children.map { ($0.name, $0.attributes) }, path: path, line: computation.line)
            guard ClaimComputations.known.contains(spec.name) else {
                throw spec.error("unknown computation; known: \(ClaimComputations.known.sorted().joined(separator: ", "))")
            }
            return ClaimDeclaration(
                id: node["id"]!, statement: node.child(named: "statement")!.text.trimmingCharacters(in: .whitespacesAndNewlines),
                short: node.child(named: "short")?.text.trimmingCharacters(in: .whitespacesAndNewlines),
                source: node.child(named: "source")!.text.trimmingCharacters(in: .whitespacesAndNewlines),
                required: node["required"] == "true", computation: spec,
                expectation: Expectation(
                    relation: try relation(expect, path: path), value: try number(expect, "value", path: path),
                    tolerance: try number(expect, "tolerance", path: path), unit: expect["unit"]!,
                    rationale: expect.text.trimmingCharacters(in: .whitespacesAndNewlines)),
                line: node.line,
                sourceChoice: node["source"].flatMap(SourceChoice.init(rawValue:)) ?? .auto)
        }
        return claims
    }

    /// An attribute the schema types as xs:double: XSD also takes surrounding blanks, INF and
    /// NaN, which Swift's parser does not, and a claim cannot use (found by fuzzing the file).
    private static func number(_ node: XMLTree, _ name: String, path: String) throws -> Double {
        let text = (node[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Double(text), value.isFinite else {
            throw ReportError(path: path, line: node.line, "\(name)=\"\(text)\" is not a finite number")
        }
        return value
    }

    private static func relation(_ node: XMLTree, path: String) throws -> Expectation.Relation {
        let text = (node["relation"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let relation = Expectation.Relation(rawValue: text) else {
            throw ReportError(path: path, line: node.line, "relation=\"\(text)\" is not one of \(Expectation.Relation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return relation
    }
}
