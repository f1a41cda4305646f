import ArgumentParser
import Foundation

/// `report-benchmarks fits`: the study's cold build and its fit step, and Chinchilla's law on
/// Epoch AI's 240 points with bootstrap refits, each as a `report` process; paired (runs
/// alternate) with another `report` binary when `--baseline` names one (built from an earlier
/// commit), and beside the Python peers when `--python` names an interpreter with scipy and
/// matplotlib.
struct FitsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fits",
        abstract: "Time the study's cold build and fit step, and Chinchilla on Epoch's points, paired against a baseline binary and Python.")

    @Option(help: ArgumentHelp("Another report executable to pair with (built from an earlier commit).", valueName: "path"))
    var baseline: String?

    @Option(name: .customLong("repeat"), help: "Repetitions of each measurement (the median is shown).")
    var repeats = 5

    @Option(help: ArgumentHelp("A Python with scipy and matplotlib, for the peers in Sources/Benchmarks/python/.", valueName: "path"))
    var python: String?

    @Flag(help: "Also time Epoch's own method in scipy (L-BFGS-B from all 4,500 starts; about a minute or more).")
    var epochPython = false

    @Option(help: ArgumentHelp("The fits-data folder holding epoch-chinchilla/.", valueName: "dir"))
    var fitsData = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fits-data").path

    func run() throws {
        let current = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("report").path
        guard FileManager.default.isExecutableFile(atPath: current) else { throw BenchmarkError("\(current) is not built: swift build -c release") }
        var binaries = [("this build", current)]
        if let baseline { binaries.append(("baseline", baseline)) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-report-fits-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let epochCSV = work.appendingPathComponent("epoch.csv")
        let epoch = try writeEpochPoints(to: epochCSV)
        say("study: this repository's Results/ (cold: --no-cache, a copy a binary); Chinchilla: Epoch's \(epoch) points of Hoffmann et al.'s Figure 4")
        say("cores: \(ProcessInfo.processInfo.activeProcessorCount)")

        var builds: [String: [Double]] = [:], fitSteps: [String: [Double]] = [:], chinchilla: [String: [Double]] = [:]
        var chinchilla500: [Double] = []
        for round in 0..<repeats {
            // Alternate which binary goes first, so neither always meets a warm or cold cache.
            for (name, binary) in round % 2 == 0 ? binaries : binaries.reversed() {
                let root = work.appendingPathComponent("study-\(name.replacingOccurrences(of: " ", with: "-"))")
                if round < 2 { try copyStudy(from: Self.repository(of: binary), to: root) }
                let build = try ChildRun.run(binary, ["build", "--no-cache", "--timings", "--quiet", "--root", root.path])
                guard build.status == 0 else { throw BenchmarkError("\(binary) build failed:\n\(build.output)") }
                builds[name, default: []].append(build.seconds)
                if let fit = stepTime("fit scaling curves", in: build.output) { fitSteps[name, default: []].append(fit) }
                let fit = try ChildRun.run(binary, ["fit", "chinchilla", epochCSV.path, "--x", "N", "--x2", "D", "--y", "loss", "--bootstrap", "100"])
                guard fit.status == 0 else { throw BenchmarkError("\(binary) fit failed:\n\(fit.output)") }
                chinchilla[name, default: []].append(fit.seconds)
            }
            let fit = try ChildRun.run(current, ["fit", "chinchilla", epochCSV.path, "--x", "N", "--x2", "D", "--y", "loss", "--bootstrap", "500"])
            chinchilla500.append(fit.seconds)
        }
        for (name, _) in binaries {
            say("\(name):")
            report("  cold study build (process wall)", builds[name]!)
            if let steps = fitSteps[name] { report("  fit step (from --timings)", steps) }
            report("  Chinchilla, 100 bootstrap refits", chinchilla[name]!)
        }
        report("this build: Chinchilla, 500 bootstrap refits", chinchilla500)
        if baseline != nil {
            say(String(format: "paired: cold build %.2fx faster, fit step %.2fx, Chinchilla (100 refits) %.2fx",
                       median(builds["baseline"]!) / median(builds["this build"]!),
                       median(fitSteps["baseline"] ?? [1]) / median(fitSteps["this build"] ?? [1]),
                       median(chinchilla["baseline"]!) / median(chinchilla["this build"]!)))
        }

        guard let python else { return say("Python peers: skipped (pass --python PATH with scipy and matplotlib)") }
        let peers = repositoryRoot.appendingPathComponent("Sources/Benchmarks/python")
        var figure2: [Double] = []
        for _ in 0..<repeats {
            let run = try ChildRun.run(python, [peers.appendingPathComponent("figure2_peer.py").path,
                                                repositoryRoot.appendingPathComponent("Results/digitized/figure2.csv").path, work.path])
            guard run.status == 0 else { throw BenchmarkError("figure2_peer.py failed:\n\(run.output)") }
            figure2.append(run.seconds)
        }
        report("Python: fit and draw Figure 2 alone", figure2)
        say(String(format: "cold study build / Python Figure 2 alone: %.2f", median(builds["this build"]!) / median(figure2)))
        guard epochPython else { return say("Epoch's method in scipy: skipped (pass --epoch-python)") }
        let run = try ChildRun.run(python, [peers.appendingPathComponent("epoch_method.py").path, epochCSV.path])
        guard run.status == 0 else { throw BenchmarkError("epoch_method.py failed:\n\(run.output)") }
        say("Epoch's method in scipy (4,500 L-BFGS-B starts, no bootstrap): " + String(format: "%.1f s", run.seconds)
            + String(format: "; this build with 500 refits is %.0fx faster", run.seconds / median(chinchilla500)))
        say("  " + (run.output.split(separator: "\n").last.map(String.init) ?? ""))
    }

    /// Results/, Templates/ and site/ of a binary's own repository (its schemas match its
    /// tables), with no build cache.
    private func copyStudy(from repository: URL, to root: URL) throws {
        let files = FileManager.default
        try? files.removeItem(at: root)
        try files.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Results", "Templates", "site"] {
            try files.copyItem(at: repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }

    /// The checkout a `report` binary was built in (the nearest folder above it with a
    /// Package.swift and Results/; `.build/release` is a link into `.build/<triple>/release`),
    /// or this repository when the binary lies elsewhere.
    static func repository(of binary: String) -> URL {
        var folder = URL(fileURLWithPath: binary).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("Results/claims.xml").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return repositoryRoot
    }

    /// Epoch's default sample (the 5 runs of highest loss dropped) as N, D = C/(6N), loss.
    private func writeEpochPoints(to file: URL) throws -> Int {
        let source = URL(fileURLWithPath: fitsData).appendingPathComponent("epoch-chinchilla/svg_extracted_data.csv")
        guard let text = try? String(contentsOf: source, encoding: .utf8) else { throw BenchmarkError("cannot read \(source.path) (pass --fits-data)") }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        guard let n = header.firstIndex(of: "Model Size"), let c = header.firstIndex(of: "Training FLOP"), let l = header.firstIndex(of: "loss")
        else { throw BenchmarkError("\(source.path): columns Model Size, Training FLOP, loss expected") }
        var rows = lines.dropFirst().compactMap { cells -> (Double, Double, Double)? in
            guard let size = Double(cells[n]), let flops = Double(cells[c]), let loss = Double(cells[l]) else { return nil }
            return (size, flops / (6 * size), loss)
        }
        let cut = rows.map(\.2).sorted(by: >)[4]
        rows = rows.filter { $0.2 < cut }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (["N,D,loss"] + rows.map { "\($0.0),\($0.1),\($0.2)" }).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return rows.count
    }

    /// A step's seconds from `report build --timings` ("      0.123 s  fit scaling curves").
    private func stepTime(_ step: String, in output: String) -> Double? {
        for line in output.split(separator: "\n") where line.hasSuffix(step) {
            if let value = line.split(separator: " ").first.flatMap({ Double($0) }) { return value }
        }
        return nil
    }
}
