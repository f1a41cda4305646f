import Foundation

/// One format of metric logs. A new format (TensorBoard events, W&B exports, …) is one new
/// type conforming to this protocol, listed in `MetricLogFormats.all`.
public protocol MetricLogReader: Sendable {
    /// A short name for messages and `report inspect`.
    var formatName: String { get }
    /// Whether this reader handles a file with this name inside a run directory.
    func accepts(fileName: String) -> Bool
    /// Parses a whole file. `path` names the file in errors and warnings.
    func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet
    /// Whether counts (tokens seen) are exact; float32 event files lose exactness above 2^24.
    var countsAreExact: Bool { get }
}

extension MetricLogReader {
    public var countsAreExact: Bool { true }
}

/// The formats `report` reads, tried in order: the first reader that accepts a file reads it.
public enum MetricLogFormats {
    public static let all: [any MetricLogReader] = [
        TrainerStdoutReader(), TensorBoardEventReader(), JSONLinesMetricsReader(), WandbHistoryCSVReader(),
    ]

    public static func reader(for fileName: String) -> (any MetricLogReader)? {
        all.first { $0.accepts(fileName: fileName) }
    }
}
