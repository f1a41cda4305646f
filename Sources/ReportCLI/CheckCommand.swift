import ArgumentParser
import Foundation
import GQAReport

/// `report check`: the CI gate. Rebuilds in memory, prints every claim's verdict, and fails
/// when a required claim fails or the committed outputs are not what the inputs give.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print every claim's verdict; fail if a required claim fails or the outputs are stale.",
        discussion: """
            Writes nothing. Exits 0 when every required claim holds (or cannot be checked) and \
            Results/tables/ and site/ (or those under --out) are what a fresh build gives; 1 otherwise. A claim that \
            cannot be checked says which data is missing; it does not fail the check.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var caching: CacheOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print the claims as JSON (an array of objects) on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "Also print the basis and details of every verdict.")
    var verbose = false

    func run() throws {
        let layout = output.layout(project)
        var context = BuildContext(layout: layout, options: data.options, cache: caching.cache(for: layout))
        try reportingErrors { try BuildPipeline.standard.run(&context) }
        printWarnings(context.diagnostics, verbose: verbose)
        print(json ? try ClaimsReport.json(context.claims) : ClaimsReport.text(context.claims, verbose: verbose))
        var failed = false
        if let failing = failingRequiredClaims(context.claims) {
            printError("error: required claim(s) failed: \(failing)")
            failed = true
        }
        let problems = OutputComparison(layout: layout).differences(from: context.outputs)
        if !problems.isEmpty {
            for change in OutputComparison.figureChanges(built: context.figureRecords, committed: context.committedFigures) { printError(change) }
            for problem in problems { printError(problem) }
            printError("error: \(problems.count) output file(s) differ from a fresh build; " + (output.out == nil
                ? "run `swift run report` and commit the result" : "run `report build` with the same options to write them"))
            failed = true
        }
        if failed { throw ExitCode.failure }
        if !json { printError("ok: required claims hold or cannot be checked; \(output.shown(layout)) are up to date") }
    }
}
