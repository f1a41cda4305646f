import FlyingFox
import Foundation

/// Answers GET and HEAD for the files of site/, and with live reload on, the build status and
/// the reload script (`LiveReload`). Paths are resolved inside site/ only: a request with ".."
/// or one that leads out through a link is refused.
struct SiteFileHandler: HTTPHandler {
    let site: URL
    /// nil: serve site/ as it is, with no reload script and no status.
    let status: BuildStatus?

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf",
        "xml": "application/xml", "xsd": "application/xml", "csv": "text/csv; charset=utf-8",
        "tex": "text/plain; charset=utf-8", "cff": "text/plain; charset=utf-8", "txt": "text/plain; charset=utf-8",
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else { return plain(.methodNotAllowed, "only GET and HEAD") }
        if let status {
            if request.path == LiveReload.statusPath { return response(status.json, type: "application/json", for: request) }
            if request.path == LiveReload.scriptPath { return response(Data(LiveReload.script.utf8), type: Self.contentTypes["js"]!, for: request) }
        }
        guard let file = resolve(request.path) else {
            return page(.notFound, "Not found: \(request.path)", for: request)
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return page(.notFound, "Cannot read \(file.lastPathComponent)", for: request)
        }
        let type = Self.contentTypes[file.pathExtension.lowercased()] ?? "application/octet-stream"
        let body = status != nil && file.pathExtension == "html" ? LiveReload.inject(into: data) : data
        return response(body, type: type, for: request)
    }

    /// The file a URL path names under site/ ("/" and folders → their index.html).
    func resolve(_ path: String) -> URL? {
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") && $0 != "." }) else { return nil }
        var url = parts.reduce(site) { $0.appendingPathComponent($1) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            url.appendPathComponent("index.html")
        }
        let root = site.resolvingSymlinksInPath().path + "/"
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root), FileManager.default.fileExists(atPath: resolved.path) else { return nil }
        return resolved
    }

    private func response(_ body: Data, type: String, for request: HTTPRequest, code: HTTPStatusCode = .ok) -> HTTPResponse {
        // no-store: a reload after a rebuild must fetch the new files, never a cached page.
        HTTPResponse(statusCode: code, headers: [.contentType: type, .cacheControl: "no-store"],
                     body: request.method == .HEAD ? Data() : body)
    }

    private func plain(_ code: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: code, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((message + "\n").utf8))
    }

    /// An HTML page, so a missing site (no build yet) still reloads once a build makes it.
    private func page(_ code: HTTPStatusCode, _ message: String, for request: HTTPRequest) -> HTTPResponse {
        let escaped = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        var html = Data("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(code.code)</title></head><body><p>\(escaped)</p></body></html>\n".utf8)
        if status != nil { html = LiveReload.inject(into: html) }
        return response(html, type: Self.contentTypes["html"]!, for: request, code: code)
    }
}
