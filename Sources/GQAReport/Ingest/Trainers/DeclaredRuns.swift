import Foundation

/// A declared run table (`Results/runs.csv`, or `--runs-table FILE`): the model and training of
/// runs whose trainer's files do not say them (a family report does not read, a Lightning run
/// without its model in hparams.yaml, an MLflow run). One row a run:
///
///     run,layers,hidden_size,heads,kv_heads,ffn_size,vocab_size,tied,context,tokens
///     lightning_logs/version_*,4,256,8,2,683,50304,false,8192,1200000000
///
/// `run` is a glob (`*`, `?`) matched against a run's name and against its folder's path from
/// the table's folder; the first matching row wins, and it wins over what the trainer's files
/// say (a declaration is explicit). `ffn_size`, `tied`, `context` and `tokens` may be empty
/// (FFN: ⌊8d/3⌋ gated; untied; unknown). `sweep` names the sweep a run belongs to (runs of one
/// name are compared with each other only), and `kind` says `pretraining` or `fine-tune` where
/// the files do not. Every cell is checked; an error names file, line and column.
public struct DeclaredRuns: Sendable {
    public static let defaultFileName = "runs.csv"
    static let required = ["run", "layers", "hidden_size", "heads", "kv_heads", "vocab_size"]
    static let optional = ["ffn_size", "tied", "context", "tokens", "head_size", "sweep", "kind"]

    public struct Row: Sendable {
        public var pattern: String
        public var line: Int
        public var model: ModelConfig
        public var context: Int?
        public var tokens: Int?
        /// The `sweep` column: the sweep the run belongs to.
        public var sweep: String? = nil
        /// The `kind` column: what the table declares the run to be.
        public var kind: RunKind? = nil
    }

    public let file: InputFile
    /// The folder `run` paths are relative to.
    public let base: URL
    public let rows: [Row]

    /// The table named (`--runs-table`), else `Results/runs.csv` where it exists, else none.
    public static func load(_ named: URL?, layout: ProjectLayout) throws -> DeclaredRuns? {
        if let named { return try read(named, layout: layout) }
        let fallback = layout.results.appendingPathComponent(defaultFileName)
        return FileTree.isRegularFile(fallback) ? try read(fallback, layout: layout) : nil
    }

    public static func read(_ url: URL, layout: ProjectLayout) throws -> DeclaredRuns {
        let (data, file) = try layout.read(url)
        return try parse(data, file: file, base: url.deletingLastPathComponent().standardizedFileURL)
    }

    /// The table in `data`; `run` paths are relative to `base`.
    static func parse(_ data: Data, file: InputFile, base: URL) throws -> DeclaredRuns {
        let path = file.path
        let table = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: path)
        guard let header = table.first else { throw ReportError(path: path, "empty file: expected a header \(required.joined(separator: ","))") }
        if let unknown = header.cells.first(where: { !(required + optional).contains($0) }) {
            throw ReportError(path: path, line: header.line, "unknown column '\(unknown)'; a runs table takes \((required + optional).joined(separator: ", "))")
        }
        let columns = try CSVTable.columns(Array(header.cells.enumerated()), in: header, path: path)
        for name in required where columns[name] == nil {
            throw ReportError(path: path, line: header.line, "missing column '\(name)'")
        }
        var rows: [Row] = []
        for row in table.dropFirst() where !row.cells.allSatisfy(\.isEmpty) {
            guard row.cells.count == header.cells.count else {
                throw ReportError(path: path, line: row.line, "\(row.cells.count) cells where the header has \(header.cells.count)")
            }
            func cell(_ name: String) -> String? {
                columns[name].map { row.cells[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            func count(_ name: String) throws -> Int? {
                guard let text = cell(name) else { return nil }
                guard let value = Int(text), value > 0 else {
                    throw ReportError(path: path, line: row.line, "column '\(name)': '\(text)' is not a positive whole number")
                }
                return value
            }
            func requiredCount(_ name: String) throws -> Int {
                guard let value = try count(name) else { throw ReportError(path: path, line: row.line, "column '\(name)' is empty") }
                return value
            }
            guard let pattern = cell("run") else { throw ReportError(path: path, line: row.line, "column 'run' is empty") }
            let tied: Bool
            switch cell("tied")?.lowercased() {
            case nil, "false", "0", "no": tied = false
            case "true", "1", "yes": tied = true
            case let other?: throw ReportError(path: path, line: row.line, "column 'tied': '\(other)' is not true or false")
            }
            let hidden = try requiredCount("hidden_size"), heads = try requiredCount("heads")
            let headSize = try count("head_size") ?? (hidden % heads == 0 ? hidden / heads : 0)
            guard headSize > 0 else { throw ReportError(path: path, line: row.line, "hidden_size \(hidden) is not a multiple of heads \(heads): give head_size") }
            let model = ModelConfig(layers: try requiredCount("layers"), hiddenSize: hidden, queryHeads: heads, kvHeads: try requiredCount("kv_heads"),
                                    keyHeadSize: headSize, valueHeadSize: headSize, vocabularySize: try requiredCount("vocab_size"),
                                    tiedEmbeddings: tied, gatedFFN: true, ffnInnerSizeOverride: try count("ffn_size"),
                                    architecture: Architecture(family: "declared in \(path)"))
            try ModelConfigReader.checkGrouping(model, path: "\(path):\(row.line)", heads: "heads", kvHeads: "kv_heads")
            var kind: RunKind?
            switch cell("kind")?.lowercased() {
            case nil: kind = nil
            case "pretraining", "scratch", "from-scratch": kind = RunKind(.pretraining, evidence: "\(path):\(row.line): declared pretraining in the runs table")
            case "fine-tune", "finetune", "fine-tuning": kind = RunKind(.fineTune, evidence: "\(path):\(row.line): declared a fine-tune in the runs table")
            case let other?: throw ReportError(path: path, line: row.line, "column 'kind': '\(other)' is not pretraining or fine-tune")
            }
            rows.append(Row(pattern: pattern, line: row.line, model: model, context: try count("context"), tokens: try count("tokens"),
                            sweep: cell("sweep"), kind: kind))
        }
        return DeclaredRuns(file: file, base: base, rows: rows)
    }

    /// The first row naming the run, by its name or its folder's path from the table's folder.
    public func row(for sources: RunSources) -> Row? {
        let folder = sources.directory.standardizedFileURL.path
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        let relative = folder.hasPrefix(prefix) ? String(folder.dropFirst(prefix.count)) : folder
        return rows.first { fnmatch($0.pattern, sources.name, 0) == 0 || fnmatch($0.pattern, relative, 0) == 0 }
    }
}
