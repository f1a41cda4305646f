/// The rule every log reader applies: a loss that is NaN or infinite means the run diverged or
/// the log is corrupt, and is an error naming the file and line; other metrics may be
/// non-finite (a skipped step's gradient norm) and are kept.
enum MetricValueCheck {
    static func check(tag: String, value: Double, step: Int, path: String, line: Int?) throws {
        if LossSeries.allNames.contains(tag) && !value.isFinite {
            throw error(tag: tag, value: value, step: step, path: path, line: line)
        }
    }

    /// The error for a non-finite loss (for a reader that has told it is a loss already).
    static func error(tag: String, value: Double, step: Int, path: String, line: Int?) -> ReportError {
        ReportError(path: path, line: line, "\(tag) is \(value) at step \(step): the run diverged or the log is corrupt")
    }
}
