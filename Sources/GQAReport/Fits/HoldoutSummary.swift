/// How well a source's size laws extrapolate: the absolute relative error of each law's
/// prediction of its largest size from the others (the "ARE" of Choshen et al. 2024, "A
/// Hitchhiker's Guide to Scaling Law Estimation"), averaged and at its worst, per source.
public struct HoldoutSummary: Sendable {
    public var source: DataSource
    /// Curves with a hold-out check (4 or more sizes).
    public var checked: Int
    /// Of those, how many reduced fits the remaining points do not determine.
    public var undetermined: Int
    public var meanAbsoluteRelativeError: Double?
    public var maxAbsoluteRelativeError: Double?

    public static func bySource(_ outcomes: [FitOutcome]) -> [HoldoutSummary] {
        [DataSource.runs, .exampleRuns, .digitized].compactMap { source in
            let checks = outcomes.filter { $0.selection.source == source }.compactMap(\.holdout)
            guard !checks.isEmpty else { return nil }
            let errors = checks.compactMap { $0.points.first.map { abs($0.relativeError) } }
            return HoldoutSummary(source: source, checked: checks.count, undetermined: checks.count - errors.count,
                                  meanAbsoluteRelativeError: errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count),
                                  maxAbsoluteRelativeError: errors.max())
        }
    }
}
