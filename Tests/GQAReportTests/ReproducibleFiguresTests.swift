import Foundation
import XCTest

@testable import GQAReport

/// Figures do not depend on the person who draws them: a build under a desktop fontconfig of
/// the kind people keep in `~/.config/fontconfig/fonts.conf` (full hinting, subpixel RGB,
/// autohint, an LCD filter) gives the same bytes as one without, so `report check` passes.
/// Before `FigureFonts`, that file made every PNG figure stale.
final class ReproducibleFiguresTests: XCTestCase {
    static let hostileFontconfig = """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig>
          <match target="font">
            <edit name="hinting" mode="assign"><bool>true</bool></edit>
            <edit name="hintstyle" mode="assign"><const>hintfull</const></edit>
            <edit name="rgba" mode="assign"><const>rgb</const></edit>
            <edit name="autohint" mode="assign"><bool>true</bool></edit>
            <edit name="antialias" mode="assign"><bool>true</bool></edit>
            <edit name="lcdfilter" mode="assign"><const>lcddefault</const></edit>
          </match>
          <alias><family>DejaVu Sans</family><prefer><family>DejaVu Serif</family></prefer></alias>
        </fontconfig>
        """

    func testAPersonsFontconfigChangesNoFigure() throws {
        let report = Repository.root.appendingPathComponent(".build/debug/report")
        guard FileManager.default.isExecutableFile(atPath: report.path) else {
            throw XCTSkip("\(report.path) is not built (swift build builds it): the check needs a process of its own, as fontconfig is read once a process")
        }
        let project = try TestProject()
        try project.addRun("a")
        try project.build()
        let home = project.root.appendingPathComponent("home")
        try project.write(Self.hostileFontconfig, to: home.appendingPathComponent(".config/fontconfig/fonts.conf"))
        let plain = try runTool([report.path, "check", "--root", project.root.path])
        XCTAssertFalse(plain.output.contains("stale"), plain.output)
        let (status, output) = try runTool(["HOME=\(home.path)", "XDG_CONFIG_HOME=\(home.path)/.config", report.path,
                                            "check", "--root", project.root.path])
        XCTAssertFalse(output.contains("stale"), output)
        XCTAssertFalse(output.contains("output file(s) differ"), output)
        XCTAssertEqual(status, plain.status, output)
    }
}
