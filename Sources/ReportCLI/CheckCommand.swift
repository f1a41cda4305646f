import ArgumentParser
import Foundation
import GQAReport

/// `report check`: the CI gate. Rebuilds in memory and fails when the committed outputs are
/// not what the inputs give.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that the inputs read, the tables validate, and Results/tables/ and site/ are up to date.",
        discussion: "Writes nothing. Exits 0 when everything holds, 1 otherwise, listing each stale, missing or extra file."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let layout = project.layout
        var context = BuildContext(layout: layout)
        try reportingErrors { try BuildPipeline.standard.run(&context) }
        printWarnings(context.diagnostics)
        let problems = OutputComparison(layout: layout).differences(from: context.outputs)
        if problems.isEmpty {
            print("ok: \(context.runs.count) runs read, tables valid, Results/tables/ and site/ up to date")
        } else {
            for problem in problems { print(problem) }
            printError("error: \(problems.count) output file(s) differ from a fresh build; run `swift run report` and commit the result")
            throw ExitCode.failure
        }
    }
}
