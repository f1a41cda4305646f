import ArgumentParser
import Foundation
import GQAReport

/// Options every command shares.
struct ProjectOptions: ParsableArguments {
    /// The folder holding Results/, Templates/ and site/.
    @Option(name: .long, help: ArgumentHelp("The project folder holding Results/, Templates/ and site/.", valueName: "dir"))
    var root: String = "."

    var layout: ProjectLayout {
        ProjectLayout(root: URL(fileURLWithPath: root, isDirectory: true))
    }
}

/// `--out DIR` of `build` and `check`: one's own sweep looked at without touching the project's
/// `Results/tables/` and `site/`.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("out"), help: ArgumentHelp(
        "Put the tables and the site in <dir>/tables/ and <dir>/site/ instead of <root>/Results/tables/ and <root>/site/, which are left as they are (check compares against <dir>).",
        valueName: "dir"))
    var out: String?

    /// The project's layout, its outputs moved to `--out` when given.
    func layout(_ project: ProjectOptions) -> ProjectLayout {
        ProjectLayout(root: project.layout.root, output: out.map { URL(fileURLWithPath: $0, isDirectory: true) })
    }

    /// How the outputs are named in messages: `Results/tables/ and site/`, or the two under --out.
    func shown(_ layout: ProjectLayout) -> String {
        "\(layout.relativePath(layout.tables))/ and \(layout.relativePath(layout.site))/"
    }
}

/// Prints to standard error: progress, warnings and errors stay out of piped output.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs `body`, turning a `ReportError` into one clear message and exit status 1. Any other
/// error (a file operation that failed, say) is put in words too, never printed raw.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ReportError {
        printError("error: \(error)")
        throw ExitCode.failure
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(ReportError.describing(error))")
        throw ExitCode.failure
    }
}

/// The ids of the required claims that fail ("C1, C5"), nil when none does: `build` and `check`
/// both exit 1 on them.
func failingRequiredClaims(_ claims: [ClaimResult]) -> String? {
    let failing = claims.filter(\.failsCI)
    return failing.isEmpty ? nil : failing.map(\.declaration.id).joined(separator: ", ")
}

func printWarnings(_ diagnostics: Diagnostics, verbose: Bool = false) {
    for note in diagnostics.notes { printError("note: \(note)") }
    for warning in diagnostics.warnings { printError("warning: \(warning)") }
    if verbose { for detail in diagnostics.details { printError("  - \(detail)") } }
}

/// `--no-cache`, for the commands that run the pipeline.
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("no-cache"), help: "Read every input and refit every curve: neither read nor write <root>/.report-cache/ (what earlier builds computed, reused where the inputs' contents are unchanged).")
    var noCache = false

    func cache(for layout: ProjectLayout) -> BuildCache? {
        noCache ? nil : BuildCache(root: layout.root)
    }
}

extension SourceChoice: ExpressibleByArgument {}

/// `--runs-table FILE`: `build`, `check`, `recommend`, `serve` (through `DataOptions`) and
/// `inspect`, which configure runs from it alike.
struct RunsTableOption: ParsableArguments {
    @Option(name: .customLong("runs-table"), help: ArgumentHelp(
        "A declared run table (CSV: run,layers,hidden_size,heads,kv_heads,vocab_size[,ffn_size,tied,context,tokens,head_size]) giving the model of runs whose trainer's files do not say it; `run` is a glob on a run's name or folder. Default: <root>/Results/runs.csv where it exists (site/guide-formats.html#the-runs-table).",
        valueName: "file"))
    var path: String?

    /// nil: the build's default, `Results/runs.csv` where it exists.
    var url: URL? { path.map { URL(fileURLWithPath: $0).standardizedFileURL } }
}

/// Where the runs are and which data decides the claims: `build`, `check` and `recommend`.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("runs"), help: ArgumentHelp(
        "A folder to search for runs, read in place: run directories and the logs of every trainer report reads, anywhere below it. Repeat for several folders. The tables and pages name its files from its label, NAME/…: the folder's last path component, or NAME given as NAME=PATH; files under <root> are named from <root>. Default: <root>/Results/runs.",
        valueName: "[name=]path"))
    var runs: [String] = []

    /// The `--runs` folders with their labels.
    var runFolders: [RunFolder] { runs.map { RunFolder.parse($0) } }

    func validate() throws {
        do { try RunFolder.checkLabels(runFolders) } catch let error as ReportError { throw ValidationError(error.description) }
    }

    @Option(help: ArgumentHelp(
        "Which data decides every claim and the searched curves: auto (the runs where they cover what a claim needs, else the digitized points), runs, or digitized. Default: each claim's own setting in Results/claims.xml (auto when unset).",
        valueName: "auto|runs|digitized"))
    var source: SourceChoice?

    @Option(help: ArgumentHelp(
        "The sweep that decides every claim from runs (report inspect and site/runs.html list the sweeps: runs of one vocabulary and training context, from scratch, or named by the runs table's sweep column). Default: for each claim, the one sweep that covers it; where several do, none decides until one is named.",
        valueName: "name"))
    var sweep: String?

    @OptionGroup var runsTable: RunsTableOption

    @Flag(help: "Fail on any input the build would go on without, naming each in one list: an unreadable run (a corrupt or cut-short log, a broken configuration), a file under the runs folders that is no log report reads, an empty file, a Git LFS pointer, an event file that cannot be read, a log tied to no run, a folder missing args.json or model_config.json. Without it these are warnings, and every other run is built (for CI).")
    var strict = false

    var options: BuildOptions {
        var options = BuildOptions()
        options.strict = strict
        options.runsTable = runsTable.url
        options.ingestProgress = TerminalProgress.forIngest()
        if !runs.isEmpty { options.runFolders = runFolders }
        options.source = source
        options.sweep = sweep
        return options
    }
}
