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
}
