/// ingest → runs and sweeps → costs → fits → claims → plots → tables → pages, then one atomic write.
public struct BuildPipeline: Sendable {
    public var steps: [any BuildStep]

    public init(steps: [any BuildStep]) {
        self.steps = steps
    }

    /// The steps of `report build`, in order.
    public static let standard = BuildPipeline(steps: [
        IngestStep(),
        SweepStep(),
        CostStep(),
        FitStep(),
        ClaimsStep(),
        ReproductionStep(),
        PlotStep(),
        TablesStep(),
        SiteStep(),
    ])

    /// Runs every step; nothing is written here (see `OutputWriter`).
    /// `progress` receives one line per step.
    public func run(_ context: inout BuildContext, progress: (String) -> Void = { _ in }) throws {
        try context.layout.requireProject()
        for step in steps {
            progress(step.name)
            try step.run(&context)
        }
    }

    /// Runs the steps and, when all passed, writes the outputs; one build at a time on a root
    /// (`BuildLock`: a second build waits, and `waiting` says for whom).
    @discardableResult
    public func build(layout: ProjectLayout, options: BuildOptions = BuildOptions(), cache: BuildCache? = nil,
                      waiting: (String) -> Void = { _ in }, progress: (String) -> Void = { _ in }) throws -> BuildContext {
        try layout.requireProject()  // before the lock, which would leave its file in a stranger's folder
        let lock = try BuildLock.acquire(root: layout.root, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        var context = BuildContext(layout: layout, options: options, cache: cache)
        try run(&context, progress: progress)
        progress("writing outputs")
        try OutputWriter(layout: layout).write(context.outputs)
        cache?.prune()
        return context
    }
}
