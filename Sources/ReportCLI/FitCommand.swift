import ArgumentParser
import Foundation
import GQAReport

extension LawKind: ExpressibleByArgument {}

/// `report fit LAW FILE.csv`: fit one of the study's laws to your own points.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scaling law to the points of a CSV file.",
        discussion: """
            Laws: power-plus-constant  L(x) = a·x^(−b) + c
                  size-law             L(N) = (a/N)^b + E
                  chinchilla           L(N, D) = E + A/N^alpha + B/D^beta  (needs --x2)
            Least-squares laws use MINPACK's Levenberg–Marquardt (as scipy's curve_fit); the \
            Chinchilla law is fitted as Hoffmann et al. do (Huber loss on ln L, δ = 1e-3, L-BFGS \
            from a grid of 4,500 starts). Standard errors come from the Jacobian; 95% intervals \
            from a bootstrap with a fixed seed.
            Exit status: 0 fitted, 1 the fit failed, 2 bad input (the message names the file, \
            row and column).
            """
    )

    @Argument(help: "The law: power-plus-constant, size-law or chinchilla.")
    var law: LawKind

    @Argument(help: ArgumentHelp("A CSV file with a header row.", valueName: "file.csv"))
    var file: String

    @Option(help: ArgumentHelp("The column of the input x (n_h, N, a cost).", valueName: "column"))
    var x: String

    @Option(help: ArgumentHelp("The column of the second input (D, tokens) for chinchilla.", valueName: "column"))
    var x2: String?

    @Option(help: ArgumentHelp("The column of the loss.", valueName: "column"))
    var y: String

    @Option(help: "Bootstrap resamples for the intervals.")
    var bootstrap = 500

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = FitOptions().seed

    @Flag(help: "Print one JSON object: law, parameters, stderr, r2, rmse, n.")
    var json = false

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
        let fit: Fit
        do {
            fit = try CurveFitter.fit(law, data, options: options)
        } catch {
            printError("error: \(file): \(error)")
            throw ExitCode.failure
        }
        print(json ? try FitReport.json(fit) : FitReport.text(fit))
    }
}
