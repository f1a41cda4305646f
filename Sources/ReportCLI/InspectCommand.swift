import ArgumentParser
import Foundation
import GQAReport

/// `report inspect PATH`: what one run directory parses into.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a run directory or a log file parses into.",
        discussion: "A folder (a run directory, Results/runs, or a trainer's whole output folder): every run found in it as `build --runs` finds them, with configuration, parameter counts, final loss, metric series, input hashes and the evidence that tied each log to its run, and the files no run claims. A file: a TensorBoard event file, a trainer stdout log, JSON-lines metrics, a W&B history CSV, or lm-evaluation-harness results."
    )

    @OptionGroup var project: ProjectOptions

    /// A folder of runs (or one run directory), or one log file.
    @Argument(help: ArgumentHelp("A run directory, a folder of runs (a trainer's output), or one log or results file.", valueName: "path"))
    var path: String

    @OptionGroup var runsTable: RunsTableOption

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: path)
        if FileTree.isRegularFile(url) {
            print(try reportingErrors { try FileInspection.inspect(url, layout: project.layout, json: json) })
            return
        }
        let inspection = try reportingErrors { try FolderInspection.inspect(url, layout: project.layout, runsTable: runsTable.url) }
        print(json ? try inspection.json() : inspection.text)
    }
}
