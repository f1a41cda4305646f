import Foundation

/// Reads the console of the Transformers `Trainer` and the trainers built on it (TRL,
/// LLaMA-Factory): every `Trainer.log` call prints its entry as a Python dict,
///
///     {'loss': 2.2818, 'learning_rate': 2.5e-06, 'epoch': 0.29}
///     {'eval_loss': 0.7417, 'eval_runtime': 30.28, …, 'epoch': 1.0}
///
/// anywhere in a line (behind a logging prefix such as LLaMA-Factory's `[INFO|…] logging.py:157
/// >> `, after a tqdm bar redrawn with carriage returns), values printed as numbers or, as
/// Transformers 5 prints them, as strings (`'loss': '2.897'`). The entries map to our tags as
/// `trainer_state.json`'s do (`TrainerLogEntries`). The dicts carry no step: a training entry
/// is the next logging step, numbered 1, 2, 3, … in the order printed, and an evaluation
/// belongs to the training entry before it; the epoch of each stays in `train/epoch`. An entry
/// that has its own `step` keeps it. Where the epoch goes back, a new `trainer.train()` began
/// in the same console: the last launch is read, and the warning says so.
public struct TrainerConsoleReader: MetricLogReader {
    public init() {}

    public var formatName: String { "Transformers Trainer console ({'loss': …, 'epoch': …} lines)" }

    private static let evidence = [Array("{'loss': ".utf8), Array("{'eval_loss': ".utf8)]

    public func recognises(_ head: FileHead) -> Bool {
        // A console that opens with its first dict starts like JSON, but with a single quote.
        head.isText && (!head.startsWithJSONObject || head.firstLine?.hasPrefix("{'") == true) && Self.hasEvidence(head.bytes)
    }

    /// Whether a Trainer dict line is anywhere in these bytes; the first may come after 64 KiB
    /// of model loading and dataset samples, so `MetricLogFormats.detect` asks it of a whole file.
    /// The dict must open a line (after blanks, a carriage return, or a logger's `>> `): a
    /// dict quoted inside other text (a README, a notebook) is not a console.
    static func hasEvidence(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return evidence.contains { needle in
                var from = 0
                while let found = ByteSearch.firstIndex(of: needle, in: bytes, from: from) {
                    var before = found
                    while before > 0, LinePattern.isBlank(bytes[before - 1]) { before -= 1 }
                    if before == 0 || bytes[before - 1] == 0x0A || bytes[before - 1] == 0x0D
                        || (before >= 2 && bytes[before - 1] == UInt8(ascii: ">") && bytes[before - 2] == UInt8(ascii: ">")) {
                        return true
                    }
                    from = found + 1
                }
                return false
            }
        }
    }

    /// The summary `Trainer.train` logs when it ends (the mean loss of the run): not a point.
    private static let summaryKeys = ["train_runtime", "train_loss", "total_flos"]

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        // Each key's role and series worked out once, when it first appears; a dict line is
        // parsed into a reused list, not a dictionary, as consoles run to millions of lines.
        var roles: [String: KeyRole] = [:]
        var tags: [String] = [], isLoss: [Bool] = []
        // Points are held against their entry and given a step once the whole console is read:
        // the progress bar's total, which places them, comes at the end.
        var entryPoints: [[(entry: Int32, value: Double)]] = []
        func role(of key: String) -> KeyRole {
            if let known = roles[key] { return known }
            let kind: KeyRole.Kind = switch key {
            case "loss": .trainingLoss
            case "epoch": .epoch
            case "step": .step
            case _ where Self.summaryKeys.contains(key): .summary
            case _ where key.hasPrefix("eval_"): .evaluation
            default: .other
            }
            var column: Int?
            if !TrainerLogEntries.bookkeeping.contains(key) {
                let tag = TrainerLogEntries.tag(key)
                column = tags.firstIndex(of: tag)
                if column == nil {
                    column = tags.count
                    tags.append(tag)
                    isLoss.append(MetricValueCheck.isChecked(tag))
                    entryPoints.append([])
                }
            }
            roles[key] = KeyRole(kind: kind, column: column)
            return roles[key]!
        }
        var entry: [FlatDictLine.Item] = []
        var entryRoles: [KeyRole] = []
        var entries: [PrintedEntry] = []
        var loggingStep = 0
        var lastEpoch: Double?
        var launches: [(line: Int, from: Double, to: Double)] = []
        var finishedBarTotal: Int?
        var cutLine: Int?
        var failure: Error?
        data.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: false) { segment, lineNumber, isCut in
                guard FlatDictLine.parse(segment, into: &entry) else {
                    if isCut, FlatDictLine.opens(segment) { cutLine = lineNumber }
                    if let bar = ProgressBarCount.parse(segment), bar.count == bar.total, bar.total > 0 {
                        finishedBarTotal = max(finishedBarTotal ?? 0, bar.total)
                    }
                    return true
                }
                var isTraining = false, isEvaluation = false
                var epoch: (value: Double, decimals: Int)?, ownStep: Int?
                entryRoles.removeAll(keepingCapacity: true)
                for item in entry {
                    let itemRole = role(of: item.key)
                    entryRoles.append(itemRole)
                    switch itemRole.kind {
                    case .trainingLoss: isTraining = isTraining || item.value != nil
                    case .epoch: epoch = item.value.map { ($0, item.decimals) }
                    case .step: if item.isWhole, let value = item.value, value >= 0 { ownStep = Int(value) }
                    case .summary: return true
                    case .evaluation: isEvaluation = true
                    case .other: break
                    }
                }
                guard isTraining || isEvaluation else { return true }
                if isTraining, let epoch {
                    if let last = lastEpoch, epoch.value < last {
                        launches.append((lineNumber, last, epoch.value))
                        for index in entryPoints.indices { entryPoints[index].removeAll() }
                        entries.removeAll()
                        loggingStep = 0
                        finishedBarTotal = nil
                    }
                    lastEpoch = epoch.value
                }
                if isTraining { loggingStep += 1 }
                let entryIndex = Int32(entries.count)
                entries.append(PrintedEntry(ordinal: ownStep ?? loggingStep, hasOwnStep: ownStep != nil,
                                            epoch: epoch.map { .init(epoch: $0.value, decimals: $0.decimals, isTraining: isTraining) }))
                for (item, itemRole) in zip(entry, entryRoles) {
                    guard let value = item.value, let index = itemRole.column else { continue }
                    // train/epoch is the training entries' (an evaluation's sits at the same step).
                    if itemRole.kind == .epoch && !isTraining { continue }
                    if isLoss[index] && !value.isFinite {
                        failure = MetricValueCheck.error(tag: tags[index], value: value, step: ownStep ?? loggingStep, path: path, line: lineNumber)
                        return false
                    }
                    entryPoints[index].append((entryIndex, value))
                }
                return true
            }
        }
        if let failure { throw failure }
        if let cutLine {
            diagnostics.warn("\(path):\(cutLine): the file ends inside a Trainer log line (the run was killed while printing it, or the copy was cut short); read to the line before")
        }
        if let last = launches.last {
            diagnostics.warn("\(path): \(launches.count + 1) training launches in one console (the epoch goes back from \(NumberFormat.real(last.from)) to \(NumberFormat.real(last.to)) at line \(last.line)); only the last launch is read")
        }
        // Entries that print their own step keep it; the others are placed from their epochs
        // where the console says the total, or numbered in the order printed.
        let printsSteps = entries.contains(where: \.hasOwnStep)
        let placed = printsSteps ? nil : TrainerConsoleSteps.place(entries.map(\.epoch), finishedBarTotal: finishedBarTotal)
        let steps = placed?.steps ?? entries.map(\.ordinal)
        var series: [String: [MetricPoint]] = [:]
        for (index, tag) in tags.enumerated() where !entryPoints[index].isEmpty {
            series[tag] = entryPoints[index].map { MetricPoint(step: steps[Int($0.entry)], value: $0.value) }
        }
        let metrics = MetricSet(series: series)
        let trainingEntries = metrics[MetricTag.trainLoss].count
        if let placed, trainingEntries > 0 {
            let placement = placed.loggingInterval.map { interval in
                "every training entry lies within ±\(NumberFormat.significant(placed.tolerance, digits: 2)) steps of a multiple of \(interval) (the logging interval), and sits on it"
                    + (placed.missingTrainingEntries > 0 ? "; \(placed.missingTrainingEntries) logging step(s) have no entry (lines lost from the capture?)" : "")
            } ?? "no single logging interval fits the entries, so each step is its epoch's estimate, within ±\(NumberFormat.significant(placed.tolerance, digits: 2)) steps"
            diagnostics.note("\(path): the Trainer console prints no step: its entries are placed at optimiser steps from their epochs, as its progress bar finished at \(placed.totalSteps) steps (\(NumberFormat.significant(placed.stepsPerEpoch, digits: 6)) per epoch); \(placement); an evaluation is at the logging step of its epoch, or at its epoch's estimate")
        } else if let trainingSteps = metrics[MetricTag.trainLoss].last?.step, !printsSteps {
            diagnostics.note("\(path): the Trainer console prints no step: its \(trainingEntries) training entries are numbered 1 to \(trainingSteps) in the order printed (logging entries, not optimiser steps; no finished progress bar gives the steps); their epochs are in train/epoch")
        }
        return metrics
    }
}

/// One dict the console printed, before it has a step.
private struct PrintedEntry {
    /// Its own `step`, or its place among the training entries (an evaluation shares the one before).
    var ordinal: Int
    var hasOwnStep: Bool
    var epoch: TrainerConsoleSteps.Entry?
}

/// What a key of a Trainer entry is: its part in telling the entry apart, and its series (nil
/// for the logging's own bookkeeping).
private struct KeyRole {
    enum Kind { case trainingLoss, epoch, step, summary, evaluation, other }
    var kind: Kind
    var column: Int?
}
