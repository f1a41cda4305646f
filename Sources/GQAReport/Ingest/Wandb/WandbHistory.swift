import Foundation

/// The rows of a W&B history, whatever file they came from (`wandb-history.jsonl`,
/// `run.history().to_csv()`, `wandb-summary.json`), turned into metric series.
///
/// The step axis: W&B's `_step` counts `wandb.log` calls, not optimiser steps (nanoGPT logs
/// every 200 iterations without `step=`, so `"iter": 2000` sits at `"_step": 10`). A logged
/// training-step metric is preferred (`stepMetrics`, or the one `report.json` names); `_step`
/// is used only when there is none, with a warning. Keys starting with `_` are W&B's own.
/// Values that are not numbers (histograms, tables, media, graphs) are skipped with one
/// warning per key.
struct WandbHistory {
    /// A cell of a history row.
    enum Cell {
        case number(Double)
        case missing
        /// What a non-scalar value is ("histogram", "table", "a string"), for the warning.
        case other(String)
    }

    struct Row {
        /// The row's line (or record) number in its file.
        var line: Int
        var cells: [String: Cell]
    }

    /// Training-step metrics, in order of preference.
    static let stepMetrics = ["iter", "step", "train/global_step", "trainer/global_step", "global_step", "train/step"]
    static let callCounter = "_step"

    let stepMetric: String?
    /// What `Row.line` counts, for messages: text lines, or records of a binary file.
    var rowName = "line"

    func metrics(_ rows: [Row], path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        guard !rows.isEmpty else {
            diagnostics.warn("\(path): the W&B run logged nothing: its history has no rows (it stopped before its first wandb.log)")
            return MetricSet()
        }
        let axis = try self.axis(rows, path: path, diagnostics: &diagnostics)
        var points: [String: [MetricPoint]] = [:]
        var skipped: [String: (kind: String, rows: Int, firstLine: Int)] = [:]
        var rowsWithoutStep: [Int] = []
        var lastStep: Int?
        var restarts: [(line: Int, from: Int, to: Int)] = []
        for row in rows {
            guard case let .number(value)? = row.cells[axis] else { rowsWithoutStep.append(row.line); continue }
            guard let step = WholeNumber.exact(value), step >= 0 else {
                throw ReportError(path: path, line: rowName == "line" ? row.line : nil, "'\(axis)' must be a whole number, found \(value)" + (rowName == "line" ? "" : " (\(rowName) \(row.line))"))
            }
            // The step going back: another launch logged into the same W&B run (a resume, or a
            // notebook's second trainer.train()). As TensorBoard does, its points replace the
            // earlier ones from that step on.
            if let last = lastStep, step < last {
                restarts.append((row.line, last, step))
                for key in points.keys { points[key]!.removeAll { $0.step >= step } }
            }
            lastStep = step
            for key in row.cells.keys.sorted() where key != axis && !key.hasPrefix("_") {
                switch row.cells[key]! {
                case .missing: continue
                case let .other(kind):
                    let seen = skipped[key]
                    skipped[key] = (kind, (seen?.rows ?? 0) + 1, seen?.firstLine ?? row.line)
                case let .number(value):
                    try MetricValueCheck.check(tag: key, value: value, step: step, path: path, line: rowName == "line" ? row.line : nil)
                    points[key, default: []].append(MetricPoint(step: step, value: value))
                }
            }
        }
        for key in skipped.keys.sorted() {
            let entry = skipped[key]!
            diagnostics.warn("\(path): '\(key)' holds \(entry.kind) values, not numbers (\(entry.rows) row(s), first at \(rowName) \(entry.firstLine)); skipped")
        }
        if let first = restarts.first {
            diagnostics.warn("\(path): \(restarts.count + 1) launches logged into one W&B run: '\(axis)' goes back \(restarts.count) time(s), first from \(first.from) to \(first.to) at \(rowName) \(first.line); each later launch's points replace the earlier ones from its first step on")
        }
        if !rowsWithoutStep.isEmpty, axis != Self.callCounter {
            diagnostics.warn("\(path): \(rowsWithoutStep.count) row(s) have no '\(axis)' (first at \(rowName) \(rowsWithoutStep[0])); their values have no training step and are left out")
        }
        return MetricSet(series: points)
    }

    /// The key whose values are the training steps.
    private func axis(_ rows: [Row], path: String, diagnostics: inout Diagnostics) throws -> String {
        func logged(_ key: String) -> Bool {
            rows.contains { if case .number? = $0.cells[key] { return true } else { return false } }
        }
        if let stepMetric {
            guard logged(stepMetric) else {
                throw ReportError(path: path, "report.json names '\(stepMetric)' as the step metric, and no row logs it")
            }
            return stepMetric
        }
        if let known = Self.stepMetrics.first(where: logged) { return known }
        guard logged(Self.callCounter) else {
            throw ReportError(path: path, "no step: no row holds '_step' or a training-step metric (\(Self.stepMetrics.joined(separator: ", ")))")
        }
        diagnostics.warn("\(path): no training-step metric (\(Self.stepMetrics.joined(separator: ", "))), so W&B's '_step' is taken as the step; it counts wandb.log calls, which are training steps only if every step was logged. Name the right metric as \"step\" in the run's report.json")
        return Self.callCounter
    }

    /// A JSON value as a history cell. W&B writes NaN and infinities as strings.
    static func cell(_ value: JSONValue) -> Cell {
        switch value {
        case .null: return .missing
        case let .int(number): return .number(Double(number))
        case let .double(number): return .number(number)
        case .bool: return .other("boolean")
        case let .string(text): return nonFinite[text].map(Cell.number) ?? .other("text")
        case let .object(object):
            if case let .string(type)? = object["_type"] { return .other("'\(type)'") }
            return .other("object")
        case .array: return .other("array")
        }
    }

    static let nonFinite: [String: Double] = [
        "NaN": .nan, "nan": .nan, "Infinity": .infinity, "inf": .infinity, "-Infinity": -.infinity, "-inf": -.infinity,
    ]
}
