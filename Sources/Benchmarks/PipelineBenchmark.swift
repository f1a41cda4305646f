import ArgumentParser
import Foundation
import GQAReport

/// `report-benchmarks pipeline` (the default): every step of the build on a 42-run sweep of
/// trainer stdout logs and on the study's own artifact, each figure, TensorBoard reading and
/// each law's fit. A synthetic sweep in the authors' layout is generated in a temporary
/// folder: the seven head configurations of the paper's Figure 2, each on the d = 128·L
/// ladder (L = 6…16), with trainer logs whose losses follow a size law. It is benchmark
/// input, not study data.
struct PipelineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Time every build step, figure and fit on a 42-run sweep and on the study's artifact.")

    @Option(help: "Steps logged per run of the 42-run sweep.")
    var steps = 2000

    @Option(name: .customLong("repeat"), help: "Repetitions of each measurement (the median is shown).")
    var repeats = 5

    func run() throws {
        let settings = self
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-report-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let logBytes = try makeSweep(at: root, steps: settings.steps)
        let layout = ProjectLayout(root: root)
        print("sweep: \(heads.count * ladder.count) runs x \(settings.steps) steps, \(logBytes / 1_000_000) MB of logs")

        var stepTimes: [String: [Double]] = [:]
        var buildTimes: [Double] = []
        var fitCount = 0
        for _ in 0..<settings.repeats {
            var context = BuildContext(layout: layout)
            for step in BuildPipeline.standard.steps {
                stepTimes[step.name, default: []].append(try seconds { try step.run(&context) })
            }
            fitCount = context.fits.filter { $0.fit != nil }.count
            buildTimes.append(try seconds { try BuildPipeline.standard.build(layout: layout) })
        }
        for step in BuildPipeline.standard.steps {
            let extra = step is IngestStep
                ? String(format: "  %.0f MB/s", Double(logBytes) / median(stepTimes[step.name]!) / 1e6)
                : step is FitStep ? "  \(fitCount) curves" : ""
            report("step: " + step.name, stepTimes[step.name]!, extra: extra)
        }
        report("full build (with atomic write)", buildTimes)
        // Finding the runs and tying their logs, before any log is read.
        report("run discovery (\(heads.count * ladder.count) run directories)",
               try (0..<settings.repeats).map { _ in try seconds { _ = try RunDiscovery(layout: layout, roots: [layout.runs]).discover() } })

        // Each figure alone: building its model, then SVG, PDF and PNG.
        var figureContext = BuildContext(layout: layout)
        try BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep(), ClaimsStep(), ReproductionStep()]).run(&figureContext)
        for figure in StudyFigures.all(figureContext) {
            report("figure \(figure.name): SVG", (0..<settings.repeats).map { _ in seconds { _ = try? CairoRenderer.svg(figure) } })
            report("figure \(figure.name): PDF", (0..<settings.repeats).map { _ in seconds { _ = try? CairoRenderer.pdf(figure) } })
            report("figure \(figure.name): PNG", (0..<settings.repeats).map { _ in seconds { _ = try? CairoRenderer.png(figure) } })
        }
        report("build all figure models", (0..<settings.repeats).map { _ in seconds { _ = StudyFigures.all(figureContext) } })

        // The study's own artifact (this repository's Results/), step by step.
        let repositoryLayout = ProjectLayout(root: repositoryRoot)
        var studyTimes: [String: [Double]] = [:]
        for _ in 0..<settings.repeats {
            var context = BuildContext(layout: repositoryLayout)
            for step in BuildPipeline.standard.steps {
                studyTimes[step.name, default: []].append(try seconds { try step.run(&context) })
            }
        }
        for step in BuildPipeline.standard.steps { report("study: " + step.name, studyTimes[step.name]!) }
        // The study's fits by kind of curve (where the fit step's time goes).
        var studyFits = BuildContext(layout: repositoryLayout)
        try BuildPipeline(steps: [IngestStep(), SweepStep(), CostStep(), FitStep()]).run(&studyFits)
        for kind in ["N", "memory bytes", "FLOPs", "Z"] {
            let selections = studyFits.fits.map(\.selection).filter { $0.xName == kind }
            let time = median((0..<settings.repeats).map { _ in seconds { for s in selections { _ = try? CurveFitter.fit(s.law, s.data) } } })
            print(String(format: "study fits against %@: %d curves, %.1f ms (one core)", kind, selections.count, time * 1000))
        }
        report("study: all steps (no write)", (0..<settings.repeats).map { i in BuildPipeline.standard.steps.reduce(0) { $0 + studyTimes[$1.name]![i] } })

        // TensorBoard event files: one run of 20,000 steps × 12 tags, written here, read back.
        let eventTags = ["train/loss", "loss/val", "train/learning_rate", "train/grad_norm", "train/n_input_tokens_seen",
                         "efficiency/iter_time", "efficiency/fwd_time", "efficiency/bwd_time", "efficiency/data_time",
                         "efficiency/mem_allocated", "efficiency/mem_reserved", "misc/cur_step"]
        var eventFile = Data()
        for step in 1...20_000 {
            for tag in eventTags {
                eventFile.append(TensorBoardEventWriter.record(step: step, scalars: [(tag, Float(step) * 0.001 + 1)]))
            }
        }
        let eventTimes = (0..<settings.repeats).map { _ in
            seconds {
                var diagnostics = Diagnostics()
                _ = try? TensorBoardEventReader().read(eventFile, path: "bench", diagnostics: &diagnostics)
            }
        }
        report("TensorBoard event file, 240,000 records", eventTimes,
               extra: String(format: "  %.1f MB, %.0f MB/s, %.0fk records/s", Double(eventFile.count) / 1e6,
                             Double(eventFile.count) / median(eventTimes) / 1e6, 240_000 / median(eventTimes) / 1000))

        // Each law alone on its own data, bootstrap included.
        let sizes = ladder.map { ParameterConvention.paperFormula.count(ModelConfig(layers: $0.0, hiddenSize: $0.1, queryHeads: 8, kvHeads: 1)) }
        let sizeData = FitData(x: sizes, y: sizes.map { SizeLaw().predict([4.4e7, 0.212, 2.103], x: $0) + 0.001 * sin($0) })
        let headData = FitData(x: [1, 2, 4, 8, 16, 32, 64, 128], y: [1, 2, 4, 8, 16, 32, 64, 128].map { 0.579 * pow($0, -0.124) + 2.473 + 0.001 * cos($0) })
        var chinchillaN: [Double] = [], chinchillaD: [Double] = [], chinchillaY: [Double] = []
        for n in [1e7, 4e7, 1.6e8, 6.4e8] {
            for d in [2e8, 1e9, 5e9, 2.5e10] {
                chinchillaN.append(n); chinchillaD.append(d)
                chinchillaY.append(ChinchillaLaw().predict([1.69, 406.4, 0.34, 410.7, 0.28], x: n, x2: d) * (1 + 0.001 * sin(n + d)))
            }
        }
        let chinchillaData = FitData(x: chinchillaN, x2: chinchillaD, y: chinchillaY)
        report("fit size-law (6 pts, 500 bootstrap)", (0..<settings.repeats).map { _ in seconds { _ = try? CurveFitter.fit(.sizeLaw, sizeData) } })
        report("fit power-plus-constant (8 pts, 500 bs)", (0..<settings.repeats).map { _ in seconds { _ = try? CurveFitter.fit(.powerPlusConstant, headData) } })
        report("fit chinchilla (16 pts, 4500 starts)", (0..<max(1, settings.repeats / 2)).map { _ in seconds { _ = try? CurveFitter.fit(.chinchilla, chinchillaData) } })
    }
}

let heads = [(8, 8), (8, 4), (8, 2), (8, 1), (4, 1), (2, 1), (1, 1)]
let ladder = [(6, 768), (8, 1024), (10, 1280), (12, 1536), (14, 1792), (16, 2048)]

func makeSweep(at root: URL, steps: Int) throws -> Int {
    let repository = repositoryRoot
    let files = FileManager.default
    try files.createDirectory(at: root.appendingPathComponent("Results/runs"), withIntermediateDirectories: true)
    try files.copyItem(at: repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
    try files.copyItem(at: repository.appendingPathComponent("Results/schemas"), to: root.appendingPathComponent("Results/schemas"))
    var bytes = 0
    for (nh, nkv) in heads {
        for (layers, hidden) in ladder {
            let name = "bench_gpt-\(layers)-\(hidden)-h\(nh)-kv\(nkv)_synthetic"
            let directory = root.appendingPathComponent("Results/runs/\(name)")
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
            let model = #"{"d_model": \#(hidden), "dim_k": 64, "dim_v": 64, "ffn_is_gated": 1, "n_head": \#(nh), "n_kv_head": \#(nkv), "n_layer": \#(layers), "vocab_size": 50304}"#
            let args = #"{"batch_size": 8, "max_len": 8192, "n_gpus": 8, "n_train_steps": \#(steps)}"#
            let n = ParameterConvention.paperFormula.count(ModelConfig(layers: layers, hiddenSize: hidden, queryHeads: nh, kvHeads: nkv))
            let final = SizeLaw().predict([5e7 * Double(9 - nkv) / Double(nh), 0.21, 2.1], x: n)
            var log = ""
            log.reserveCapacity(steps * 140)
            for step in 1...steps {
                let loss = final + 6 * pow(Double(step), -0.6)
                log += "[\(step)/\(steps)] loss \(String(format: "%.4f", loss)) | time 412.3ms | t_data 1.2ms | t_fwd 100.1ms | t_bwd 200.2ms | lr 1.000e-03 | grad_norm 1.23e+00 | tokens \(step * 524_288)\n"
            }
            try Data(model.utf8).write(to: directory.appendingPathComponent("model_config.json"))
            try Data(args.utf8).write(to: directory.appendingPathComponent("args.json"))
            try Data(log.utf8).write(to: directory.appendingPathComponent("stdout.log"))
            bytes += log.utf8.count
        }
    }
    return bytes
}
