/// ingest → **runs and sweeps** → costs → fits → claims: one training is one run
/// (`RunIdentity`), each run has a kind (`RunKind`, read with its configuration), and runs
/// that can be compared form sweeps (`SweepGrouping`); only a sweep's runs are fitted
/// together, and a claim from runs is decided by one sweep (`SweepChoice`).
public struct SweepStep: BuildStep {
    public init() {}

    public var name: String { "tell runs apart and group them into sweeps" }

    public func run(_ context: inout BuildContext) throws {
        let (runs, notes) = RunIdentity.join(context.runs)
        let (withoutConfiguration, moreNotes) = RunIdentity.join(context.runsWithoutConfiguration)
        (notes + moreNotes).forEach { context.diagnostics.warn($0) }
        context.runs = runs
        context.runsWithoutConfiguration = withoutConfiguration
        let (sweeps, outside) = SweepGrouping.group(runs)
        context.sweeps = sweeps
        context.runsOutsideSweeps = outside
        if let named = context.options.sweep, !sweeps.contains(where: { $0.name == named && !$0.isExample }) {
            let names = sweeps.filter { !$0.isExample }.map { "'\($0.name)' (\($0.runs.count) runs)" }
            throw ReportError("--sweep \(named): no sweep of that name; " + (names.isEmpty ? "the runs form no sweep (examples excepted)" : "the sweeps are " + names.joined(separator: ", ")))
        }
        if !outside.isEmpty {
            context.diagnostics.warn("\(outside.count) run(s) outside every sweep, deciding no claim (site/runs.html lists each with why): " + outside.map(\.run).joined(separator: ", "))
        }
    }
}
