import Foundation

/// Where a generated file goes.
public enum OutputArea: String, CaseIterable, Sendable {
    /// `Results/tables/`
    case tables
    /// `site/`
    case site

    public func directory(in layout: ProjectLayout) -> URL {
        switch self {
        case .tables: return layout.tables
        case .site: return layout.site
        }
    }
}

/// The generated files of a build, held in memory until every step has passed.
public struct OutputSet: Sendable {
    public private(set) var files: [OutputArea: [String: Data]] = [:]

    public init() {}

    /// Adds a file at `path` (relative, `/`-separated) inside `area`.
    public mutating func add(_ data: Data, at path: String, in area: OutputArea) {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output paths stay inside their area")
        files[area, default: [:]][path] = data
    }

    public mutating func add(_ text: String, at path: String, in area: OutputArea) {
        add(Data(text.utf8), at: path, in: area)
    }

    public func paths(in area: OutputArea) -> [String] {
        (files[area] ?? [:]).keys.sorted()
    }

    public func data(at path: String, in area: OutputArea) -> Data? {
        files[area]?[path]
    }
}
