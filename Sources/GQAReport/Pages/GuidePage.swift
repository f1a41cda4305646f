import Foundation
import Ink

/// The site's guides: Markdown in `Templates/guides/NAME.md.mustache`, rendered by Ink.
/// The Markdown is a Mustache template first, so the lists it gives (loss names, step metrics,
/// model families) are filled from the code that applies them and cannot drift from it.
/// `formats` and `runs` are pages of their own; `methods` and `reproducible` are sections of
/// `methods.html`, which they complete.
enum GuidePage {
    static let template = "guide.html"
    static let pages: [(name: String, title: String, lede: String)] = [
        ("formats", "Formats: what report reads",
         "Every log, configuration and results format, how a file's format is recognised, which series is the loss, and the runs table."),
        ("runs", "Your runs: how they are found, and what each status means",
         "Each trainer's layout, how a log is tied to its run, what to do about every status a run can have, and which data decides a claim."),
    ]

    static func fileName(_ name: String) -> String { "guide-\(name).html" }

    static func context(_ page: (name: String, title: String, lede: String), templates: TemplateSet) throws -> [String: Any] {
        SiteLayout.context(title: page.title, current: fileName(page.name), [
            "title": page.title, "lede": page.lede, "body": try html(page.name, templates: templates),
        ])
    }

    /// The guide `name` as HTML: its Markdown filled with `values`, then rendered.
    static func html(_ name: String, templates: TemplateSet) throws -> String {
        let markdown = try templates.render("guides/\(name).md", values)
        return parser().html(from: joiningWrappedLines(markdown))
    }

    /// The guides are wrapped at 100 columns; Ink reads a line that opens with a backtick as a
    /// new paragraph and a list item's continuation lines poorly, so each paragraph and list
    /// item is joined into one line first. Fenced code, headings and table rows stay as written.
    static func joiningWrappedLines(_ markdown: String) -> String {
        var lines: [String] = []
        var joinable = false  // the last line is prose that a wrapped line continues
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("```") { inFence.toggle(); lines.append(line); joinable = false; continue }
            if inFence || text.isEmpty || text.hasPrefix("#") || text.hasPrefix("|") {
                lines.append(line); joinable = false; continue
            }
            let opensItem = text.hasPrefix("- ") || text.hasPrefix("* ") || text.range(of: #"^[0-9]+\. "#, options: .regularExpression) != nil
            if joinable, !opensItem { lines[lines.count - 1] += " " + text } else { lines.append(line) }
            joinable = true
        }
        return lines.joined(separator: "\n")
    }

    /// What the guides quote from the code. Triple braces in the Markdown: the values are
    /// Markdown, not HTML, and must not be entity-escaped.
    static var values: [String: Any] {
        func codeList(_ names: [String]) -> String { names.map { "`\($0)`" }.joined(separator: ", ") }
        return [
            "validationLossNames": codeList(LossSeries.validationNames),
            "validationLossCount": LossSeries.validationNames.count,
            "trainingLossNames": codeList(LossSeries.trainingNames),
            "trainingLossCount": LossSeries.trainingNames.count,
            "wandbStepMetrics": codeList(WandbHistory.stepMetrics),
            "transformersFamilies": codeList(TransformersConfigReader.families.keys.sorted()),
            "runsTableRequired": codeList(DeclaredRuns.required),
            "runsTableOptional": codeList(DeclaredRuns.optional),
        ]
    }

    /// Headings get ids (their words, as `Slug` makes them, so a page can link to a section), tables the site's scrolling box, and
    /// code blocks a tab stop.
    static func parser() -> MarkdownParser {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .headings) { html, markdown in
            let text = markdown.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            let level = markdown.prefix(while: { $0 == "#" }).count
            return "<h\(level) id=\"\(Slug.make(text))\">" + html.drop(while: { $0 != ">" }).dropFirst()
        })
        // A long line of code scrolls inside its block, which the keyboard can then reach.
        parser.addModifier(Modifier(target: .codeBlocks) { html, _ in
            html.hasPrefix("<pre>") ? "<pre tabindex=\"0\">" + html.dropFirst(5) : html
        })
        parser.addModifier(Modifier(target: .tables) { html, _ in
            // A pipe inside a cell is written `\|` in the Markdown; Ink keeps the backslash.
            "<div class=\"scroll\">\(html.replacingOccurrences(of: "\\|", with: "|"))</div>"
        })
        return parser
    }
}
