import Foundation

/// A text file under the runs folders that no reader takes, but whose lines hold numbers as a
/// log's do (`Epoch 1, Global Batch 25, Training Loss: 8.1474`): named, with a line of it, so
/// nothing that could be a log is left out without a word. Only names a log may have (`.txt`,
/// `.csv`, `.tsv`, `.dat`, none); a run's code, configs and W&B's own files are not looked at.
enum UnreadText {
    static let extensions: Set<String> = ["txt", "csv", "tsv", "dat", ""]
    /// Lines with two numbers, one of them a decimal, that make a file look like a log.
    static let minimumLines = 5

    static func find(_ url: URL, layout: ProjectLayout) -> UntiedLog? {
        guard extensions.contains(url.pathExtension.lowercased()), !url.lastPathComponent.hasPrefix("."),
              url.lastPathComponent != "requirements.txt",
              let head = try? FileHead.read(url, path: layout.relativePath(url)), head.isText,
              let sample = sampleLine(head) else { return nil }
        return UntiedLog(url: url, reason: "text whose lines hold numbers as a log's do (like '\(sample)'), but no reader takes it: "
            + "no step and loss names on one line, nor a format report knows; if it is a training log, declare its format (site/guide-formats.html#declare-a-format)")
    }

    /// The first line that holds numbers as a log line does, where enough lines do; nil otherwise.
    static func sampleLine(_ head: FileHead) -> String? {
        var first: String?
        var count = 0
        head.bytes.withUnsafeBytes { raw in
            TextLines.forEach(in: raw.bindMemory(to: UInt8.self), wholeLinesOnly: true) { segment, _, _ in
                guard holdsLogNumbers(segment) else { return true }
                count += 1
                if first == nil {
                    let text = String(decoding: segment, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    first = text.count > 80 ? String(text.prefix(79)) + "…" : text
                }
                return count < minimumLines
            }
        }
        return count >= minimumLines ? first : nil
    }

    /// At least two numbers, one with a fractional part that is no dotted version (`2.1.0`).
    private static func holdsLogNumbers(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var numbers = 0, decimals = 0
        var index = 0
        while index < line.count {
            guard line[index] &- 0x30 < 10 else { index += 1; continue }
            var points = 0
            let start = index
            while index < line.count, line[index] &- 0x30 < 10 || (line[index] == UInt8(ascii: ".") && index + 1 < line.count && line[index + 1] &- 0x30 < 10) {
                if line[index] == UInt8(ascii: ".") { points += 1 }
                index += 1
            }
            // A number glued to letters (`v2`, `x86_64`, `sha256`) is part of a word.
            if start > 0, isLetter(line[start - 1]) { continue }
            numbers += 1
            if points == 1 { decimals += 1 }
        }
        return numbers >= 2 && decimals >= 1
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || byte == UInt8(ascii: "_")
    }
}
