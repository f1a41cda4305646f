import Foundation

/// Reads the published tables under `Results/paper/` (each optional).
public struct PaperTablesReader: Sendable {
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    private var folder: URL { layout.results.appendingPathComponent("paper", isDirectory: true) }

    public func read() throws -> PaperTables {
        var tables = PaperTables()
        if let (rows, file) = try csv("table4.csv") {
            tables.files.append(file)
            tables.table4Contexts = try rows[0].cells.dropFirst().map { label in
                guard label.hasSuffix("K"), let k = Int(label.dropLast()) else {
                    throw ReportError(path: file.path, line: rows[0].line, "context column '\(label)' is not like 8K")
                }
                return k * 1024
            }
            for row in rows.dropFirst() {
                tables.table4Losses.append(try number(row, 0, file))
                tables.table4.append(try row.cells.dropFirst().map { cell in
                    let parts = cell.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    guard parts.count == 2 else { throw ReportError(path: file.path, line: row.line, "'\(cell)' is not n_h,n_kv") }
                    return HeadConfiguration(queryHeads: parts[0], kvHeads: parts[1])
                })
            }
        }
        if let (rows, file) = try csv("shape-anchors.csv") {
            tables.files.append(file)
            tables.shapeAnchors = try rows.dropFirst().map { row in
                (row.cells[0], try number(row, 1, file), try whole(row, 2, file), try whole(row, 3, file))
            }
        }
        if let (rows, file) = try csv("appendix-i-fits.csv") {
            tables.files.append(file)
            tables.appendixIFits = try rows.dropFirst().map { row in
                (row.cells[0], row.cells[1], try whole(row, 2, file), try number(row, 3, file), try number(row, 4, file), try number(row, 5, file))
            }
        }
        return tables
    }

    private func csv(_ name: String) throws -> ([CSVTable.Row], InputFile)? {
        let url = folder.appendingPathComponent(name)
        guard FileTree.isRegularFile(url) else { return nil }
        let (data, file) = try layout.read(url)
        let rows = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: file.path)
        guard rows.count > 1 else { throw ReportError(path: file.path, "no data rows") }
        return (rows, file)
    }

    private func whole(_ row: CSVTable.Row, _ index: Int, _ file: InputFile) throws -> Int {
        guard let value = WholeNumber.exact(try number(row, index, file)) else {
            throw ReportError(path: file.path, line: row.line, "column \(index + 1) is not a whole number")
        }
        return value
    }

    private func number(_ row: CSVTable.Row, _ index: Int, _ file: InputFile) throws -> Double {
        guard index < row.cells.count, let value = Double(row.cells[index].trimmingCharacters(in: .whitespaces)) else {
            throw ReportError(path: file.path, line: row.line, "column \(index + 1) is not a number")
        }
        return value
    }
}
