/// One logged value at one optimiser step.
public struct MetricPoint: Equatable, Sendable, Codable {
    public var step: Int
    public var value: Double

    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}

/// The tags the authors' trainer logs (spec §4); any reader maps its format onto these.
public enum MetricTag {
    public static let trainLoss = "train/loss"
    public static let validationLoss = "loss/val"
    public static let learningRate = "train/learning_rate"
    public static let gradientNorm = "train/grad_norm"
    public static let tokensSeen = "train/n_input_tokens_seen"
    public static let iterationTime = "efficiency/iter_time"
    public static let dataTime = "efficiency/data_time"
    public static let forwardTime = "efficiency/fwd_time"
    public static let backwardTime = "efficiency/bwd_time"
}

/// Metric series of a run: tag → points in increasing step order, one point per step.
public struct MetricSet: Equatable, Sendable {
    public private(set) var series: [String: [MetricPoint]] = [:]
    /// Tags whose steps went back in the log they were read from, and what the relaunch rule
    /// dropped (`Relaunch`); the run's reader warns of them.
    public private(set) var relaunches: [String: Relaunch] = [:]

    public init() {}

    /// The series of one log, each tag's points in the order the log wrote them: where a step
    /// goes back, the later launch wins from that step on (`Relaunch`).
    public init(series: [String: [MetricPoint]]) {
        for (tag, points) in series {
            let (kept, relaunch) = Relaunch.apply(points)
            if let relaunch { relaunches[tag] = relaunch }
            add(kept, to: tag)
        }
    }

    public var tags: [String] { series.keys.sorted() }

    public subscript(tag: String) -> [MetricPoint] { series[tag] ?? [] }

    /// Adds points to a tag. Points are kept sorted by step; where a step appears again (a
    /// resumed run logs it twice), the point added last wins.
    public mutating func add(_ points: [MetricPoint], to tag: String) {
        guard !points.isEmpty else { return }
        // The common case, a fresh tag logged in step order, needs no merging.
        if series[tag] == nil, zip(points, points.dropFirst()).allSatisfy({ $0.step < $1.step }) {
            series[tag] = points
            return
        }
        var byStep: [Int: Double] = [:]
        for point in series[tag] ?? [] { byStep[point.step] = point.value }
        for point in points { byStep[point.step] = point.value }
        series[tag] = byStep.keys.sorted().map { MetricPoint(step: $0, value: byStep[$0]!) }
    }

    /// What one tag holds, for tables and `report inspect`.
    public struct Summary: Equatable, Sendable, Codable {
        public var tag: String
        public var points: Int
        public var firstStep: Int
        public var lastStep: Int
        /// nil when the last value is not finite (a skipped step's grad norm may be NaN).
        public var lastValue: Double?

        /// "train/loss: 120 points, steps 1-120, last 6.2"
        public var line: String {
            "\(tag): \(points) points, steps \(firstStep)-\(lastStep), last \(lastValue.map(NumberFormat.real) ?? "not finite")"
        }
    }

    /// A summary of every tag, in tag order.
    public var summaries: [Summary] {
        tags.map { tag in
            let points = self[tag]
            let last = points.last!
            return Summary(tag: tag, points: points.count, firstStep: points.first!.step, lastStep: last.step,
                           lastValue: last.value.isFinite ? last.value : nil)
        }
    }

    /// Drops a tag's points at or after `step` (a relaunch's orphaned points).
    public mutating func truncate(_ tag: String, from step: Int) {
        guard let points = series[tag] else { return }
        let kept = points.filter { $0.step < step }
        series[tag] = kept.isEmpty ? nil : kept
    }

    /// Moves a series to another tag (replacing what that tag held).
    public mutating func rename(_ tag: String, to newTag: String) {
        guard tag != newTag, let points = series.removeValue(forKey: tag) else { return }
        series[newTag] = points
    }

    public mutating func merge(_ other: MetricSet) {
        for tag in other.tags { add(other[tag], to: tag) }
    }

    /// Merges `other`, its points replacing this set's at the same step, except for the tags in
    /// `keepingOwn`, where this set's points win.
    public mutating func merge(_ other: MetricSet, keepingOwn: Set<String>) {
        for tag in other.tags {
            if keepingOwn.contains(tag) {
                let own = series[tag] ?? []
                series[tag] = nil
                add(other[tag], to: tag)
                add(own, to: tag)
            } else {
                add(other[tag], to: tag)
            }
        }
    }
}
