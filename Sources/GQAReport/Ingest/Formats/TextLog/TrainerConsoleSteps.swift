import Foundation

/// Where a Trainer console's entries belong on the optimiser-step axis. The dicts print no
/// step, but each prints its epoch (`global_step / steps_per_epoch`, rounded to the digits it
/// shows) and the console's progress bar prints the run's total steps (`45000/45000 [4:11:53<…]`).
/// Once the bar reached its total, the last epoch logged gives the steps per epoch, and each
/// entry's epoch its step within the rounding. The Trainer logs every `logging_steps`, so where
/// exactly one logging interval puts every training entry on one of its multiples within that
/// rounding, the steps are exact; an entry lost from the capture (a progress bar drawn over it)
/// leaves a gap, not a shift.
struct TrainerConsoleSteps: Equatable {
    /// Each entry's step, in the order of the entries given.
    var steps: [Int]
    /// The logging interval every training entry sits on a multiple of; nil where the steps are
    /// the epochs' estimates, within `tolerance`.
    var loggingInterval: Int?
    var totalSteps: Int
    var stepsPerEpoch: Double
    /// Half a unit of the epochs' last printed digit, in steps.
    var tolerance: Double
    /// Multiples of the logging interval with no training entry (lines lost from the capture).
    var missingTrainingEntries: Int

    struct Entry: Equatable {
        var epoch: Double
        /// Digits after the point as printed (`0.22` → 2): the rounding of the epoch.
        var decimals: Int
        var isTraining: Bool
    }

    /// nil where no step can be known: no finished progress bar, an entry without an epoch, or
    /// epochs that do not grow with the entries.
    static func place(_ entries: [Entry?], finishedBarTotal total: Int?) -> TrainerConsoleSteps? {
        guard let total, total > 0, !entries.isEmpty else { return nil }
        let known = entries.compactMap { $0 }
        guard known.count == entries.count, let lastEpoch = known.map(\.epoch).max(), lastEpoch > 0,
              known.contains(where: \.isTraining) else { return nil }
        let perEpoch = Double(total) / lastEpoch
        // Each epoch within half a unit of its last printed digit (Python prints a float's
        // shortest form, so a rounded 1.0 shows one digit: its bound is looser, never wrong).
        let tolerances = known.map { 0.5 * pow(10, -Double($0.decimals)) * perEpoch }
        let estimates = known.map { $0.epoch * perEpoch }
        let training = known.indices.filter { known[$0].isTraining }
        let tolerance = training.map { tolerances[$0] }.max() ?? 0

        // Logging intervals that put every training entry on its own multiple, within the rounding.
        let first = estimates[training[0]], firstTolerance = tolerances[training[0]]
        var fitting: [(interval: Int, multiples: [Int])] = []
        let low = max(1, Int((first - firstTolerance).rounded(.up))), high = Int((first + firstTolerance).rounded(.down))
        if low <= high, high - low <= 10_000 {
            for interval in low...high {
                var multiples: [Int] = []
                for index in training {
                    let multiple = Int((estimates[index] / Double(interval)).rounded())
                    guard multiple >= 1, abs(Double(multiple * interval) - estimates[index]) <= tolerances[index],
                          multiples.last.map({ multiple > $0 }) ?? true else { break }
                    multiples.append(multiple)
                }
                if multiples.count == training.count { fitting.append((interval, multiples)) }
            }
        }
        var steps = estimates.map { Int($0.rounded()) }
        guard zip(steps, steps.dropFirst()).allSatisfy({ $0 <= $1 }), steps.last! <= total else { return nil }
        guard fitting.count == 1, let found = fitting.first else {
            // Estimates that put two training entries on one step (epochs printed too coarsely
            // for the logging interval) would merge them: no step can be known.
            let trainingSteps = training.map { steps[$0] }
            guard zip(trainingSteps, trainingSteps.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
            return TrainerConsoleSteps(steps: steps, loggingInterval: nil, totalSteps: total, stepsPerEpoch: perEpoch,
                                       tolerance: tolerance, missingTrainingEntries: 0)
        }
        var previousTraining: Int?
        for (index, entry) in known.enumerated() {
            if entry.isTraining {
                steps[index] = found.multiples[training.firstIndex(of: index)!] * found.interval
                previousTraining = index
            } else if let previous = previousTraining, known[previous].epoch == entry.epoch {
                // An evaluation due at a logging step runs right after that step's log.
                steps[index] = steps[previous]
            }
        }
        return TrainerConsoleSteps(steps: steps, loggingInterval: found.interval, totalSteps: total, stepsPerEpoch: perEpoch,
                                   tolerance: tolerance, missingTrainingEntries: found.multiples.last! - found.multiples.count)
    }
}

/// A tqdm progress bar's count as printed: `…| 9740/45000 [54:21<3:10:32,  3.08it/s]`.
enum ProgressBarCount {
    private static let bar = Array("| ".utf8)

    /// The count and total of the bar in this segment of a line, if one is drawn there.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (count: Int, total: Int)? {
        var from = 0
        while let found = ByteSearch.firstIndex(of: bar, in: line, from: from) {
            from = found + 1
            var index = found + 2
            guard let count = digits(line, &index), index < line.count, line[index] == UInt8(ascii: "/") else { continue }
            index += 1
            guard let total = digits(line, &index), index + 1 < line.count, line[index] == UInt8(ascii: " "),
                  line[index + 1] == UInt8(ascii: "[") else { continue }
            return (count, total)
        }
        return nil
    }

    private static func digits(_ line: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        let start = index
        var value = 0
        while index < line.count, line[index] &- 0x30 < 10, index - start < 12 {
            value = value * 10 + Int(line[index] &- 0x30)
            index += 1
        }
        return index > start ? value : nil
    }
}
