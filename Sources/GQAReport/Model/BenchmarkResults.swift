/// Downstream results of one model, from its lm-evaluation-harness results files.
public struct BenchmarkResults: Sendable {
    public struct Task: Sendable {
        public var name: String
        /// The accuracy the paper averages: `acc_norm` where the task reports it, else `acc`;
        /// nil for tasks without accuracy (perplexity tasks such as wikitext).
        public var accuracy: Double?
        public var metric: String?
        /// Its standard error; nil when the harness wrote "N/A", NaN or nothing.
        public var standardError: Double?
        /// A group's aggregate row (v0.4 `mmlu`, `glue`), not a task of its own.
        public var isGroup: Bool = false
        /// The file the row was read from.
        public var file: String = ""
    }

    /// How claims refer to the model: the folder under `Results/benchmarks/` its files are in
    /// (lm-eval v0.4 writes `<output>/<model>/results_<time>.json`), or the name of a file
    /// directly in `Results/benchmarks/` without `.json`.
    public var label: String
    public var model: String?
    /// Tasks (and group rows) in name order, combined from every file of the model.
    public var tasks: [Task]
    public var files: [InputFile]

    /// The rows that are tasks, not group aggregates.
    public var taskRows: [Task] { tasks.filter { !$0.isGroup } }
}
