/// Where one log's steps go back: the trainer was launched again (a restart from an earlier
/// checkpoint, or from scratch) and kept writing to the same file or history.
///
/// TensorBoard's rule for orphaned events is applied: each later launch wins from the step it
/// restarts at, and the earlier launches' points at or after that step are dropped. A launch is
/// a step going back followed by at least `minimumPointsBack` points inside the range already
/// written; a single point back and then past it is a second writer lagging (two ranks writing
/// every row), merged by step with the later point winning, as is a step repeated in place.
public struct Relaunch: Equatable, Sendable {
    /// The step each later launch restarted at, and the step the launch before it had reached.
    public var restarts: [(from: Int, to: Int)]
    /// Points of earlier launches dropped under the rule.
    public var dropped: Int

    public static func == (a: Relaunch, b: Relaunch) -> Bool {
        a.dropped == b.dropped && a.restarts.map(\.from) == b.restarts.map(\.from) && a.restarts.map(\.to) == b.restarts.map(\.to)
    }

    /// "step 25 → 0, 15 → 0"
    public var description: String {
        "step " + restarts.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")
    }

    /// Points inside the range already written that make a step going back a relaunch.
    static let minimumPointsBack = 3

    /// `points` in the order they were written, with each relaunch's earlier points dropped;
    /// nil for the record when the steps never go back.
    static func apply(_ points: [MetricPoint]) -> (points: [MetricPoint], relaunch: Relaunch?) {
        guard zip(points, points.dropFirst()).contains(where: { $1.step < $0.step }) else { return (points, nil) }
        var kept: [MetricPoint] = []
        var restarts: [(from: Int, to: Int)] = []
        var dropped = 0
        for (index, point) in points.enumerated() {
            guard let last = kept.last, point.step < last.step else {
                if let last = kept.last, last.step == point.step { kept[kept.count - 1] = point } else { kept.append(point) }
                continue
            }
            // Only the next few points are looked at, and `kept` stays in step order, so a file
            // whose steps keep going back costs no more than one read of it.
            let ahead = points[index...].prefix(minimumPointsBack)
            if ahead.count == minimumPointsBack, ahead.allSatisfy({ $0.step <= last.step }) {
                restarts.append((last.step, point.step))
                while let end = kept.last, end.step >= point.step {
                    kept.removeLast()
                    dropped += 1
                }
                kept.append(point)
            } else {
                // A second writer a point behind: merged by step, the later point winning.
                let before = kept.lastIndex { $0.step <= point.step }
                if let before, kept[before].step == point.step {
                    kept[before] = point
                } else {
                    kept.insert(point, at: (before ?? -1) + 1)
                }
            }
        }
        return (kept, restarts.isEmpty ? nil : Relaunch(restarts: restarts, dropped: dropped))
    }
}
