import Foundation

/// Compares a build's outputs with the files on disk, for `report check`.
public struct OutputComparison: Sendable {
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    /// One line per file that is stale, missing or not produced by the build.
    public func differences(from outputs: OutputSet) -> [String] {
        var problems: [String] = []
        for area in OutputArea.allCases {
            let directory = area.directory(in: layout)
            let expected = outputs.paths(in: area)
            for path in expected {
                let url = directory.appendingPathComponent(path)
                let shown = layout.relativePath(url)
                guard let onDisk = FileManager.default.contents(atPath: url.path) else {
                    problems.append("missing: \(shown)")
                    continue
                }
                if onDisk != outputs.data(at: path, in: area) { problems.append("stale: \(shown)") }
            }
            for path in FileTree.regularFiles(under: directory) where !expected.contains(path) {
                problems.append("not produced by the build: \(layout.relativePath(directory.appendingPathComponent(path)))")
            }
        }
        return problems
    }

    /// One line per figure whose content (`FigureContent`) differs from the committed
    /// manifest's, naming it: its files differ too, and this says why. Empty when nothing is
    /// committed (a first build).
    public static func figureChanges(built: [FigureRecord], committed: [String: FigureRecord]) -> [String] {
        guard !committed.isEmpty else { return [] }
        var lines: [String] = []
        for record in built {
            guard let before = committed[record.name] else {
                lines.append("figure \(record.name): new, not in the committed artifact")
                continue
            }
            if before.content != record.content {
                lines.append("figure \(record.name): what it shows changed (content \(before.content.prefix(12)) committed, \(record.content.prefix(12)) from this build's data)")
            }
        }
        let names = Set(built.map(\.name))
        for name in committed.keys.sorted() where !names.contains(name) {
            lines.append("figure \(name): in the committed artifact, no longer built")
        }
        return lines
    }
}
