/// Comma-separated text with a header row: plain cells, optionally in double quotes ("" for a
/// quote inside). Line numbers are kept so errors can name the row.
public enum CSVTable {
    public struct Row: Sendable {
        public var line: Int
        public var cells: [String]
    }

    /// Splits CSV text into rows of cells; blank lines are skipped.
    public static func parse(_ text: String, path: String) throws -> [Row] {
        var rows: [Row] = []
        var line = 0
        // "\r\n" is one Character in Swift, so split on both forms.
        for content in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            line += 1
            if content.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            var cells: [String] = [], cell = "", quoted = false, index = content.startIndex
            while index < content.endIndex {
                let character = content[index]
                if quoted {
                    if character == "\"" {
                        let next = content.index(after: index)
                        if next < content.endIndex && content[next] == "\"" {
                            cell.append("\"")
                            index = next
                        } else {
                            quoted = false
                        }
                    } else {
                        cell.append(character)
                    }
                } else if character == "\"" && cell.isEmpty {
                    quoted = true
                } else if character == "," {
                    cells.append(cell)
                    cell = ""
                } else {
                    cell.append(character)
                }
                index = content.index(after: index)
            }
            guard !quoted else { throw ReportError(path: path, line: line, "unterminated quoted cell") }
            cells.append(cell)
            rows.append(Row(line: line, cells: cells))
        }
        return rows
    }

    /// Each of `names` (the header's cells, or those a reader keeps) with its index in the header,
    /// or an error naming the first one the header repeats: which of its cells would count is
    /// then unclear (found by fuzzing, where building a dictionary of them trapped).
    public static func columns(_ names: [(offset: Int, element: String)], in header: Row, path: String) throws -> [String: Int] {
        var columns: [String: Int] = [:]
        for (index, name) in names {
            guard columns[name] == nil else { throw ReportError(path: path, line: header.line, "column '\(name)' appears twice in the header") }
            columns[name] = index
        }
        return columns
    }

    /// The index of column `name` in the header row, or an error listing the columns.
    public static func column(_ name: String, in header: Row, path: String) throws -> Int {
        guard let index = header.cells.firstIndex(of: name) else {
            throw ReportError(path: path, line: header.line, "no column '\(name)'; the columns are \(header.cells.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return index
    }
}
