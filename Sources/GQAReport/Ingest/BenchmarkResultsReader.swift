import Foundation

/// Reads lm-evaluation-harness results files under `Results/benchmarks/` (one JSON file a
/// model): `results` → task → metrics keyed `"metric,filter"` (`acc,none`, `acc_norm,none`,
/// `acc_stderr,none`; older versions write plain `acc`), with `config` and `versions` beside.
public struct BenchmarkResultsReader: Sendable {
    public let layout: ProjectLayout

    public init(layout: ProjectLayout) {
        self.layout = layout
    }

    public var folder: URL { layout.results.appendingPathComponent("benchmarks", isDirectory: true) }

    public func readAll() throws -> [BenchmarkResults] {
        try FileTree.regularFiles(under: folder).filter { $0.hasSuffix(".json") && !$0.contains("/") }.map { name in
            let (data, file) = try layout.read(folder.appendingPathComponent(name))
            return try read(data, path: file.path, label: String(name.dropLast(5)), file: file)
        }
    }

    /// Parses one results file's bytes (for fuzzing and tests).
    public static func parse(_ data: Data, path: String, label: String) throws -> BenchmarkResults {
        try BenchmarkResultsReader(layout: ProjectLayout(root: URL(fileURLWithPath: "/")))
            .read(data, path: path, label: label, file: InputFile(path: path, data: data))
    }

    func read(_ data: Data, path: String, label: String, file: InputFile) throws -> BenchmarkResults {
        guard case let .object(root) = try JSONValue.parse(data, path: path) else {
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
        let tasks = try results.keys.sorted().map { name -> BenchmarkResults.Task in
            guard case let .object(metrics)? = results[name] else {
                throw ReportError(path: path, "results.\(name) is not an object")
            }
            /// A metric by name, whatever its filter ("acc,none" or plain "acc").
            func value(_ metric: String) throws -> (value: Double?, present: Bool) {
                let key = metrics.keys.sorted().first { $0 == metric || $0.hasPrefix(metric + ",") }
                guard let key else { return (nil, false) }
                switch metrics[key]! {
                case let .double(v): return (v, true)
                case let .int(v): return (Double(v), true)
                case .string("N/A"), .null: return (nil, true)
                default: throw ReportError(path: path, "results.\(name).\(key) is not a number")
                }
            }
            let normalised = try value("acc_norm")
            let plain = try value("acc")
            let chosen = normalised.value != nil ? "acc_norm" : "acc"
            let accuracy = normalised.value ?? plain.value
            if let accuracy, !(0...1).contains(accuracy) {
                throw ReportError(path: path, "results.\(name).\(chosen) = \(accuracy) is not an accuracy between 0 and 1")
            }
            return BenchmarkResults.Task(name: name, accuracy: accuracy, metric: accuracy == nil ? nil : chosen,
                                         standardError: try value(chosen + "_stderr").value)
        }
        return BenchmarkResults(label: label, model: model, tasks: tasks, file: file)
    }
}
