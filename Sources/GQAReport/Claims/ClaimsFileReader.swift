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
        let path = file.path
        let root = try XMLTree.read(data, path: path, schema: layout.schemas.appendingPathComponent(Self.schemaName))
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
                source: node.child(named: "source")!.text.trimmingCharacters(in: .whitespacesAndNewlines),
                required: node["required"] == "true", computation: spec,
                expectation: Expectation(
                    relation: Expectation.Relation(rawValue: expect["relation"]!)!, value: Double(expect["value"]!)!,
                    tolerance: Double(expect["tolerance"]!)!, unit: expect["unit"]!,
                    rationale: expect.text.trimmingCharacters(in: .whitespacesAndNewlines)),
                line: node.line,
                sourceChoice: node["source"].flatMap(SourceChoice.init(rawValue:)) ?? .auto)
        }
        return (claims, file)
    }
}
