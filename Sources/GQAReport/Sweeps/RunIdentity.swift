/// One training is one run. Discovery ties each log to a run by the evidence its trainer wrote
/// (a W&B run ID, an output_dir, an event file's process, a runs-table row, a log file, in
/// that order: `RunDiscovery`); what it cannot see is one training written twice into files
/// that name no run (a stdout and its `log.txt`, a console and a copy of it). Those are joined
/// here, once, by what the logs hold: two runs are one training when their loss curves share
/// enough steps and agree at every one of them within the precision they were written with.
public enum RunIdentity {
    /// Common steps two curves need before they can be called one training: at least this
    /// many, and at least half of the shorter curve's.
    static let minimumCommonSteps = 3

    /// A loss history, as a run keeps it (thinned as `RunMetrics` thins).
    public struct History: Sendable {
        var training: [MetricPoint]
        var validation: [MetricPoint]
        /// Runs of another kind of data (examples, another model) are never one training.
        var group: String
        /// The W&B run IDs its files lie under: two W&B runs are never one run, whatever
        /// their losses (a run resumed into a new ID is the user's to join, not ours).
        var wandbIDs: Set<String> = []
        /// A text log that no run directory owns: its identity is only its file. Two runs with
        /// stronger evidence (two output_dirs, two W&B runs) are two runs even when a seeded
        /// rerun repeats the same losses; a log alone may be a copy of either.
        var standsAlone: Bool
    }

    struct Curve {
        var points: [MetricPoint]
        var byStep: [Int: Double]
        var decimals: Int

        init(_ points: [MetricPoint]) {
            self.points = points
            byStep = Dictionary(points.map { ($0.step, $0.value) }, uniquingKeysWith: { $1 })
            decimals = SeriesClash.decimals(of: points)
        }
    }

    /// The W&B run IDs in paths (`…/run-20241216_132720-chk58nkd/…`, `offline-run-…`).
    static func wandbIDs(_ paths: [String]) -> Set<String> {
        Set(paths.flatMap { path in
            path.split(separator: "/").compactMap { part -> String? in
                guard part.hasPrefix("run-") || part.hasPrefix("offline-run-"), part.contains("_"),
                      let id = part.split(separator: "-").last, !id.contains(".") else { return nil }
                return String(id)
            }
        })
    }

    /// Whether `a` and `b` may be one training at all: one of them a log alone, of one group,
    /// under no two W&B run IDs, with training steps that overlap.
    static func comparable(_ a: History, _ b: History) -> Bool {
        guard a.standsAlone || b.standsAlone, a.group == b.group, a.wandbIDs.isEmpty || b.wandbIDs.isEmpty || a.wandbIDs == b.wandbIDs,
              let first = a.training.first?.step, let last = a.training.last?.step,
              let otherFirst = b.training.first?.step, let otherLast = b.training.last?.step else { return false }
        return otherFirst <= last && first <= otherLast
    }

    /// How many common steps of the training loss show `a` and `b` (comparable, their curves
    /// indexed) to be one training; nil when they are two (too few common steps, or a value
    /// that differs beyond precision).
    private static func agreement(_ a: History, _ ac: (training: Curve, validation: Curve), _ b: History, _ bc: (training: Curve, validation: Curve)) -> Int? {
        guard let common = agreeing(ac.training, bc.training),
              common >= minimumCommonSteps, 2 * common >= min(a.training.count, b.training.count) else { return nil }
        guard agreeing(ac.validation, bc.validation) != nil else { return nil }
        return common
    }

    /// The common steps of two series, nil if they differ at one (most pairs of two
    /// trainings at their first common step, so the pairs of a large sweep cost little).
    private static func agreeing(_ a: Curve, _ b: Curve) -> Int? {
        let places = min(a.decimals, b.decimals)
        var common = 0
        for point in b.points {
            guard let value = a.byStep[point.step] else { continue }
            guard SeriesClash.agree(value, point.value, places: places) else { return nil }
            common += 1
        }
        return common
    }

    /// Groups of histories that are one training each (by index, each group in index order,
    /// groups of one left out), and the common steps that joined each later member.
    static func groups(_ histories: [History]) -> [[(index: Int, common: Int)]] {
        var parent = Array(histories.indices)
        func root(_ i: Int) -> Int { parent[i] == i ? i : root(parent[i]) }
        var joinedBy: [Int: Int] = [:]
        // A pair needs a log alone in it, so a sweep of run directories compares nothing; each
        // curve is indexed once, when a pair first needs it.
        var curves: [Int: (training: Curve, validation: Curve)] = [:]
        func curve(_ i: Int) -> (training: Curve, validation: Curve) {
            if let made = curves[i] { return made }
            let made = (Curve(histories[i].training), Curve(histories[i].validation))
            curves[i] = made
            return made
        }
        guard histories.contains(where: \.standsAlone) else { return [] }
        for i in histories.indices {
            for j in histories.indices where j > i && (histories[i].standsAlone || histories[j].standsAlone) {
                guard root(i) != root(j), comparable(histories[i], histories[j]) else { continue }
                if let common = agreement(histories[i], curve(i), histories[j], curve(j)) {
                    parent[root(j)] = root(i)
                    joinedBy[j] = common
                    // The first of a group counts the steps it shares with the first joined to it,
                    // as the note names it when another member's series are the ones kept.
                    joinedBy[i] = joinedBy[i] ?? common
                }
            }
        }
        let byRoot = Dictionary(grouping: histories.indices, by: root)
        return byRoot.values.filter { $0.count > 1 }.map { $0.sorted().map { ($0, joinedBy[$0] ?? 0) } }.sorted { $0[0].index < $1[0].index }
    }

    /// The one of a group whose series are kept: the most validation points, then the most
    /// training points, then the first name.
    static func primary<T>(_ members: [T], validation: (T) -> Int, training: (T) -> Int, name: (T) -> String) -> T {
        members.min { a, b in (-validation(a), -training(a), name(a)) < (-validation(b), -training(b), name(b)) }!
    }

    static func note(kept: String, joined: [(name: String, files: [String], common: Int)]) -> String {
        let others = joined.map { "'\($0.name)' (\($0.files.joined(separator: ", "))) agrees at \($0.common) common step(s) of the training loss" }
        return "one training written more than once: \(others.joined(separator: "; ")) within the precision each was written with, and at every common step of the validation loss; read as one run, '\(kept)', whose series are kept"
    }

    /// Runs (with or without a configuration): one training read as several becomes one run,
    /// the others' files listed with it and a note saying why.
    public static func join<R: OneTraining>(_ runs: [R]) -> (runs: [R], notes: [String]) {
        var result = runs
        var removed = Set<Int>()
        var notes: [String] = []
        for group in groups(runs.map(\.history)) {
            let keep = primary(group, validation: { runs[$0.index].history.validation.count },
                               training: { runs[$0.index].history.training.count }, name: { runs[$0.index].name }).index
            let others = group.filter { $0.index != keep }
            var run = result[keep]
            for other in others {
                run.absorb(runs[other.index])
                removed.insert(other.index)
            }
            let note = note(kept: run.name, joined: others.map { (runs[$0.index].name, runs[$0.index].files, $0.common) })
            run.identity.append(note)
            notes.append("run '\(run.name)': \(note)")
            result[keep] = run
        }
        return (result.indices.filter { !removed.contains($0) }.map { result[$0] }, notes)
    }
}

/// What `RunIdentity.join` asks of a run: its loss history, the files it names, and how it
/// takes in another run's files when the two are one training.
public protocol OneTraining: Sendable {
    var name: String { get }
    var identity: [String] { get set }
    /// Its files, for the note that joins it.
    var files: [String] { get }
    var history: RunIdentity.History { get }
    /// Takes in the files of `other`, the same training read again; its series stay its own.
    mutating func absorb(_ other: Self)
}

extension Run: OneTraining {
    public var files: [String] { logs.map(\.path) }

    public var history: RunIdentity.History {
        RunIdentity.History(training: metrics.trainingCurve, validation: metrics.validationCurve, group: "\(isExample) \(model)",
                            wandbIDs: RunIdentity.wandbIDs(logs.map(\.path)), standsAlone: standsAlone)
    }

    public mutating func absorb(_ other: Run) {
        provenance = (provenance + other.provenance.filter { !provenance.contains($0) }).sorted { $0.path < $1.path }
        logs += other.logs.map { tie in
            var tie = tie
            tie.evidence += "; the same training as '\(name)' (its loss agrees at every common step): its points are not merged"
            return tie
        }
    }
}

extension RunWithoutConfiguration: OneTraining {
    public var files: [String] { [file.path] }

    public var history: RunIdentity.History {
        RunIdentity.History(training: trainingCurve, validation: validationCurve, group: "", wandbIDs: RunIdentity.wandbIDs([file.path]),
                            standsAlone: standsAlone)
    }

    public mutating func absorb(_ other: RunWithoutConfiguration) {
        alsoIn.append(other.file)
    }
}
