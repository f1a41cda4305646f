import ArgumentParser
import Foundation
import GQAReport

/// `report-benchmarks coverage`: how often the fits' 95% intervals hold the truth, on points
/// drawn from a known size law like the study's (`IntervalCoverage.studySizeLaw`), at each
/// number of points, with the bootstrap the build uses and with each method forced. Prints the
/// coverage table of site/methods.html.
struct CoverageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Coverage of the fits' 95% intervals on synthetic size laws (n = 4, 5, 6, 10, 30 by default).")

    @Option(help: "Comma-separated numbers of points.")
    var points = "4,5,6,10,30"

    @Option(help: "Trials per row.")
    var trials = 1000

    @Option(help: "Bootstrap resamples per fit.")
    var bootstrap = 500

    @Option(help: "The noise's standard deviation (the digitized losses' is about 0.003).")
    var noise = 0.003

    func run() throws {
        let sizes = points.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        print("size law (3.75e7/N)^0.226 + 2.12, N from 50 M to 600 M evenly in log N, noise sd \(noise); \(trials) trials, \(bootstrap) resamples each")
        print("| n | bootstrap | trials with intervals | b covered | E covered | band at 2× the largest N covered |")
        print("|---|---|---|---|---|---|")
        for n in sizes {
            for (label, minimum) in [("as built", FitOptions().caseResamplingMinimumDistinct), ("cases forced", 0), ("residuals forced", Int.max)] {
                var options = FitOptions()
                options.bootstrapSamples = bootstrap
                options.caseResamplingMinimumDistinct = minimum
                let start = Date()
                let result = IntervalCoverage.measure(.studySizeLaw(points: n, noise: noise), trials: trials, seed: 2025, options: options)
                let method = label != "as built" ? label : (n >= minimum ? "as built: cases" : "as built: residuals")
                func percent(_ rate: Double) -> String { String(format: "%.1f%%", 100 * rate) }
                print("| \(n) | \(method) | \(result.withIntervals) of \(result.trials) | \(percent(result.rate(1))) | \(percent(result.rate(2))) | \(percent(result.predictionRate)) |"
                      + String(format: " (%.1f s)", Date().timeIntervalSince(start)))
            }
        }
    }
}
