import ArgumentParser
import Foundation
import GQAReport

extension LawKind: ExpressibleByArgument {}

/// The loss of a Chinchilla fit, as `--loss` names it.
enum ChinchillaLossName: String, ExpressibleByArgument, CaseIterable {
    case huber, squares
}

/// `report fit LAW FILE.csv`: fit one of the study's laws to your own points.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scaling law to the points of a CSV file, predict with it, and check it on held-out sizes.",
        discussion: """
            Laws: power-plus-constant          L(x) = a·x^(−b) + c
                  size-law                     L(N) = (a/N)^b + E
                  chinchilla                   L(N, D) = E + A/N^alpha + B/D^beta  (needs --x2)
                  chinchilla-shared-exponent   L(N, D) = E + A/N^alpha + B/D^alpha (needs --x2)
            One-input laws are fitted by least squares on L (variable projection, polished with \
            MINPACK's Levenberg–Marquardt: scipy's curve_fit's optimum). Chinchilla laws are fitted \
            as Hoffmann et al. do: on ln L with the Huber loss (δ = 1e-3; --loss squares for least \
            squares on ln L), L-BFGS from the best 20 of a grid of 4,500 starts (900 with a shared \
            exponent).
            Standard errors: s²·(JᵀJ)⁻¹ at the optimum, computed with J's columns scaled (so a \
            scale parameter of 1e9 does not lose them); where there are none, the reason is printed. \
            95% intervals: percentiles of bootstrap refits with a fixed seed; one-input laws with \
            fewer than 10 distinct x resample residuals (widened to Student's t), others the points.
            --predict evaluates the law with its 95% band and says "extrapolation" with the factor \
            when an input lies outside the fitted range. --holdout-largest K refits without the K \
            largest x and predicts them, with absolute and relative errors.
            Exit status: 0 fitted, 1 the fit failed, 2 bad input (the message names the file, \
            row and column).
            """
    )

    @Argument(help: "The law: power-plus-constant, size-law, chinchilla or chinchilla-shared-exponent.")
    var law: LawKind

    @Argument(help: ArgumentHelp("A CSV file with a header row.", valueName: "file.csv"))
    var file: String

    @Option(help: ArgumentHelp("The column of the input x (n_h, N, a cost).", valueName: "column"))
    var x: String

    @Option(help: ArgumentHelp("The column of the second input (D, tokens) for the chinchilla laws.", valueName: "column"))
    var x2: String?

    @Option(help: ArgumentHelp("The column of the loss.", valueName: "column"))
    var y: String

    @Option(help: "Bootstrap resamples for the intervals (0: none).")
    var bootstrap = 500

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = FitOptions().seed

    @Option(help: ArgumentHelp("The loss of a chinchilla fit on ln L: huber (δ = 1e-3) or squares.", valueName: "loss"))
    var loss: ChinchillaLossName = .huber

    @Option(name: .customLong("predict"), parsing: .singleValue,
            help: ArgumentHelp("Predict at X (X,X2 for the chinchilla laws), with a 95% interval; repeatable.", valueName: "x[,x2]"))
    var predictions: [String] = []

    @Option(help: ArgumentHelp("Refit without the K largest x values and predict them.", valueName: "K"))
    var holdoutLargest: Int?

    @Flag(help: "Print one JSON object (Results/schemas/fit.schema.json): parameters, stderr, intervals, bootstrap, ranges, predictions, hold-out.")
    var json = false

    func validate() throws {
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more") }
        if let holdoutLargest, holdoutLargest < 1 { throw ValidationError("--holdout-largest must be 1 or more") }
        if loss != .huber && !law.isChinchilla { throw ValidationError("--loss applies to the chinchilla laws; \(law.rawValue) is fitted by least squares on L") }
        _ = try points()
    }

    /// The --predict values, each checked: as many numbers as the law has inputs, all > 0.
    private func points() throws -> [(x: Double, x2: Double?)] {
        let inputs = law.law.inputCount
        return try predictions.map { text in
            let numbers = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == inputs, numbers.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else {
                throw ValidationError("--predict '\(text)': \(law.rawValue) takes \(inputs == 1 ? "one positive number (x)" : "two positive numbers, x,x2")")
            }
            return (numbers[0]!, inputs == 2 ? numbers[1]! : nil)
        }
    }

    func run() throws {
        let data: FitData
        do {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw ReportError(path: file, "cannot read the file")
            }
            data = try FitTableReader.read(bytes, path: file, law: law, x: x, x2: x2, y: y)
        } catch let error as ReportError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var options = FitOptions()
        options.bootstrapSamples = bootstrap
        options.chinchillaBootstrapSamples = bootstrap
        options.seed = seed
        options.chinchillaLoss = loss == .squares ? .squares : .huber(delta: ChinchillaLaw.huberDelta)
        let fit: Fit
        let holdout: HoldoutCheck?
        do {
            fit = try CurveFitter.fit(law, data, options: options)
            holdout = try holdoutLargest.map { try HoldoutCheck.run(law, data, largest: $0, options: options) }
        } catch {
            printError("error: \(file): \(error)")
            throw ExitCode.failure
        }
        let report = FitReport(fit: fit, inputNames: [x] + (x2.map { [$0] } ?? []),
                               predictions: try points().map { Prediction(fit, x: $0.x, x2: $0.x2) }, holdout: holdout)
        print(json ? try report.json() : report.text)
    }
}
