/// A run whose metrics came without a configuration: a run in a W&B chart export that no run
/// directory (nor W&B configuration) names. It is listed with what its metrics say and left out
/// of costs, fits and claims, which need the model's shape and the tokens it saw.
public struct RunWithoutConfiguration: Sendable, Codable, Equatable {
    public var name: String
    /// The file its metrics are in.
    public var file: InputFile
    public var reason: String
    public var finalLoss: FinalLoss?
    public var series: [MetricSet.Summary]
    public var lossSeries: [LossSeriesChoice]
    /// The loss curves, thinned as a run's are (`RunMetrics`): what tells one training
    /// written twice from two trainings (`RunIdentity`).
    public var trainingCurve: [MetricPoint] = []
    public var validationCurve: [MetricPoint] = []
    /// Logs of one training read as separate runs and joined into this one (`RunIdentity`).
    public var identity: [String] = []
    /// The other files it was read from, when it was joined with another.
    public var alsoIn: [InputFile] = []
    /// A text log that no run directory owns (`RunIdentity`).
    public var standsAlone = false

    public init(name: String, file: InputFile, reason: String, finalLoss: FinalLoss?, series: [MetricSet.Summary], lossSeries: [LossSeriesChoice],
                trainingCurve: [MetricPoint] = [], validationCurve: [MetricPoint] = [], standsAlone: Bool = false) {
        self.name = name
        self.file = file
        self.reason = reason
        self.finalLoss = finalLoss
        self.series = series
        self.lossSeries = lossSeries
        self.trainingCurve = trainingCurve
        self.validationCurve = validationCurve
        self.standsAlone = standsAlone
    }
}
