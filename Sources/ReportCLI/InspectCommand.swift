import ArgumentParser
import Foundation
import GQAReport

/// `report inspect PATH`: what one run directory parses into.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a run directory parses into: configuration, parameter counts, final loss, metric series, input hashes."
    )

    @OptionGroup var project: ProjectOptions

    /// A run directory (args.json, model_config.json, the trainer's log).
    @Argument(help: ArgumentHelp("A run directory in the authors' layout.", valueName: "path"))
    var path: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        let inspection = try reportingErrors { try RunInspection.inspect(url, layout: project.layout) }
        print(json ? try inspection.json() : inspection.text)
    }
}
