import Foundation

/// A log format a person declares for a log no built-in reader takes (in the spirit of lnav's
/// format files): a regular expression with named groups, and sample lines it must read, in a
/// `log-format.json` beside the logs (it applies to the text logs in its folder and below) or
/// given to `report inspect FILE --format F`:
///
///     {
///       "name": "my trainer",
///       "line": "it=(?<step>\\d+) tr=(?<loss>[0-9.]+)( va=(?<val_loss>[0-9.]+))?",
///       "samples": ["[12:00:01] it=100 tr=3.21", "[12:00:09] it=200 tr=3.05 va=3.11"]
///     }
///
/// `step` is required; `loss`/`train_loss` is the training loss, `val_loss`/`eval_loss` the
/// validation loss (the names `LoopMetricNames` knows), any other group a series under its
/// name. A line matches anywhere in it; lines that do not match are skipped. The file is checked
/// when it is loaded: a pattern that does not compile, no `step` group, or a sample that the
/// pattern does not read is an error naming the file's line.
public struct DeclaredLogFormat: Sendable, Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.path == b.path && a.pattern.pattern == b.pattern.pattern }

    public static let fileName = "log-format.json"

    public let name: String
    public let path: String
    let pattern: NSRegularExpression
    /// The named groups, each with the tag it is read under (nil for the step).
    let groups: [(name: String, tag: String?)]
    /// Each named group's capture number in the pattern.
    let groupNumbers: [Int]

    public static func load(_ url: URL, layout: ProjectLayout) throws -> DeclaredLogFormat {
        let (data, file) = try layout.read(url)
        return try parse(data, path: file.path)
    }

    public static func parse(_ data: Data, path: String) throws -> DeclaredLogFormat {
        let fields = try JSONFields(try JSONValue.parse(data, path: path), path: path)
        let known: Set = ["name", "line", "samples", "description"]
        if let unknown = fields.object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ReportError(path: path, line: Self.line(of: "\"\(unknown)\"", in: data), "unknown field '\(unknown)'; a log format takes 'name', 'line', 'samples' and 'description'")
        }
        guard let source = try fields.string("line"), !source.isEmpty else {
            throw ReportError(path: path, "missing field 'line': a regular expression with named groups, (?<step>…) and (?<loss>…) or (?<val_loss>…)")
        }
        let lineOfPattern = Self.line(of: "\"line\"", in: data)
        // ICU takes only letters and digits in a group's name: each is renamed g1, g2, … inside.
        let (renamed, names) = Self.renamingGroups(source)
        let pattern: NSRegularExpression
        do {
            pattern = try NSRegularExpression(pattern: renamed)
        } catch {
            throw ReportError(path: path, line: lineOfPattern, "'line' is not a regular expression (ICU syntax, as Python's re with (?<name>…) groups)")
        }
        guard names.contains("step") else {
            throw ReportError(path: path, line: lineOfPattern, "'line' has no group (?<step>…): each point needs its step")
        }
        let groups = names.map { name in (name, name == "step" ? nil : LoopMetricNames.tag(name)) }
        guard groups.contains(where: { $0.1.map(MetricValueCheck.isChecked) ?? false }) else {
            throw ReportError(path: path, line: lineOfPattern, "'line' has no loss group: name one (?<loss>…), (?<train_loss>…) or (?<val_loss>…)")
        }
        guard case let .array(samples)? = fields.object["samples"], !samples.isEmpty else {
            throw ReportError(path: path, "missing field 'samples': lines of the log the pattern must read, checked when the format is loaded")
        }
        let numbers = Self.captureNumbers(renamed)
        let groupNumbers = names.indices.map { numbers["g\($0 + 1)"] ?? 0 }
        guard !groupNumbers.contains(0), groupNumbers.allSatisfy({ $0 <= pattern.numberOfCaptureGroups }) else {
            throw ReportError(path: path, line: lineOfPattern, "'line': its groups could not be numbered (a name used twice?)")
        }
        let format = DeclaredLogFormat(name: (try fields.string("name")) ?? URL(fileURLWithPath: path).lastPathComponent, path: path,
                                       pattern: pattern, groups: groups, groupNumbers: groupNumbers)
        for sample in samples {
            guard case let .string(text) = sample else { throw ReportError(path: path, "'samples' must hold strings, found \(sample.typeName)") }
            if format.values(in: text).step == nil {
                throw ReportError(path: path, line: Self.line(of: Self.jsonString(text), in: data),
                                  "the sample \(Self.jsonString(text)) does not match 'line' with a whole (?<step>…) and a number in a loss group")
            }
        }
        return format
    }

    /// A line's step and the values of its groups (nil step where the line does not match).
    func values(in line: String) -> (step: Int?, values: [(tag: String, value: Double)]) {
        let text = line as NSString
        guard let match = pattern.firstMatch(in: line, range: NSRange(location: 0, length: text.length)) else { return (nil, []) }
        return values(of: match, in: text)
    }

    /// The step and values of one match in a text.
    func values(of match: NSTextCheckingResult, in text: NSString) -> (step: Int?, values: [(tag: String, value: Double)]) {
        var step: Int?
        var values: [(tag: String, value: Double)] = []
        for (index, (_, tag)) in groups.enumerated() {
            // By number: a lookup by name costs more than the match itself on Linux's Foundation.
            let range = match.range(at: groupNumbers[index])
            guard range.location != NSNotFound else { continue }
            let cell = text.substring(with: range).trimmingCharacters(in: .whitespaces)
            if let tag {
                if let value = Double(cell) { values.append((tag, value)) }
            } else if let number = Double(cell).flatMap(WholeNumber.exact), number >= 0 {
                step = number
            }
        }
        // A match with a step and no loss, or no step, is no point.
        return values.contains(where: { MetricValueCheck.isChecked($0.tag) }) ? (step, values) : (nil, [])
    }

    /// Each line's first match, with its line number, over the whole text at once (one pass of
    /// ICU over the file, not one a line); a match that runs past its line's end is none.
    func matches(in text: String, _ body: (_ step: Int, _ values: [(tag: String, value: Double)], _ line: Int) throws -> Void) throws {
        // Foundation's own string storage: indexing a bridged Swift string by UTF-16 offset
        // costs more than ICU's match.
        let ns = NSString(string: text)
        var lineNumber = 1, counted = 0, lineEnd = -1
        var failure: Error?
        // Foundation's block is escaping on Linux; it runs only inside this call.
        try withoutActuallyEscaping(body) { body in
            pattern.enumerateMatches(in: ns as String, range: NSRange(location: 0, length: ns.length)) { match, _, stop in
                guard let match, match.range.location >= lineEnd else { return }
                let line = ns.lineRange(for: NSRange(location: match.range.location, length: 0))
                lineEnd = NSMaxRange(line)
                guard NSMaxRange(match.range) <= lineEnd else { return }
                while counted < match.range.location {
                    if ns.character(at: counted) == 0x0A { lineNumber += 1 }
                    counted += 1
                }
                let (step, values) = self.values(of: match, in: ns)
                guard let step else { return }
                do { try body(step, values, lineNumber) } catch {
                    failure = error
                    stop.pointee = true
                }
            }
            if let failure { throw failure }
        }
    }

    /// The pattern with its `(?<name>…)` groups renamed `g1`, `g2`, … (Python's `(?P<name>…)`
    /// too), and their names in that order; a name used twice is one group of ICU's.
    static func renamingGroups(_ source: String) -> (pattern: String, names: [String]) {
        let finder = try! NSRegularExpression(pattern: #"\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>"#)
        let text = source as NSString
        var names: [String] = []
        var pattern = ""
        var last = 0
        for match in finder.matches(in: source, range: NSRange(location: 0, length: text.length)) {
            let name = text.substring(with: match.range(at: 1))
            if !names.contains(name) { names.append(name) }
            pattern += text.substring(with: NSRange(location: last, length: match.range.location - last)) + "(?<g\(names.firstIndex(of: name)! + 1)>"
            last = match.range.location + match.range.length
        }
        pattern += text.substring(from: last)
        return (pattern, names)
    }

    /// The capture number of each named group: groups count by their opening parenthesis, where
    /// `(?:`, lookarounds and other `(?` forms capture nothing, nor a parenthesis escaped or in a
    /// character class.
    static func captureNumbers(_ pattern: String) -> [String: Int] {
        let characters = Array(pattern)
        var numbers: [String: Int] = [:]
        var count = 0, index = 0, inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" { index += 2; continue }
            if inClass { if character == "]" { inClass = false }; index += 1; continue }
            if character == "[" { inClass = true; index += 1; continue }
            if character == "(" {
                let rest = characters[(index + 1)...]
                if rest.first != "?" {
                    count += 1
                } else if rest.starts(with: ["?", "<"]), let next = rest.dropFirst(2).first, next != "=", next != "!" {
                    count += 1
                    numbers[String(rest.dropFirst(2).prefix { $0 != ">" })] = count
                }
            }
            index += 1
        }
        return numbers
    }

    private static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// The line of the file where this text first appears, for errors.
    private static func line(of needle: String, in data: Data) -> Int? {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// The format file that applies to a log: the nearest `log-format.json` in its folder or a
    /// folder above it, up to the project's root or the repository the log is in (a folder
    /// with `.git`), eight folders at most: a stray file far above is no declaration.
    static func file(for log: URL, layout: ProjectLayout) -> URL? {
        var folder = log.deletingLastPathComponent().standardizedFileURL
        for _ in 0..<8 {
            let candidate = folder.appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            if folder.path == layout.root.path || folder.path.count <= 1
                || FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { break }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// The declared format for a log, loaded and checked; nil where none applies.
    public static func applying(to log: URL, layout: ProjectLayout) throws -> DeclaredLogFormat? {
        try file(for: log, layout: layout).map { try load($0, layout: layout) }
    }
}

/// Reads a text log with a declared format (`DeclaredLogFormat`).
public struct DeclaredLogFormatReader: MetricLogReader {
    public let format: DeclaredLogFormat

    public init(_ format: DeclaredLogFormat) { self.format = format }

    public var formatName: String { "declared format '\(format.name)' (\(format.path))" }

    public func recognises(_ head: FileHead) -> Bool {
        guard head.isText else { return false }
        var found = false
        try? format.matches(in: String(decoding: head.bytes, as: UTF8.self)) { _, _, _ in
            found = true
            throw CancellationError()  // one match is enough
        }
        return found
    }

    public func read(_ data: Data, path: String, diagnostics: inout Diagnostics) throws -> MetricSet {
        var series: [String: [MetricPoint]] = [:]
        try format.matches(in: String(decoding: data, as: UTF8.self)) { step, values, line in
            for (tag, value) in values {
                try MetricValueCheck.check(tag: tag, value: value, step: step, path: path, line: line)
                series[tag, default: []].append(MetricPoint(step: step, value: value))
            }
        }
        return MetricSet(series: series)
    }
}
