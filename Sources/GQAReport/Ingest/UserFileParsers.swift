import Foundation

/// Every parser of a file a user brings, as a function of raw bytes: what the fuzz targets run
/// (Sources/Fuzz, `FuzzTargets`) and the replay test replays. A parser may refuse its input
/// with an error; it must never crash, hang or read out of bounds. Where the build goes on to
/// count a model's parameters, so does its entry, as that arithmetic sees the same values.
///
/// The tree entries (`discovery-tree`, `wandb-run-folder`, `mlflow-run`) build a folder from
/// the bytes (`FuzzTree`) and discover and read the runs in it, as a build does.
public enum UserFileParsers {
    public static let all: [String: @Sendable (Data) -> Void] = [
        // Metric logs
        "stdout": { metrics([TrainerStdoutReader()], $0) },
        "tfevents": { data in
            metrics([TensorBoardEventReader()], data)
            _ = try? HParamsRecord.read(data, path: "fuzz")
        },
        "jsonl": { metrics([JSONLinesMetricsReader(), WandbHistoryJSONLReader(), WandbSummaryReader(), LoopMetricsJSONLinesReader()], $0) },
        "wandb": { data in
            metrics([WandbTransactionLogReader()], data)
            var diagnostics = Diagnostics()
            if let log = try? WandbTransactionLog.parse(data, path: "fuzz", diagnostics: &diagnostics) {
                configured(WandbRunConfig(values: log.config))
            }
        },
        "wandb-csv": { metrics([WandbHistoryCSVReader(), WandbChartExportReader(), TensorBoardCSVReader()], $0) },
        "trainer-state": { metrics([TrainerStateReader()], $0) },
        "trainer-log-jsonl": { metrics([LlamaFactoryLogReader()], $0) },
        "lightning-csv": { metrics([LightningMetricsCSVReader(), LoopMetricsCSVReader()], $0) },
        "mlflow-metric": { metrics([MLflowMetricFileReader()], $0) },
        "megatron": { metrics([MegatronStdoutReader()], $0) },
        "text-logs": { data in
            // A declared format is the user's own pattern, so a fixed one reads the fuzzed log
            // (a fuzzed pattern would measure ICU's backtracking, not our reading).
            metrics(TextLogGrammar.readers + [TrainerConsoleReader(), StepLossLinesReader(), DeclaredLogFormatReader(declaredFormat)], data)
            // Which grammar a file is taken for, from its head as discovery sees it.
            for name in ["log.txt", "main.log", "output.log"] {
                let head = FileHead(name: name, bytes: data.prefix(FileHead.size))
                _ = TextLogGrammar.reader(recognising: head)
                _ = MetricLogFormats.detect(head, whole: data)
            }
        },
        "lm-eval": { data in
            var diagnostics = Diagnostics()
            _ = try? BenchmarkResultsReader.parse(data, path: "fuzz.json", label: "fuzz", diagnostics: &diagnostics)
        },

        // Configurations
        "authors-config": { data in
            if let model = try? ModelConfigReader.read(data, path: "fuzz") { _ = ParameterCount(model).total }
            _ = try? TrainingConfigReader.read(data, path: "fuzz")
            _ = try? RunOverrides.read(data, path: "fuzz")
            if case let .object(values)? = try? JSONValue.parse(data, path: "fuzz"),
               let (model, _) = try? AuthorsKeys.configuration(values, path: "fuzz") {
                _ = ParameterCount(model).total
            }
        },
        "hf-config": { data in
            if let model = try? TransformersConfigReader.read(data, path: "fuzz") { _ = ParameterCount(model).total }
        },
        "hparams-yaml": { data in
            if let configuration = try? LightningTrainerLayout.configuration(hparams: data, file: InputFile(path: "fuzz", data: data)) {
                _ = ParameterCount(configuration.model).total
            }
        },
        "wandb-config": { data in
            if let config = try? WandbRunConfig.read(data, path: "fuzz") { configured(config) }
        },
        "runs-table": { data in
            let table = try? DeclaredRuns.parse(data, file: InputFile(path: "fuzz/runs.csv", data: data), base: URL(fileURLWithPath: "/fuzz"))
            for row in table?.rows ?? [] { _ = ParameterCount(row.model).total }
        },
        "claims": { data in
            _ = try? ClaimsFileReader.parse(data, path: "claims.xml", schema: claimsSchema)
        },

        // Folders
        "discovery-tree": { FuzzTree.discoverAndRead($0) },
        "wandb-run-folder": { FuzzTree.discoverAndRead($0) },
        "mlflow-run": { FuzzTree.discoverAndRead($0) },
    ]

    private static let declaredFormat = try! DeclaredLogFormat.parse(Data(#"""
        {"line": "it=(?<step>\\d+) tr=(?<loss>[0-9.eE+-]+)( va=(?<val_loss>\\S+))?", "samples": ["it=1 tr=2.5 va=2.6"]}
        """#.utf8), path: "fuzz-format.json")

    private static func metrics(_ readers: [any MetricLogReader], _ data: Data) {
        for reader in readers {
            var diagnostics = Diagnostics()
            _ = try? reader.read(data, path: "fuzz", diagnostics: &diagnostics)
        }
    }

    /// What a run's W&B configuration gives, as `RunDirectoryReader` takes it.
    private static func configured(_ config: WandbRunConfig) {
        if config.holdsRunConfiguration,
           let model = try? ModelConfigReader.read(config.fields(ModelConfigReader.readKeys + ModelConfigReader.otherKeys), path: "fuzz") {
            _ = ParameterCount(model).total
            _ = try? TrainingConfigReader.read(config.fields(TrainingConfigReader.readKeys + TrainingConfigReader.otherKeys), path: "fuzz")
        } else if config.transformersModelType != nil, let model = try? TransformersConfigReader.read(.object(config.values), path: "fuzz") {
            _ = ParameterCount(model).total
        }
    }

    /// The repository's claims schema: the fuzz binaries and the tests run from its root
    /// (`GQA_SCHEMAS` names another folder).
    private static let claimsSchema: URL = {
        let folder = getenv("GQA_SCHEMAS").map { String(cString: $0) } ?? FileManager.default.currentDirectoryPath + "/Results/schemas"
        let url = URL(fileURLWithPath: folder).appendingPathComponent(ClaimsFileReader.schemaName)
        precondition(FileTree.isRegularFile(url), "no \(url.path): run from the repository's root, or set GQA_SCHEMAS")
        return url
    }()
}
