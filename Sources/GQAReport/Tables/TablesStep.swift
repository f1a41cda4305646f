import Foundation

/// Builds every XML table, validates it against its schema, and queues it for writing.
/// An invalid table stops the build before anything is written.
public struct TablesStep: BuildStep {
    public init() {}

    public var name: String { "write and validate tables" }

    public func run(_ context: inout BuildContext) throws {
        let tables: [(file: String, schema: String, xml: String)] = [
            (RunsTable.fileName, RunsTable.schemaName,
             RunsTable.xml(runs: context.runs, costs: context.costs, options: context.options)),
            (CostsTable.fileName, CostsTable.schemaName,
             CostsTable.xml(runs: context.runs, costs: context.costs, options: context.options)),
            (FitsTable.fileName, FitsTable.schemaName, FitsTable.xml(context.fits, options: context.fitOptions)),
            (ClaimsTable.fileName, ClaimsTable.schemaName, ClaimsTable.xml(context.claims, claimsFile: context.claimsFile)),
            (ReproductionTable.fileName, ReproductionTable.schemaName, ReproductionTable.xml(context.reproduction)),
            (BenchmarksTable.fileName, BenchmarksTable.schemaName, BenchmarksTable.xml(context.benchmarks)),
        ]
        for table in tables {
            let shownName = context.layout.relativePath(context.layout.tables.appendingPathComponent(table.file))
            try SchemaValidator.validate(table.xml, named: shownName,
                                         schema: context.layout.schemas.appendingPathComponent(table.schema))
            context.outputs.add(table.xml, at: table.file, in: .tables)
        }
    }
}
