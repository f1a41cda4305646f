import Foundation

/// Reads lm-evaluation-harness results under `Results/benchmarks/` (site/guide-formats.html).
///
/// Files: any `*.json` at any depth. A file directly in the folder is one model, labelled by
/// its name (v0.3's `--output_path model.json`); files in a folder are that folder's model
/// (v0.4 writes `<output>/<model>/results_<time>.json`, one file per `lm_eval` call, so one
/// model's tasks are often spread over several files). A model's files are combined task by
/// task; a task two files give different values for is an error naming both.
///
/// Rows: `results` → task → metrics keyed `"metric,filter"` (`acc,none`; v0.3 plain `acc`).
/// Group aggregates (v0.4 `groups`, `group_subtasks`: `mmlu`, `glue`) are marked as groups.
/// Python's `NaN`/`Infinity` literals are read as missing values.
public struct BenchmarkResultsReader: Sendable {
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    public var folder: URL { layout.results.appendingPathComponent("benchmarks", isDirectory: true) }

    /// lm-eval results start with a JSON object that has `results`.
    public static func recognises(_ head: FileHead) -> Bool {
        head.startsWithJSONObject && head.mentionsKey(["results"])
    }

    public func readAll(diagnostics: inout Diagnostics) throws -> [BenchmarkResults] {
        var byLabel: [String: [(BenchmarkResults, String)]] = [:]
        for name in FileTree.regularFiles(under: folder).filter({ $0.hasSuffix(".json") }) {
            let url = folder.appendingPathComponent(name)
            let (data, file) = try layout.read(url)
            let label = name.contains("/") ? String(name.prefix { $0 != "/" }) : String(name.dropLast(5))
            let results = try Self.read(data, path: file.path, label: label, file: file, diagnostics: &diagnostics)
            byLabel[label, default: []].append((results, file.path))
        }
        return try byLabel.keys.sorted().map { try Self.combine(byLabel[$0]!.map(\.0), diagnostics: &diagnostics) }
    }

    /// One model's files as one set of results.
    static func combine(_ parts: [BenchmarkResults], diagnostics: inout Diagnostics) throws -> BenchmarkResults {
        var combined = parts[0]
        for part in parts.dropFirst() {
            if let model = part.model, let first = combined.model, model != first {
                diagnostics.warn("\(part.files[0].path): model '\(model)' differs from '\(first)' in \(combined.files[0].path); both are read as '\(combined.label)' (they share its folder)")
            }
            combined.model = combined.model ?? part.model
            combined.files += part.files
            for task in part.tasks {
                if let index = combined.tasks.firstIndex(where: { $0.name == task.name }) {
                    let other = combined.tasks[index]
                    guard other.accuracy == task.accuracy, other.standardError == task.standardError, other.metric == task.metric else {
                        throw ReportError(path: task.file, "task '\(task.name)' has \(describe(task)) here and \(describe(other)) in \(other.file); keep one of the two runs of it")
                    }
                } else {
                    combined.tasks.append(task)
                }
            }
        }
        combined.tasks.sort { $0.name < $1.name }
        return combined
    }

    private static func describe(_ task: BenchmarkResults.Task) -> String {
        guard let accuracy = task.accuracy else { return "no accuracy" }
        return "\(task.metric ?? "acc") \(NumberFormat.real(accuracy))" + (task.standardError.map { " ± \(NumberFormat.real($0))" } ?? "")
    }

    /// Parses one results file's bytes (for fuzzing, tests and `report inspect`).
    public static func parse(_ data: Data, path: String, label: String, diagnostics: inout Diagnostics) throws -> BenchmarkResults {
        try read(data, path: path, label: label, file: InputFile(path: path, data: data), diagnostics: &diagnostics)
    }

    static func read(_ data: Data, path: String, label: String, file: InputFile, diagnostics: inout Diagnostics) throws -> BenchmarkResults {
        let (cleaned, replaced) = PythonJSON.replacingNonFiniteLiterals(data)
        if replaced > 0 {
            diagnostics.warn("\(path): \(replaced) NaN/Infinity value(s) (Python's json.dump literals, not JSON) read as missing")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(cleaned, path: path)
        } catch {
            guard isTruncated(cleaned) else { throw error }
            throw ReportError(path: path, "the file ends in the middle of its JSON (\(data.count) bytes): it was cut short when written or copied (a value json.dump could not serialise, such as a torch dtype, stops the write). Write the results again with lm_eval --output_path, or json.dump only the 'results' part")
        }
        guard case let .object(root) = parsed else {
            throw ReportError(path: path, "expected a JSON object with \"results\"")
        }
        guard case let .object(results)? = root["results"] else {
            throw ReportError(path: path, "no \"results\" object: not an lm-evaluation-harness results file")
        }
        var model: String?
        if case let .object(config)? = root["config"] {
            for key in ["model_args", "model", "pretrained"] {
                if case let .string(text)? = config[key] { model = text; break }
            }
        }
        let groups = groupNames(root)
        let tasks = try results.keys.sorted().map { name -> BenchmarkResults.Task in
            guard case let .object(metrics)? = results[name] else {
                throw ReportError(path: path, "results.\(name) is not an object")
            }
            /// A metric by name, whatever its filter ("acc,none" or plain "acc").
            func value(_ metric: String) throws -> Double? {
                guard let key = metrics.keys.sorted().first(where: { $0 == metric || $0.hasPrefix(metric + ",") }) else { return nil }
                switch metrics[key]! {
                case let .double(v): return v
                case let .int(v): return Double(v)
                case .string("N/A"), .null: return nil
                default: throw ReportError(path: path, "results.\(name).\(key) is not a number")
                }
            }
            let normalised = try value("acc_norm")
            let chosen = normalised != nil ? "acc_norm" : "acc"
            let accuracy = try normalised ?? value("acc")
            if let accuracy, !(0...1).contains(accuracy) {
                throw ReportError(path: path, "results.\(name).\(chosen) = \(accuracy) is not an accuracy between 0 and 1")
            }
            return BenchmarkResults.Task(name: name, accuracy: accuracy, metric: accuracy == nil ? nil : chosen,
                                         standardError: try value(chosen + "_stderr"), isGroup: groups.contains(name), file: path)
        }
        return BenchmarkResults(label: label, model: model, tasks: tasks, files: [file])
    }

    /// v0.4 names its groups in `groups` and in `group_subtasks` (a group maps to its tasks).
    private static func groupNames(_ root: [String: JSONValue]) -> Set<String> {
        var names = Set<String>()
        if case let .object(groups)? = root["groups"] { names.formUnion(groups.keys) }
        if case let .object(subtasks)? = root["group_subtasks"] {
            for (name, members) in subtasks {
                if case let .array(list) = members, !list.isEmpty { names.insert(name) }
            }
        }
        return names
    }

    /// Whether the JSON stops before its outermost value closes.
    private static func isTruncated(_ data: Data) -> Bool {
        var depth = 0, scanner = JSONStringScanner()
        for byte in data where scanner.isOutsideString(byte) {
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return depth > 0 || scanner.inString
    }
}
