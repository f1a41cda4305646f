import Foundation

/// Writes a build's outputs so that a failure leaves the previous ones untouched: every file
/// goes into a staging folder beside the outputs first, and each output folder is then swapped
/// in with a rename.
public struct OutputWriter: Sendable {
    public static let stagingName = ".report-staging"
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    public func write(_ outputs: OutputSet) throws {
        let files = FileManager.default
        // Beside the output folders, so the final renames stay on one file system.
        let staging = layout.outputBase.appendingPathComponent(Self.stagingName, isDirectory: true)
        try? files.removeItem(at: staging)
        defer { try? files.removeItem(at: staging) }

        for area in OutputArea.allCases {
            let folder = staging.appendingPathComponent(area.rawValue, isDirectory: true)
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            for path in outputs.paths(in: area) {
                let url = folder.appendingPathComponent(path)
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                do {
                    try outputs.data(at: path, in: area)!.write(to: url)
                } catch {
                    throw ReportError(path: layout.relativePath(url), "cannot write the file: \(error.localizedDescription)")
                }
            }
        }
        for area in OutputArea.allCases {
            try swap(staging.appendingPathComponent(area.rawValue), into: area.directory(in: layout),
                     previous: staging.appendingPathComponent("previous-" + area.rawValue))
        }
    }

    private func swap(_ new: URL, into destination: URL, previous: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let hadPrevious = files.fileExists(atPath: destination.path)
        if hadPrevious {
            try files.moveItem(at: destination, to: previous)
        }
        do {
            try files.moveItem(at: new, to: destination)
        } catch {
            if hadPrevious { try? files.moveItem(at: previous, to: destination) }
            throw ReportError(path: layout.relativePath(destination), "cannot replace the folder: \(error.localizedDescription)")
        }
    }
}
