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
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import selenium"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        try XCTSkipUnless(probe.terminationStatus == 0, "needs Python's selenium (CI installs it)")

        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.root.appendingPathComponent("Tests/Browser/\(script)").path] + arguments
        process.currentDirectoryURL = Repository.root
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(script):\n\(output)", file: file, line: line)
    }
}
