import Foundation

/// Builds every XML table, validates it against its schema, and queues it for writing.
/// An invalid table stops the build before anything is written.
public struct TablesStep: BuildStep {
    public init() {}

    public var name: String { "write and validate tables" }

    public func run(_ context: inout BuildContext) throws {
        let c = context
        let builders: [(file: String, schema: String, xml: @Sendable () -> String)] = [
            (RunsTable.fileName, RunsTable.schemaName, { RunsTable.xml(runs: c.runs, costs: c.costs, options: c.options, unreadable: c.runsWithoutMetrics.filter(\.unreadable),
                                                                         sweeps: c.sweeps, outside: c.runsOutsideSweeps) }),
            (CostsTable.fileName, CostsTable.schemaName, { CostsTable.xml(runs: c.runs, costs: c.costs, options: c.options) }),
            (FitsTable.fileName, FitsTable.schemaName, { FitsTable.xml(c.fits, options: c.fitOptions) }),
            (ClaimsTable.fileName, ClaimsTable.schemaName, { ClaimsTable.xml(c.claims, claimsFile: c.claimsFile) }),
            (ReproductionTable.fileName, ReproductionTable.schemaName, { ReproductionTable.xml(c.reproduction) }),
            (BenchmarksTable.fileName, BenchmarksTable.schemaName, { BenchmarksTable.xml(c.benchmarks) }),
            (FiguresTable.fileName, FiguresTable.schemaName, { FiguresTable.xml(c.figureRecords) }),
        ]
        // Tables are built on every core; libxml2 then validates them one at a time, in order.
        let texts = try parallelMap(builders) { $0.xml() }
        for (table, xml) in zip(builders, texts) {
            let shownName = context.layout.relativePath(context.layout.tables.appendingPathComponent(table.file))
            try SchemaValidator.validate(xml, named: shownName, schema: context.layout.schemas.appendingPathComponent(table.schema))
            context.outputs.add(xml, at: table.file, in: .tables)
        }
    }
}
