import FlyingFox
import FlyingSocks
import Foundation
import GQAReport

/// `report serve`: site/ over HTTP on 127.0.0.1 with FlyingFox, and with `watch`, a rebuild
/// whenever an input changes and a reload of the open pages (`LiveReload`). Runs until SIGINT
/// or SIGTERM, then closes the server and returns.
public final class PreviewServer: @unchecked Sendable {
    public struct Settings: Sendable {
        /// 0: any free port (the one taken is reported).
        public var port: UInt16
        public var watch: Bool
        public var buildOptions: BuildOptions
        public var cache: BuildCache?

        public init(port: UInt16, watch: Bool, buildOptions: BuildOptions, cache: BuildCache?) {
            self.port = port
            self.watch = watch
            self.buildOptions = buildOptions
            self.cache = cache
        }
    }

    let layout: ProjectLayout
    let settings: Settings
    /// Where progress goes (the CLI's standard error).
    let log: @Sendable (String) -> Void
    private let status = BuildStatus()
    private let stopping = NSCondition()
    private var stopRequested = false
    /// Warnings already printed (rebuilds run on one thread, the watch loop's).
    private var shownWarnings: Set<String> = []

    public init(layout: ProjectLayout, settings: Settings, log: @escaping @Sendable (String) -> Void) {
        self.layout = layout
        self.settings = settings
        self.log = log
    }

    /// Serves until SIGINT or SIGTERM. Throws when the port cannot be had or site/ is missing.
    public func run() throws {
        // SIGINT and SIGTERM end the loop below; the handlers run on their own queue. Set before
        // anything else: a signal between ignoring it and its handler's start would be lost.
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                log("stopping (\(number == SIGINT ? "SIGINT" : "SIGTERM"))")
                requestStop()
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }

        var watcher: SourceWatcher?
        var built: SourceWatcher.Snapshot = [:]
        if settings.watch {
            let w = SourceWatcher(layout: layout, runRoots: settings.buildOptions.runRoots ?? [])
            watcher = w
            built = w.snapshot()
            rebuild(reason: "first build")
        } else if !FileManager.default.fileExists(atPath: layout.site.appendingPathComponent("index.html").path) {
            throw ReportError(path: layout.relativePath(layout.site), "no site to serve: run `swift run report` first, or serve with --watch to build it")
        }

        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: settings.port), logger: .disabled,
                                handler: SiteFileHandler(site: layout.site, status: settings.watch ? status : nil))
        let port = try start(server)
        log("serving \(layout.relativePath(layout.site))/ at http://127.0.0.1:\(port)/"
            + (settings.watch ? "; rebuilding when Results/ or Templates/ change" : "") + " (Ctrl-C to stop)")

        // Twice a second, or less often where a snapshot of a very large tree is slow, so
        // watching never takes more than about a tenth of a core.
        var interval = 0.5
        while !waitForStop(seconds: interval) {
            guard let watcher else { continue }
            let started = Date()
            var now = watcher.snapshot()
            interval = max(0.5, 10 * Date().timeIntervalSince(started))
            guard now != built else { continue }
            // Wait for writes to settle: a trainer appends, a copy takes a moment.
            while !waitForStop(seconds: 0.3) {
                let later = watcher.snapshot()
                if later == now { break }
                now = later
            }
            let changed = SourceWatcher.changes(from: built, to: now)
            built = now
            let first = changed.first.map { layout.relativePath(URL(fileURLWithPath: $0)) } ?? "?"
            rebuild(reason: "\(first)" + (changed.count > 1 ? " and \(changed.count - 1) more changed" : " changed"))
        }
        blocking { await server.stop(timeout: 2) }
        log("stopped")
    }

    /// Starts the server and waits until it listens; its port, or an error saying why not.
    private func start(_ server: HTTPServer) throws -> UInt16 {
        let failure = ErrorBox()
        Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let error = failure.value {
                let taken = "\(error)".localizedCaseInsensitiveContains("in use")
                throw ReportError(taken
                    ? "port \(settings.port) on 127.0.0.1 is taken by another program; choose another with --port N, or --port 0 for any free port"
                    : "cannot listen on 127.0.0.1:\(settings.port): \(error)")
            }
            if let address = blocking({ await server.listeningAddress }), case let .ip4(_, port) = address { return port }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw ReportError("the server did not start listening on 127.0.0.1:\(settings.port) within 10 s")
    }

    private func rebuild(reason: String) {
        log("\(reason): rebuilding")
        let started = Date()
        do {
            let context = try BuildPipeline.standard.build(layout: layout, options: settings.buildOptions, cache: settings.cache,
                                                         waiting: { self.log("note: \($0)") })
            // Each warning once: a rebuild repeats the earlier ones, which would bury what changed.
            let warnings = context.diagnostics.warnings.map { "\($0)" }
            for warning in warnings where !shownWarnings.contains(warning) { log("warning: \(warning)") }
            let repeated = warnings.filter(shownWarnings.contains).count
            if repeated > 0 { log("(\(repeated) warning(s) as before)") }
            shownWarnings.formUnion(warnings)
            status.succeeded()
            log(String(format: "rebuilt in %.1f s: %d runs; open pages reload", Date().timeIntervalSince(started), context.runs.count))
        } catch {
            let message = "\(ReportError.describing(error))"
            status.failed(message)
            log("error: \(message)\nthe rebuild failed; serving the last good site")
        }
    }

    private func requestStop() {
        stopping.lock()
        stopRequested = true
        stopping.broadcast()
        stopping.unlock()
    }

    /// Waits up to `seconds` for a stop request; true once one came.
    private func waitForStop(seconds: Double) -> Bool {
        stopping.lock()
        defer { stopping.unlock() }
        if !stopRequested { _ = stopping.wait(until: Date().addingTimeInterval(seconds)) }
        return stopRequested
    }

    /// Runs async work from this synchronous command and waits for its result.
    private func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.withLock { self.error = error } }
    var value: (any Error)? { lock.withLock { error } }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
