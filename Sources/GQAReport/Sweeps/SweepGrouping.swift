/// Groups runs into sweeps (`Sweep`): runs are compared only with runs of the same vocabulary
/// and training context, from scratch, and, where the runs table names sweeps, of the same
/// name. Fine-tunes are left out of every sweep, saying why.
public enum SweepGrouping {
    public static func group(_ runs: [Run]) -> (sweeps: [Sweep], outside: [RunOutsideSweeps]) {
        var outside: [RunOutsideSweeps] = []
        var groups: [Key: [Run]] = [:]
        for run in runs {
            if run.kind.kind == .fineTune {
                outside.append(RunOutsideSweeps(run: run.name, reason: "a fine-tune (\(run.kind.evidence)): its loss starts from another model's training, so it says nothing of how a model of its shape scales from scratch"))
                continue
            }
            groups[Key(run), default: []].append(run)
        }
        var sweeps: [Sweep] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!.sorted { $0.name < $1.name }
            var notes: [String] = []
            let unknown = members.filter { $0.kind.kind == .unknown }.count
            if unknown > 0 {
                let which = unknown == members.count ? (members.count == 1 ? "Its run is" : "All its runs are") : "\(unknown) of its \(members.count) runs are"
                notes.append("\(which) of unknown kind, taken as trained from scratch: nothing in their files names a checkpoint they started from")
            }
            if key.context == nil {
                notes.append("Its runs' files record no training context: runs are grouped by vocabulary alone, and a sweep column in the runs table can split them")
            }
            sweeps.append(Sweep(name: key.name, declared: key.declared != nil, vocabulary: key.vocabulary, context: key.context,
                                runs: members.map(\.name), isExample: key.isExample, notes: notes))
        }
        // A declared sweep whose runs differ in vocabulary or context is split by them; the
        // runs outside its largest part are left out, saying so.
        let declaredNames = Set(sweeps.filter(\.declared).map(\.name))
        for name in declaredNames.sorted() {
            let parts = sweeps.filter { $0.declared && $0.name == name }
            guard parts.count > 1 else { continue }
            let kept = parts.max { ($0.runs.count, $1.shared) < ($1.runs.count, $0.shared) }!
            for part in parts where part != kept {
                for run in part.runs {
                    outside.append(RunOutsideSweeps(run: run, reason: "the runs table puts it in sweep '\(name)', but its \(part.shared) differ from the sweep's \(kept.shared): its losses are not comparable with the sweep's"))
                }
            }
            sweeps.removeAll { $0.declared && $0.name == name && $0 != kept }
        }
        return (sweeps, outside.sorted { $0.run < $1.run })
    }

    /// What runs of one sweep share.
    struct Key: Hashable, Comparable {
        var declared: String?
        var isExample: Bool
        var vocabulary: Int
        var context: Int?

        init(_ run: Run) {
            declared = run.declaredSweep
            isExample = run.isExample
            vocabulary = run.model.vocabularySize
            context = run.training.contextLength
        }

        var name: String {
            if let declared { return declared }
            return (isExample ? "example-" : "") + "vocab-\(vocabulary)-context-\(context.map(String.init) ?? "unknown")"
        }

        static func < (a: Key, b: Key) -> Bool {
            (a.isExample ? 1 : 0, a.name, a.vocabulary, a.context ?? -1) < (b.isExample ? 1 : 0, b.name, b.vocabulary, b.context ?? -1)
        }
    }
}
