import Foundation
import XCTest

/// Runs one of Tests/Browser/*.py (headless Chromium through Selenium) from a Swift test, for
/// sites only a test can build. Skips where Chromium, its driver, Selenium or the debug
/// `report` binary is missing; CI installs them all, so there it always runs.
enum BrowserCheck {
    static var report: URL { Repository.root.appendingPathComponent(".build/debug/report") }

    static func run(_ script: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let needed = ["/usr/bin/chromium", "/usr/bin/chromedriver", report.path]
        try XCTSkipUnless(needed.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) },
                          "needs \(needed.joined(separator: ", ")) (CI has them)")
        try XCTSkipUnless(try runTool(["python3", "-c", "import selenium"]).status == 0, "needs Python's selenium (CI installs it)")
        let (status, output) = try runTool(["python3", Repository.root.appendingPathComponent("Tests/Browser/\(script)").path] + arguments,
                                           in: Repository.root)
        XCTAssertEqual(status, 0, "\(script):\n\(output)", file: file, line: line)
    }
}
