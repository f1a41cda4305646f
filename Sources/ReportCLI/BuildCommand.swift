import Foundation
import ArgumentParser
import GQAReport

/// `report build` (the default): the whole pipeline, then an atomic write of the outputs.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Rebuild Results/tables/ and site/ (or those under --out) from the runs (the default command).",
        discussion: "Exits 1 with a message naming the file (and line) when an input is unreadable (with --strict) or a table does not validate; the previous outputs are then left as they were. Exits 1 too when a required claim fails, after writing the outputs, which show it."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var caching: CacheOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    /// Print only errors.
    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    @Flag(help: "Print how long each step took.")
    var timings = false

    @Flag(name: .shortAndLong, help: "List each warning a folded one stands for (the example runs' undetermined curves).")
    var verbose = false

    func run() throws {
        let layout = output.layout(project)
        let steps = BuildPipeline.standard.steps.count
        var done = 0
        var started = DispatchTime.now().uptimeNanoseconds
        var previous: String?
        func finish() {
            let now = DispatchTime.now().uptimeNanoseconds
            if timings, let previous { printError(String(format: "      %.3f s  %@", Double(now - started) / 1e9, previous)) }
            started = now
        }
        let context = try reportingErrors {
            var options = data.options
            if quiet { options.ingestProgress = nil }
            return try BuildPipeline.standard.build(layout: layout, options: options, cache: caching.cache(for: layout),
                                             waiting: { printError("note: \($0)") }) { step in
                finish()
                previous = step
                done += 1
                if !quiet { printError("[\(min(done, steps + 1))/\(steps + 1)] \(step)") }
            }
        }
        finish()
        printWarnings(context.diagnostics, verbose: verbose)
        if !quiet {
            let tables = context.outputs.paths(in: .tables).count
            let pages = context.outputs.paths(in: .site).count
            print("built \(context.runs.count) runs: \(tables) tables in \(layout.relativePath(layout.tables))/, \(pages) files in \(layout.relativePath(layout.site))/")
        }
        // The outputs are written all the same: they show the failing claim and why. The exit
        // status is for CI, as `report check`'s is.
        if let failing = failingRequiredClaims(context.claims) {
            printError("error: required claim(s) failed: \(failing) (written all the same; `report check -v` says why)")
            throw ExitCode.failure
        }
    }
}
