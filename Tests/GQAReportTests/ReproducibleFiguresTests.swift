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

    // MARK: figures compared by what they show

    private func figure(y: Double = 2.5, label: String = "H = 8") -> Figure {
        Figure(name: "f", title: "Loss", caption: "Loss against size", panels: [
            Axes(title: "panel", x: Axis("N", scale: .log), y: Axis("loss"),
                 marks: [.points(xs: [1e8, 2e8], ys: [3.1, y], color: .black, shape: .circle, label: label)]),
        ])
    }

    func testTheContentDigestChangesWithWhatTheFigureShowsOnly() {
        XCTAssertEqual(FigureContent.digest(figure()), FigureContent.digest(figure()))
        XCTAssertNotEqual(FigureContent.digest(figure()), FigureContent.digest(figure(y: 2.51)), "a moved point")
        XCTAssertNotEqual(FigureContent.digest(figure()), FigureContent.digest(figure(label: "H = 4")), "a changed label")
        var resized = figure()
        resized.panelWidth += 10
        XCTAssertNotEqual(FigureContent.digest(figure()), FigureContent.digest(resized), "a changed layout")
        // Below the digest's nine significant digits: two machines' last bits of a fit.
        XCTAssertEqual(FigureContent.digest(figure(y: 2.5)), FigureContent.digest(figure(y: 2.5 + 1e-13)))
    }

    /// The committed artifact as another renderer (another Cairo) would have drawn it: the
    /// figure `name`'s files get other bytes and its manifest entry names another Cairo. The
    /// pages that inline or list those files are then rebuilt from them, as they would be there.
    private func drawElsewhere(_ name: String, in project: TestProject, built: BuildContext) throws -> [String: Data] {
        var records = built.figureRecords
        let index = try XCTUnwrap(records.firstIndex { $0.name == name })
        var files: [String: Data] = [:]
        for (position, file) in records[index].files.enumerated() {
            let url = project.layout.site.appendingPathComponent(file.path)
            var data = try Data(contentsOf: url)
            data.append(contentsOf: file.path.hasSuffix(".svg") ? Array("<!-- another Cairo -->\n".utf8) : [0])
            try data.write(to: url)
            files[file.path] = data
            records[index].files[position] = InputFile(path: file.path, data: data)
        }
        records[index].renderer.libraries[0].version = "1.18.4-elsewhere"
        try project.write(FiguresTable.xml(records), to: project.layout.tables.appendingPathComponent(FiguresTable.fileName))
        return files
    }

    private func check(_ project: TestProject) throws -> (context: BuildContext, differences: [String], changes: [String]) {
        var context = BuildContext(layout: project.layout)
        try BuildPipeline.standard.run(&context)
        return (context, OutputComparison(layout: project.layout).differences(from: context.outputs),
                OutputComparison.figureChanges(built: context.figureRecords, committed: context.committedFigures))
    }

    func testAFigureFromAnotherRendererIsComparedByContentAndKept() throws {
        let project = try TestProject()
        try project.addRun("a", layers: 4, heads: 4, kvHeads: 2)
        try project.addRun("b", layers: 6, hidden: 384, heads: 4, kvHeads: 2)
        let built = try project.build()
        let name = try XCTUnwrap(built.figureRecords.first { $0.name == "loss-vs-size" }?.name)
        let elsewhere = try drawElsewhere(name, in: project, built: built)
        try project.build()  // pages follow the kept files: the artifact as the other machine left it
        let committed = project.outputHashes()
        for (path, data) in elsewhere {
            XCTAssertEqual(FileManager.default.contents(atPath: project.layout.site.appendingPathComponent(path).path), data, "\(path) kept")
        }

        let (context, differences, changes) = try check(project)
        XCTAssertEqual(differences, [], "check passes: the content is equal")
        XCTAssertEqual(changes, [])
        let note = try XCTUnwrap(context.diagnostics.notes.first)
        XCTAssertTrue(note.contains("Cairo 1.18.4-elsewhere") && note.contains("compared by content"), note)
        XCTAssertEqual(context.diagnostics.notes.count, 1, "said once")
        // A rebuild here leaves the artifact as it was (git status stays clean).
        try project.build()
        XCTAssertEqual(project.outputHashes(), committed)
        let page = try String(contentsOf: project.layout.site.appendingPathComponent("figure-\(name).html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<!-- another Cairo -->"), "the page inlines the kept SVG")
        XCTAssertTrue(page.contains("Cairo 1.18.4-elsewhere"), "the page says which renderer drew it")
    }

    func testAChangedPointFailsTheCheckNamingTheFigureWhateverTheRenderer() throws {
        let project = try TestProject()
        try project.addRun("a", layers: 4, heads: 4, kvHeads: 2)
        try project.addRun("b", layers: 6, hidden: 384, heads: 4, kvHeads: 2)
        let built = try project.build()
        _ = try drawElsewhere("loss-vs-size", in: project, built: built)
        try project.build()
        // One run's losses move: every figure that plots it shows something else now.
        try project.write(TestProject.log(steps: 20, start: 7.5), to: project.runDirectory("b").appendingPathComponent("stdout.log"))
        let (context, differences, changes) = try check(project)
        XCTAssertTrue(changes.contains { $0.hasPrefix("figure loss-vs-size: what it shows changed") }, "\(changes)")
        XCTAssertTrue(differences.contains("stale: site/figures/loss-vs-size.svg"), "\(differences)")
        XCTAssertTrue(differences.contains("stale: Results/tables/figures.xml"), "\(differences)")
        // A changed figure is drawn here, and the manifest says with what.
        let record = try XCTUnwrap(context.figureRecords.first { $0.name == "loss-vs-size" })
        XCTAssertEqual(record.renderer, RendererFingerprint.local)
    }

    func testATamperedFigureFileIsNotKept() throws {
        let project = try TestProject()
        try project.addRun("a", layers: 4, heads: 4, kvHeads: 2)
        let built = try project.build()
        _ = try drawElsewhere("loss-vs-size", in: project, built: built)
        try project.build()
        // The file no longer has the digest the manifest lists: it is drawn here, and stale.
        let svg = project.layout.site.appendingPathComponent("figures/loss-vs-size.svg")
        try (String(contentsOf: svg, encoding: .utf8) + "<!-- edited -->").write(to: svg, atomically: true, encoding: .utf8)
        let (context, differences, _) = try check(project)
        XCTAssertTrue(differences.contains("stale: site/figures/loss-vs-size.svg"), "\(differences)")
        XCTAssertEqual(context.figureRecords.first { $0.name == "loss-vs-size" }?.renderer, RendererFingerprint.local)
    }

    func testTwoBuildsHereAreByteIdenticalAndDrawnWithTheLocalRenderer() throws {
        let project = try TestProject()
        try project.addRun("a", layers: 4, heads: 4, kvHeads: 2)
        let first = try project.build()
        let hashes = project.outputHashes()
        try project.build()
        XCTAssertEqual(project.outputHashes(), hashes)
        XCTAssertTrue(first.figureRecords.allSatisfy { $0.renderer == RendererFingerprint.local })
        XCTAssertEqual(first.diagnostics.notes, [], "nothing compared by content on the renderer that drew it")
        XCTAssertEqual(RendererFingerprint.local.libraries.map(\.name), ["cairo", "freetype", "fontconfig", "zlib"])
        XCTAssertFalse(RendererFingerprint.local.libraries.contains { $0.version == "unknown" }, "\(RendererFingerprint.local.summary)")
    }
}
