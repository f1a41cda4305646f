import Foundation

/// What the report keeps of a run's logs once they are read: a summary of every series, the
/// training-loss curve thinned for plotting, and the median iteration time. A run's full
/// series are dropped as soon as these are taken, so a sweep's memory is bounded by its
/// largest run, not by the number of runs.
public struct RunMetrics: Equatable, Sendable, Codable {
    /// One summary per tag, in tag order.
    public var summaries: [MetricSet.Summary]
    /// `train/loss` at steps > 0; beyond `curvePoints` points, thinned to the steps nearest
    /// `curvePoints` targets evenly spaced in log(step) (the plot's axis), plus the last step.
    public var trainingCurve: [MetricPoint]
    /// The validation loss at every logged step, thinned as the training curve is.
    public var validationCurve: [MetricPoint] = []
    /// The median of the positive, finite `efficiency/iter_time` values (claim C12).
    public var medianIterationTime: Double?

    public static let curvePoints = 400

    public init(_ metrics: MetricSet) {
        summaries = metrics.summaries
        trainingCurve = Self.thinned(metrics[MetricTag.trainLoss].filter { $0.step > 0 })
        validationCurve = Self.thinned(metrics[MetricTag.validationLoss].filter { $0.step > 0 })
        let times = metrics[MetricTag.iterationTime].map(\.value).filter { $0 > 0 && $0.isFinite }
        medianIterationTime = times.isEmpty ? nil : Percentile.of(times, 0.5)
    }

    // The loss curve is stored as two arrays: a build cache of a thousand runs decodes
    // numbers in arrays several times faster than one object a point.
    private enum CodingKeys: String, CodingKey {
        case summaries, curveSteps, curveLosses, validationSteps, validationLosses, medianIterationTime
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        summaries = try container.decode([MetricSet.Summary].self, forKey: .summaries)
        let steps = try container.decode([Int].self, forKey: .curveSteps)
        let losses = try container.decode([Double].self, forKey: .curveLosses)
        guard steps.count == losses.count else {
            throw DecodingError.dataCorruptedError(forKey: .curveLosses, in: container, debugDescription: "curve arrays differ in length")
        }
        trainingCurve = zip(steps, losses).map { MetricPoint(step: $0, value: $1) }
        let validationSteps = try container.decodeIfPresent([Int].self, forKey: .validationSteps) ?? []
        let validationLosses = try container.decodeIfPresent([Double].self, forKey: .validationLosses) ?? []
        validationCurve = zip(validationSteps, validationLosses).map { MetricPoint(step: $0, value: $1) }
        medianIterationTime = try container.decodeIfPresent(Double.self, forKey: .medianIterationTime)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summaries, forKey: .summaries)
        try container.encode(trainingCurve.map(\.step), forKey: .curveSteps)
        try container.encode(trainingCurve.map(\.value), forKey: .curveLosses)
        try container.encode(validationCurve.map(\.step), forKey: .validationSteps)
        try container.encode(validationCurve.map(\.value), forKey: .validationLosses)
        try container.encodeIfPresent(medianIterationTime, forKey: .medianIterationTime)
    }

    public func summary(of tag: String) -> MetricSet.Summary? {
        summaries.first { $0.tag == tag }
    }

    private static func thinned(_ points: [MetricPoint]) -> [MetricPoint] {
        guard points.count > curvePoints, let first = points.first?.step, let last = points.last?.step else { return points }
        let keep = Set(FigureData.logSpace(Double(first), Double(last), count: curvePoints).map { Int($0.rounded()) })
        return points.filter { keep.contains($0.step) || $0.step == last }
    }
}
