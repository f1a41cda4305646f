import Foundation
import XCTest

@testable import GQAReport
@testable import ReportCLI

/// Runs `report` with these arguments in-process and returns its exit status.
func runReport(_ arguments: [String]) -> Int32 {
    do {
        var command = try Report.parseAsRoot(arguments)
        try command.run()
        return 0
    } catch {
        return Report.exitCode(for: error).rawValue
    }
}

/// Runs a program (found on PATH, through env) and returns its exit status and what it printed
/// on standard output, with standard error too unless `errorsApart` (then they go to the test's
/// own, so a warning cannot mix into output a test parses).
func runTool(_ arguments: [String], in directory: URL? = nil, errorsApart: Bool = false) throws -> (status: Int32, output: String) {
    let process = Process(), pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = pipe
    process.standardError = errorsApart ? FileHandle.standardError : pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// The repository's own folders, found from this file's path.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Files written by real tools, kept beside the repository, never in it (Tests/README.md,
    /// "Conformance"); `GQA_REAL_FORMATS` names another place.
    static var realFormats: URL {
        if let place = ProcessInfo.processInfo.environment["GQA_REAL_FORMATS"] { return URL(fileURLWithPath: place) }
        return root.deletingLastPathComponent().appendingPathComponent("shared/real-formats")
    }

    /// `realFormats` (or a folder in it) for a test that reads it, or the test is skipped,
    /// saying where the files were looked for.
    static func requireRealFormats(_ folder: String = "") throws -> URL {
        let url = folder.isEmpty ? realFormats : realFormats.appendingPathComponent(folder)
        guard FileTree.isDirectory(url) else {
            throw XCTSkip("\(url.path) is not here: the real files live beside the repository, not in it (GQA_REAL_FORMATS names another place)")
        }
        return url
    }

    /// Data to test fitters against (Epoch AI's Chinchilla points), kept beside the repository;
    /// `GQA_FITS_DATA` names another place.
    static var fitsData: URL {
        if let place = ProcessInfo.processInfo.environment["GQA_FITS_DATA"] { return URL(fileURLWithPath: place) }
        return root.deletingLastPathComponent().appendingPathComponent("shared/fits-data")
    }
}

/// A throw-away project folder with the repository's templates and schemas and runs written
/// by the test, so each test owns its inputs and outputs.
final class TestProject {
    let root: URL
    var layout: ProjectLayout { ProjectLayout(root: root) }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gqa-report-test-\(UUID().uuidString)", isDirectory: true)
        let files = FileManager.default
        try files.createDirectory(at: root.appendingPathComponent("Results/runs"), withIntermediateDirectories: true)
        try files.copyItem(at: Repository.root.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try files.copyItem(at: Repository.root.appendingPathComponent("Results/schemas"), to: root.appendingPathComponent("Results/schemas"))
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func runDirectory(_ name: String) -> URL {
        root.appendingPathComponent("Results/runs/\(name)", isDirectory: true)
    }

    /// Writes a run in the authors' layout. `log` defaults to a short, well-formed trainer log.
    @discardableResult
    func addRun(
        _ name: String, layers: Int = 4, hidden: Int = 256, heads: Int = 4, kvHeads: Int = 4,
        steps: Int = 20, modelJSON: String? = nil, argsJSON: String? = nil, log: String? = nil
    ) throws -> URL {
        let directory = runDirectory(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let model = modelJSON ?? """
            {
                "d_model": \(hidden),
                "dim_k": 64,
                "dim_v": 64,
                "ffn_act_fn": "silu",
                "ffn_is_gated": 1,
                "n_head": \(heads),
                "n_kv_head": \(kvHeads),
                "n_layer": \(layers),
                "vocab_size": 50304
            }
            """
        let args = argsJSON ?? """
            {"batch_size": 8, "grad_accum_steps": 1, "lr": 0.001, "lr_scheduler": "wsd",
             "max_len": 8192, "n_gpus": 8, "n_train_steps": \(steps), "seed": 0}
            """
        try write(model, to: directory.appendingPathComponent("model_config.json"))
        try write(args, to: directory.appendingPathComponent("args.json"))
        try write(log ?? Self.log(steps: steps), to: directory.appendingPathComponent("stdout.log"))
        return directory
    }

    /// A trainer log with losses falling from 8 by 0.1 a step.
    static func log(steps: Int, start: Double = 8) -> String {
        var lines = ["Tokens per batch: 524,288", "===== Start training ====="]
        for step in 1...steps {
            let loss = start - 0.1 * Double(step)
            lines.append("[\(step)/\(steps)] loss \(String(format: "%.4f", loss)) | time 412.3ms | t_data 1.2ms"
                + " | t_fwd 100.1ms | t_bwd 200.2ms | lr 1.000e-03 | grad_norm 1.23e+00 | tokens \(grouped(step * 524_288))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// path → SHA-256 of every file under site/ and Results/tables/.
    func outputHashes() -> [String: String] {
        var hashes: [String: String] = [:]
        for folder in ["site", "Results/tables"] {
            let base = root.appendingPathComponent(folder)
            for path in FileTree.regularFiles(under: base) {
                if let data = FileManager.default.contents(atPath: base.appendingPathComponent(path).path) {
                    hashes[folder + "/" + path] = FileDigest.sha256Hex(data)
                }
            }
        }
        return hashes
    }

    /// A build; `strict` as `--strict` (an unreadable run fails it).
    @discardableResult
    func build(strict: Bool = false) throws -> BuildContext {
        var options = BuildOptions()
        options.strict = strict
        return try BuildPipeline.standard.build(layout: layout, options: options)
    }

    /// The error a build throws, or a test failure when it does not throw one.
    func buildError(strict: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> ReportError? {
        do {
            try build(strict: strict)
            XCTFail("the build should have failed", file: file, line: line)
            return nil
        } catch let error as ReportError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }
}
