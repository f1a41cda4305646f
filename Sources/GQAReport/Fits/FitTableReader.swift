import Foundation

/// Reads the points of `report fit` from a CSV file with a header row. Errors name the file,
/// the row (the line, header = 1) and the column.
public enum FitTableReader {
    public static func read(_ data: Data, path: String, law: LawKind, x: String, x2: String?, y: String) throws -> FitData {
        let rows = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = rows.first else { throw ReportError(path: path, "the file is empty; expected a header row") }
        func column(_ name: String) throws -> Int { try CSVTable.column(name, in: header, path: path) }
        let law = law.law
        if law.inputCount == 2 && x2 == nil {
            throw ReportError(path: path, "\(law.kind.rawValue) needs a second input: pass --x2 COLUMN")
        }
        let xColumn = try column(x), yColumn = try column(y)
        let x2Column = try x2.map(column)
        var xs: [Double] = [], x2s: [Double] = [], ys: [Double] = [], labels: [String] = []
        for row in rows.dropFirst() {
            func number(_ index: Int, _ name: String, positive: Bool) throws -> Double {
                guard index < row.cells.count else {
                    throw ReportError(path: path, line: row.line, "row has \(row.cells.count) cells; column '\(name)' is missing")
                }
                let text = row.cells[index].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw ReportError(path: path, line: row.line, "column '\(name)': '\(text)' is not a finite number")
                }
                if positive && value <= 0 {
                    throw ReportError(path: path, line: row.line, "column '\(name)': \(text) is not positive; a power law needs x > 0")
                }
                return value
            }
            xs.append(try number(xColumn, x, positive: true))
            if let x2Column, let x2 { x2s.append(try number(x2Column, x2, positive: true)) }
            ys.append(try number(yColumn, y, positive: law.kind.isChinchilla))
            labels.append("row \(row.line)")
        }
        let parameters = law.parameterNames.count
        guard ys.count >= parameters else {
            throw ReportError(path: path, "\(ys.count) data row(s); \(law.kind.rawValue) has \(parameters) parameters and needs at least \(parameters)")
        }
        return FitData(x: xs, x2: x2Column == nil ? nil : x2s, y: ys, labels: labels)
    }
}
