import Foundation
import Mustache

/// The templates in `Templates/`: `*.mustache` files are Mustache templates (HTML-escaped by
/// default with `{{ }}`); every other file is copied into the site as it is.
public struct TemplateSet: Sendable {
    public static let templateExtension = "mustache"

    private var library = MustacheLibrary()
    private var templateNames: Set<String> = []
    /// Files copied verbatim, by path relative to `Templates/`.
    public private(set) var assets: [(path: String, data: Data)] = []

    public init(directory: URL, layout: ProjectLayout) throws {
        let shown = layout.relativePath(directory) + "/"
        guard FileTree.isDirectory(directory) else {
            throw ReportError(path: shown, "no templates folder")
        }
        for path in FileTree.regularFiles(under: directory) {
            let url = directory.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ReportError(path: layout.relativePath(url), "cannot read the template")
            }
            if url.pathExtension == Self.templateExtension {
                let name = String(path.dropLast(Self.templateExtension.count + 1))
                do {
                    try library.register(String(decoding: data, as: UTF8.self), named: name)
                } catch {
                    throw ReportError(path: layout.relativePath(url), "template does not parse: \(error)")
                }
                templateNames.insert(name)
            } else {
                assets.append((path, data))
            }
        }
    }

    /// Renders the template `name` (its path in `Templates/` without `.mustache`).
    public func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard templateNames.contains(name), let output = library.render(context, withTemplate: name) else {
            throw ReportError(path: "Templates/\(name).\(Self.templateExtension)", "template not found")
        }
        return output
    }
}
