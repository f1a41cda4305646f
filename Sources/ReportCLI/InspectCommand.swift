import ArgumentParser
import Foundation
import GQAReport

/// `report inspect PATH`: what one run directory parses into.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a run directory or a log file parses into.",
        discussion: "A folder (a run directory, Results/runs, or a trainer's whole output folder): every run found in it as `build --runs` finds them, with configuration, parameter counts, final loss, metric series, input hashes and the evidence that tied each log to its run, and the files no run claims. A file: a TensorBoard event file, a trainer stdout log, your own loop's printed lines, CSV or JSON lines, a W&B history CSV, or lm-evaluation-harness results; `--format F` reads it with a format you declare."
    )

    @OptionGroup var project: ProjectOptions

    /// A folder of runs (or one run directory), or one log file.
    @Argument(help: ArgumentHelp("A run directory, a folder of runs (a trainer's output), or one log or results file.", valueName: "path"))
    var path: String

    @OptionGroup var runsTable: RunsTableOption

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("A declared log format (a log-format.json: a regular expression with named groups and the sample lines it must read) to read the file with; without it, a log-format.json in the file's folder or above applies.", valueName: "format-file"))
    var format: String?

    func run() throws {
        let url = URL(fileURLWithPath: path)
        if FileTree.isRegularFile(url) {
            print(try reportingErrors {
                let declared = try format.map { try DeclaredLogFormat.load(URL(fileURLWithPath: $0), layout: project.layout) }
                    ?? DeclaredLogFormat.applying(to: url, layout: project.layout)
                return try FileInspection.inspect(url, layout: project.layout, json: json, declared: declared)
            })
            return
        }
        if format != nil {
            throw ValidationError("--format applies to one log file; for a folder, put the format as \(DeclaredLogFormat.fileName) beside its logs")
        }
        let inspection = try reportingErrors { try FolderInspection.inspect(url, layout: project.layout, runsTable: runsTable.url) }
        print(json ? try inspection.json() : inspection.text)
    }
}
