/// The one value a build carries from step to step: what was read, what was computed, and
/// the files to write.
public struct BuildContext: Sendable {
    public let layout: ProjectLayout
    public let options: BuildOptions
    public var diagnostics = Diagnostics()

    /// Filled by `IngestStep`.
    public var runs: [Run] = []
    /// Filled by `IngestStep`: run directories whose logs hold no loss (crashed launches).
    public var runsWithoutMetrics: [RunWithoutMetrics] = []
    /// Runs with metrics and no configuration (W&B chart-export runs no run directory names).
    public var runsWithoutConfiguration: [RunWithoutConfiguration] = []
    /// Filled by `SweepStep`: runs that can be compared, and the runs left out of every sweep.
    public var sweeps: [Sweep] = []
    public var runsOutsideSweeps: [RunOutsideSweeps] = []
    /// Filled by `IngestStep` from `Results/digitized/`: points read off the paper's figures.
    public var digitized: [DigitizedSource] = []
    public var digitizedManifest: InputFile?
    /// Filled by `IngestStep` from `Results/benchmarks/`: downstream results per model.
    public var benchmarks: [BenchmarkResults] = []
    /// Filled by `IngestStep` from `Results/paper/`: the paper's published tables.
    public var paper = PaperTables()
    /// Filled by `CostStep`: one entry per run, in the order of `runs`.
    public var costs: [RunCosts] = []
    /// Filled by `FitStep`: every curve of the study the data supports, fitted or not.
    public var fits: [FitOutcome] = []
    /// The options the fits were made with (bootstrap size and seed), for the tables.
    public var fitOptions = FitOptions()
    /// Filled by `ClaimsStep`: every claim of `Results/claims.xml` with its verdict.
    public var claims: [ClaimResult] = []
    /// Filled by `ClaimsStep`: the source of the curves that the headline figure, the
    /// optimal-head map and the recomputed Table 4 use: the one that decided the headline
    /// claim (C1), or `--source`.
    public var curveSource: DataSource = .digitized

    /// The sweep whose curves the figures, the explorer and `recommend` show beside the
    /// digitized ones: `--sweep`, else the one that decided the headline claim (C1), else the
    /// only sweep; nil where several sweeps could and none was named (then no runs' curve is
    /// shown as the study's, though every fit is on the fits page).
    public var curveSweep: String? {
        if let named = options.sweep { return named }
        if let headline = claims.first(where: { $0.declaration.computation.name == ReductionAtEqualLoss.name })?.sweep { return headline }
        let deciding = sweeps.filter { !$0.isExample }
        return deciding.count == 1 ? deciding[0].name : nil
    }

    /// Every fit of the digitized points and the example runs, and the runs' fits of `curveSweep`.
    public var curveFits: [FitOutcome] {
        let sweep = curveSweep
        return fits.filter { $0.selection.source != .runs || $0.selection.sweep == sweep }
    }

    /// The argument of `Recommendation.make` for `curveSource`.
    public var recommendationSource: String { curveSource == .runs ? "runs" : "figure-2" }
    public var claimsFile: InputFile?
    /// Filled by `ReproductionStep`: Table 4 recomputed, shape-rule sensitivity, residuals.
    public var reproduction = Reproduction()
    /// Filled by `PlotStep`: the figures, in the order they are shown.
    public var figures: [Figure] = []
    /// Filled by `PlotStep`: each figure's content digest, renderer and files, in order.
    public var figureRecords: [FigureRecord] = []
    /// Filled by `PlotStep` from the committed `figures.xml`, by name (empty when none).
    public var committedFigures: [String: FigureRecord] = [:]
    /// Filled by the table and page steps; written by `OutputWriter` only when every step passed.
    public var outputs = OutputSet()

    /// Where results of earlier builds are reused from (nil: compute everything).
    public var cache: BuildCache?

    public init(layout: ProjectLayout, options: BuildOptions = BuildOptions(), cache: BuildCache? = nil) {
        self.layout = layout.labelling(options.labelledFolders(root: layout.root))
        self.options = options
        self.cache = cache
    }
}

/// The costs of one run under every convention, at every context length of the build.
public struct RunCosts: Sendable {
    public var runName: String
    public var parameters: ParameterCount
    /// N under the build's parameter convention.
    public var n: Double
    /// nil when the run's tokens or training context are unknown.
    public var training: TrainingCost?
    public var contexts: [ContextCosts]
}

public struct ContextCosts: Sendable {
    public var context: Int
    /// In the order of `BuildOptions.conventions`.
    public var byConvention: [(convention: CostConvention, cost: InferenceCost)]
    public var z: Double
}
