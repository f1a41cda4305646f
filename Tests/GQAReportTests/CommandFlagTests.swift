import Foundation
import XCTest

import ArgumentParser
@testable import ReportCLI

/// The README's command table lists every flag each command's `--help` lists, and no other:
/// documentation that cannot drift from the tool.
final class CommandFlagTests: XCTestCase {
    /// The flags of the OPTIONS section of `--help`, each line's own (not one its prose names:
    /// inspect's discussion mentions `build --runs`, which inspect does not take).
    private func helpFlags(_ command: ParsableCommand.Type) -> Set<String> {
        let help = Report.helpMessage(for: command, columns: 400)
        let options = help.components(separatedBy: "\nOPTIONS:\n").dropFirst().first ?? ""
        let flags = options.split(separator: "\n").compactMap { line -> [String]? in
            // "  -q, --quiet   help…": the flags before the help text.
            guard let names = line.firstMatch(of: /^\s+((?:-[a-zA-Z], )?--[a-z][a-z0-9-]*)/) else { return nil }
            return names.output.1.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) }
        }
        return Set(flags.joined()).subtracting(["--help"])
    }

    /// The flags in the synopsis (first cell) of the command's row of the README's table.
    private func readmeFlags(_ command: String) throws -> Set<String> {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "\n## Commands\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        let rows = section.split(separator: "\n").filter {
            $0.hasPrefix("| `report \(command) ") || (command == "build" && $0.hasPrefix("| `report` / `report build"))
        }
        XCTAssertEqual(rows.count, 1, "one row of the command table for \(command)")
        guard let row = rows.first else { return [] }
        var inCode = false, cell = ""
        for character in row.dropFirst(2) {
            if character == "`" { inCode.toggle() }
            if character == "|" && !inCode { break }
            cell.append(character)
        }
        return Set(cell.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) })
    }

    func testTheCommandTableListsEveryFlagOfEveryCommand() throws {
        let commands: [(String, ParsableCommand.Type)] = [("build", BuildCommand.self), ("check", CheckCommand.self), ("inspect", InspectCommand.self),
                                                          ("fit", FitCommand.self), ("recommend", RecommendCommand.self), ("serve", ServeCommand.self)]
        for (command, type) in commands {
            let help = helpFlags(type), readme = try readmeFlags(command)
            XCTAssertFalse(help.isEmpty, command)
            XCTAssertEqual(help.subtracting(readme).sorted(), [], "\(command): flags in --help missing from the README's table")
            XCTAssertEqual(readme.subtracting(help).sorted(), [], "\(command): flags in the README's table that --help does not know")
        }
    }
}
