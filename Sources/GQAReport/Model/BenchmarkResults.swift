/// Downstream results of one model, from an lm-evaluation-harness results file.
public struct BenchmarkResults: Sendable {
    public struct Task: Sendable {
        public var name: String
        /// The accuracy the paper averages: `acc_norm` where the task reports it, else `acc`;
        /// nil for tasks without accuracy (perplexity tasks such as wikitext).
        public var accuracy: Double?
        public var metric: String?
        /// Its standard error; nil when the harness wrote "N/A".
        public var standardError: Double?
    }

    /// The file's name without `.json`: how claims refer to the model.
    public var label: String
    public var model: String?
    public var tasks: [Task]
    public var file: InputFile
}
