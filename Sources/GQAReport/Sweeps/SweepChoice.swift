/// Which sweep decides a claim from runs: the one `--sweep` names, else the one sweep whose
/// runs cover what the claim needs. Where several cover it, none decides until one is named;
/// where none does, the claim says what each lacks. Example sweeps never decide.
struct SweepChoice {
    var sweeps: [Sweep]
    var outside: [RunOutsideSweeps]
    var named: String?

    /// A claim computed from runs, and the inputs (fits and runs of one sweep) it was computed
    /// on, for its interval; `sweep` is nil where no sweep decided.
    struct Outcome {
        var computed: ComputedClaim
        var inputs: ClaimInputs
        var sweep: Sweep?
    }

    /// `inputs` restricted to one sweep: its runs and their curves, and every digitized curve.
    static func restricted(_ inputs: ClaimInputs, to sweep: Sweep) -> ClaimInputs {
        var restricted = inputs
        let members = Set(sweep.runs)
        restricted.runs = inputs.runs.filter { members.contains($0.name) }
        restricted.fits = inputs.fits.filter { $0.selection.source != .runs || $0.selection.sweep == sweep.name }
        return restricted
    }

    func decide(_ computation: any ClaimComputation, _ inputs: ClaimInputs) -> Outcome {
        let candidates = sweeps.filter { !$0.isExample && (named == nil || $0.name == named) }
        guard !candidates.isEmpty else {
            let left = outside.isEmpty ? nil
                : "the \(outside.count) run(s) found are outside every sweep (\(outside.prefix(3).map { "'\($0.run)': \(Self.short($0.reason))" }.joined(separator: "; "))\(outside.count > 3 ? "; …" : ""))"
            var none = inputs
            none.runs = inputs.runs.filter(\.isExample)
            none.fits = inputs.fits.filter { $0.selection.source != .runs }
            let noRuns = "no runs (examples excepted) in the runs folders"
            // A claim the digitized points can decide says only that the runs do not; a claim of
            // runs alone says what it needs, then why the runs found do not give it.
            if computation.dataSources.contains(.digitized) {
                return Outcome(computed: .cannotBeChecked(left.map { "no sweep of runs to decide it: " + $0 } ?? noRuns, basis: "runs"), inputs: none, sweep: nil)
            }
            var computed = computation.compute(none, source: .runs)
            if let left {
                computed = .cannotBeChecked((computed.missing.map { $0 + "; " } ?? "") + left, basis: computed.basis)
            } else if computed.missing == nil {
                computed = .cannotBeChecked(noRuns, basis: computed.basis)
            }
            return Outcome(computed: computed, inputs: none, sweep: nil)
        }
        let results = candidates.map { sweep -> (sweep: Sweep, computed: ComputedClaim, inputs: ClaimInputs) in
            let mine = Self.restricted(inputs, to: sweep)
            return (sweep, computation.compute(mine, source: .runs), mine)
        }
        let covering = results.filter { $0.computed.value != nil && $0.computed.missing == nil }
        if covering.count == 1 {
            var (sweep, computed, mine) = covering[0]
            computed.basis = "sweep '\(sweep.name)': " + computed.basis
            computed.details.insert("runs of sweep '\(sweep.name)' (\(sweep.runs.count) runs; \(sweep.shared))", at: 0)
            return Outcome(computed: computed, inputs: mine, sweep: sweep)
        }
        if covering.count > 1 {
            let names = covering.map { "'\($0.sweep.name)'" }.joined(separator: " and ")
            return Outcome(computed: .cannotBeChecked("sweeps \(names) each cover this claim and may disagree; name the one that decides with --sweep NAME (or the runs table's sweep column)", basis: "runs"),
                           inputs: inputs, sweep: nil)
        }
        if results.count == 1 {
            var computed = results[0].computed
            computed.missing = computed.missing.map { "sweep '\(results[0].sweep.name)': " + $0 }
            return Outcome(computed: computed, inputs: results[0].inputs, sweep: nil)
        }
        let lacking = results.map { "sweep '\($0.sweep.name)': \($0.computed.missing ?? "no value")" }.joined(separator: "; ")
        return Outcome(computed: .cannotBeChecked("no sweep covers it (\(lacking))", basis: "runs"), inputs: inputs, sweep: nil)
    }

    /// A reason's first clause, for a list.
    private static func short(_ reason: String) -> String {
        String(reason.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
    }
}
