import Foundation

/// The names a person's own loop gives its columns or keys: a step (`step`, `iter`,
/// `global_step`, …) and losses (`loss`, `train_loss`, `val_loss`, `eval/loss`, `Validation
/// Loss`, …), whatever their case. The words are `StepLossLinesReader`'s, so a loop's CSV, its
/// JSON lines and its printed lines are read alike.
enum LoopMetricNames {
    static func isStep(_ name: String) -> Bool {
        StepLossLinesReader.stepKeys.contains(name.lowercased())
    }

    enum Loss { case training, validation }

    /// Whose loss a name is; nil for no loss or another loss (`aux_loss`, `kl loss`).
    static func loss(_ name: String) -> Loss? {
        let parts = name.lowercased().split(whereSeparator: { " /-.".contains($0) }).map(String.init)
        guard let last = parts.last else { return nil }
        let prefix: String?
        if last == "loss" {
            prefix = parts.count > 1 ? parts[parts.count - 2] : nil
        } else if last.hasSuffix("_loss") {
            prefix = String(last.dropLast(5))
        } else if last.hasPrefix("loss_"), parts.count == 1 {
            prefix = String(last.dropFirst(5))  // loss_val, loss_train
        } else {
            return nil
        }
        guard let prefix else { return .training }
        if StepLossLinesReader.validationWords.contains(prefix) { return .validation }
        if StepLossLinesReader.trainingWords.contains(prefix) { return .training }
        return nil
    }

    /// The tag a column or key is read under: a loss by its role, anything else by its own name.
    static func tag(_ name: String) -> String {
        switch loss(name) {
        case .training?: MetricTag.trainLoss
        case .validation?: MetricTag.validationLoss
        case nil: name
        }
    }

    /// Whether these names are a loop's record: a step and at least one loss.
    static func holdStepAndLoss(_ names: some Sequence<String>) -> Bool {
        var step = false, loss = false
        for name in names {
            step = step || isStep(name)
            loss = loss || Self.loss(name) != nil
        }
        return step && loss
    }

    /// The first step name, where two are written (`step` and `iter`) the one the loop lists first.
    static func step(in names: [String]) -> Int? { names.firstIndex(where: isStep) }
}

/// A loop's own CSV (`csv.writer`, `pandas.to_csv`): a header with a step column and loss
/// columns (`step,loss,lr,tokens_per_sec`), one row a logging step; an empty cell is no point.
/// Tried after the CSVs of known tools (TensorBoard, W&B, Lightning), whose headers say whose
/// they are.
public struct LoopMetricsCSVReader: MetricLogReader {
    public init() {}

    public var formatName: String { "your own loop's CSV (a step column and loss columns)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard let header = head.csvHeader else { return false }
        return LoopMetricNames.holdStepAndLoss(header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var header: [String]?
        var stepColumn = 0
        var tags: [String] = []
        var points: [[MetricPoint]] = []
        var failure: Error?
        var cells: [UnsafeBufferPointer<UInt8>] = []
        data.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: false) { segment, lineNumber, _ in
                guard segment.contains(where: { !LinePattern.isBlank($0) }) else { return true }
                do {
                    guard let names = header else {
                        let trimmed = try Self.quotedCells(segment, path: path)
                        header = trimmed
                        stepColumn = LoopMetricNames.step(in: trimmed) ?? 0
                        tags = trimmed.map(LoopMetricNames.tag)
                        points = Array(repeating: [], count: trimmed.count)
                        return true
                    }
                    // Rows of numbers are split on their bytes; a row with a quote goes through the
                    // CSV parser, its cells laid end to end in one buffer. Either is one row below.
                    let row = Row(names: names, stepColumn: stepColumn, tags: tags, path: path, line: lineNumber)
                    if segment.contains(UInt8(ascii: "\"")) {
                        var joined: [UInt8] = []
                        let ranges = try Self.quotedCells(segment, path: path).map { cell -> Range<Int> in
                            joined += cell.utf8
                            return (joined.count - cell.utf8.count)..<joined.count
                        }
                        try joined.withUnsafeBufferPointer { bytes in
                            try row.read(ranges.map { UnsafeBufferPointer(rebasing: bytes[$0]) }, into: &points)
                        }
                        return true
                    }
                    // Each cell trimmed of blanks and a CRLF's carriage return, into a reused list.
                    cells.removeAll(keepingCapacity: true)
                    var cellStart = 0
                    for index in 0...segment.count where index == segment.count || segment[index] == UInt8(ascii: ",") {
                        var lower = cellStart, upper = index
                        while lower < upper, LinePattern.isBlank(segment[lower]) || segment[lower] == 0x0D { lower += 1 }
                        while upper > lower, LinePattern.isBlank(segment[upper - 1]) || segment[upper - 1] == 0x0D { upper -= 1 }
                        cells.append(UnsafeBufferPointer(rebasing: segment[lower..<upper]))
                        cellStart = index + 1
                    }
                    try row.read(cells, into: &points)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
        }
        if let failure { throw failure }
        return LoopMetricsJSONLinesReader.metrics(tags: tags, points: points, path: path, diagnostics: &diagnostics)
    }

    /// A line's cells through the CSV parser (quotes, commas inside them), trimmed.
    private static func quotedCells(_ segment: UnsafeBufferPointer<UInt8>, path: String) throws -> [String] {
        let text = String(decoding: segment, as: UTF8.self)
        return (try CSVTable.parse(text, path: path).first?.cells ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// One data row of the file: its step cell and a point for every other cell holding a number.
    private struct Row {
        var names: [String], stepColumn: Int, tags: [String], path: String, line: Int

        func read(_ cells: [UnsafeBufferPointer<UInt8>], into points: inout [[MetricPoint]]) throws {
            guard cells.count == names.count else { throw ReportError(path: path, line: line, "\(cells.count) cells where the header has \(names.count)") }
            guard let step = LoopMetricsCSVReader.wholeNumber(cells[stepColumn]) else {
                throw ReportError(path: path, line: line, "\(names[stepColumn]) '\(String(decoding: cells[stepColumn], as: UTF8.self))' is not a whole number")
            }
            for (column, cell) in cells.enumerated() where column != stepColumn {
                guard let value = LoopMetricsCSVReader.number(cell) else { continue }
                try MetricValueCheck.check(tag: tags[column], value: value, step: step, path: path, line: line)
                points[column].append(MetricPoint(step: step, value: value))
            }
        }
    }

    /// A cell that is a number and nothing else (`nan` and `inf` as Python writes them); nil for
    /// an empty cell or text (a note, a date), which is no point of a series.
    fileprivate static func number(_ cell: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !cell.isEmpty, let (value, end) = LogNumber.parse(cell, at: 0), end == cell.count else { return nil }
        return value
    }

    /// A step: a whole number (`12` or `12.0`, as pandas writes a float column), not negative.
    fileprivate static func wholeNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let value = number(cell), let step = WholeNumber.exact(value), step >= 0 else { return nil }
        return step
    }
}

/// A loop's own JSON lines (`f.write(json.dumps({"step": s, "loss": l, …}) + "\n")`): one flat
/// object a line with a step key and loss keys. A line without the step (a final summary) is no
/// point, and said; a line that is no JSON object is an error naming it.
public struct LoopMetricsJSONLinesReader: MetricLogReader {
    public init() {}

    public var formatName: String { "your own loop's JSON lines (a step key and loss keys)" }

    public func recognises(_ head: FileHead) -> Bool {
        guard let keys = head.firstLineObjectKeys else { return false }
        return LoopMetricNames.holdStepAndLoss(keys)
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var columns: [String: Int] = [:]
        var tags: [String] = [], isStep: [Bool] = []
        var points: [[MetricPoint]] = []
        var items: [FlatDictLine.Item] = []
        var withoutStep: [Int] = []
        var failure: Error?
        data.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: false) { segment, lineNumber, _ in
                guard segment.contains(where: { !LinePattern.isBlank($0) }) else { return true }
                guard FlatDictLine.parse(segment, into: &items, quote: .json) else {
                    failure = ReportError(path: path, line: lineNumber, "not a JSON object of keys and values on one line")
                    return false
                }
                var step: Int?
                for item in items {
                    if columns[item.key] == nil {
                        columns[item.key] = tags.count
                        tags.append(LoopMetricNames.tag(item.key))
                        isStep.append(LoopMetricNames.isStep(item.key))
                        points.append([])
                    }
                    if step == nil, isStep[columns[item.key]!], item.isWhole, let value = item.value, value >= 0, value < 1e15 { step = Int(value) }
                }
                guard let step else {
                    withoutStep.append(lineNumber)
                    return true
                }
                for item in items {
                    let column = columns[item.key]!
                    guard !isStep[column], let value = item.value else { continue }
                    if MetricValueCheck.isChecked(tags[column]) && !value.isFinite {
                        failure = MetricValueCheck.error(tag: tags[column], value: value, step: step, path: path, line: lineNumber)
                        return false
                    }
                    points[column].append(MetricPoint(step: step, value: value))
                }
                return true
            }
        }
        if let failure { throw failure }
        if let first = withoutStep.first {
            diagnostics.note("\(path): \(withoutStep.count) line(s) without a whole step (the first, line \(first): a summary?) hold no point")
        }
        return Self.metrics(tags: tags, points: points, path: path, diagnostics: &diagnostics)
    }

    /// The series of a loop's file. Two columns of one role (`loss` and `train_loss`) are one
    /// series; where both hold values at one step, the first column's is kept and the warning
    /// says so.
    static func metrics(tags: [String], points: [[MetricPoint]], path: String, diagnostics: inout Diagnostics) -> MetricSet {
        var series: [String: [MetricPoint]] = [:]
        for (column, tag) in tags.enumerated() where !points[column].isEmpty {
            if let earlier = series[tag] {
                let steps = Set(earlier.map(\.step))
                let clashes = points[column].filter { steps.contains($0.step) }.count
                if clashes > 0 {
                    diagnostics.warn("\(path): two columns are read as '\(tag)' and both hold values at \(clashes) step(s); the first column's are kept")
                }
                series[tag] = (earlier + points[column].filter { !steps.contains($0.step) }).sorted { $0.step < $1.step }
            } else {
                series[tag] = points[column]
            }
        }
        return MetricSet(series: series)
    }
}
