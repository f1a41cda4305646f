import Foundation

/// The conventions a build uses, each a named, documented choice (site/methods.html, "Conventions in detail").
public struct BuildOptions: Sendable {
    /// Which N the cost formulas use (default: the paper's formula, as in its figures).
    public var parameterConvention: ParameterConvention = .default
    /// Bytes per stored value for memory in bytes (BF16: 2, as the paper assumes).
    public var bytesPerValue: Double = 2
    /// λ, α, β of Z (default: the paper's 0.9, 1/2, 1/3).
    public var hardwareCost: HardwareCost = .paperDefault
    /// Context lengths of the costs table: 8K, 32K, 128K, 512K and 1M tokens (K = 1024, as the
    /// paper's 128K = 131,072).
    public var contexts: [Int] = [8192, 32768, 131_072, 524_288, 1_048_576]

    /// The folders searched for runs (`--runs`), each with its label; nil: `Results/runs`.
    public var runFolders: [RunFolder]?
    /// The folders searched for runs, each labelled by its last path component.
    public var runRoots: [URL]? {
        get { runFolders?.map(\.url) }
        set { runFolders = newValue?.map { RunFolder(url: $0) } }
    }
    /// Which data decides every claim and the curves of the build (`--source`); nil: each
    /// claim's own setting in `Results/claims.xml`.
    public var source: SourceChoice?
    /// `--sweep NAME`: the sweep that decides every claim from runs; nil: for each claim, the
    /// one sweep that covers it (`SweepChoice`).
    public var sweep: String?

    /// Told as each run is read, for a progress line on a terminal; nil: silent.
    public var ingestProgress: (@Sendable (IngestProgress) -> Void)?

    /// `--runs-table FILE`; nil: `Results/runs.csv` where it exists.
    public var runsTable: URL?

    /// `--strict`: an input the build would go on without (an unreadable run, a file that is no
    /// log) is an error naming it, not a warning.
    public var strict = false

    public init() {}

    /// The folders whose files the artifact names by label: the runs folders, and a runs table's
    /// folder where the table lies outside them and the root (labelled by its folder's name).
    func labelledFolders(root: URL) -> [RunFolder] {
        var folders = runFolders ?? []
        if let table = runsTable?.standardizedFileURL,
           !([root] + folders.map(\.url)).contains(where: { ProjectLayout.path(table.path, under: $0) != nil }) {
            folders.append(RunFolder(url: table.deletingLastPathComponent()))
        }
        return folders
    }

    public var conventions: [CostConvention] { CostConvention.all(bytesPerValue: bytesPerValue) }

    /// Z is computed in Figure 2's units, which reproduce the paper's plotted Z values.
    public var zConvention: CostConvention { .figure2(bytesPerValue: bytesPerValue) }
}
