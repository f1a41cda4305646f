/// The rule every log reader applies: a loss that is NaN or infinite means the run diverged or
/// the log is corrupt, and is an error naming the file and line; other metrics may be
/// non-finite (a skipped step's gradient norm) and are kept.
enum MetricValueCheck {
    static func check(tag: String, value: Double, step: Int, path: String, line: Int?) throws {
        if isChecked(tag) && !value.isFinite {
            throw error(tag: tag, value: value, step: step, path: path, line: line)
        }
    }

    /// Whether the rule applies to a tag (a reader on a hot path asks once a tag, not a value).
    static func isChecked(_ tag: String) -> Bool {
        LossSeries.allNames.contains(tag)
    }

    /// The error for a non-finite loss (for a reader that has told it is a loss already).
    static func error(tag: String, value: Double, step: Int, path: String, line: Int?) -> ReportError {
        ReportError(path: path, line: line, "\(tag) is \(value) at step \(step): the run diverged or the log is corrupt")
    }
}
