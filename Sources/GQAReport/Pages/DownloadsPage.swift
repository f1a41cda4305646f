import Foundation

/// `downloads.html`: every XML table with its schema, and a CSV of each.
enum DownloadsPage {
    static let template = "downloads.html"

    static func context(_ files: [(path: String, description: String, data: Data)]) -> [String: Any] {
        SiteLayout.context(title: "Downloads", current: "downloads.html", [
            "files": files.map { ["path": $0.path, "description": $0.description, "bytes": $0.data.count, "sha256": FileDigest.sha256Hex($0.data)] },
        ])
    }
}
