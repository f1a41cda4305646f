import ArgumentParser
import Foundation
import GQAReport
import SitePreview

/// `report serve`: preview site/ in a browser, rebuilt and reloaded as the inputs change.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve site/ on 127.0.0.1; with --watch, rebuild and reload the open pages when an input changes.",
        discussion: """
            Serves the files of site/ at http://127.0.0.1:PORT/ (only this machine can reach it). \
            With --watch it builds first, then polls Results/ (less Results/tables/), Templates/ \
            and any --runs folders twice a second (less often on very large trees); after a \
            change it rebuilds incrementally (as `report` does, reusing .report-cache/) and \
            every open page reloads itself. A failed \
            rebuild leaves the last good site in place and shows its error at the foot of the \
            open pages until a rebuild succeeds. Stop with Ctrl-C (SIGINT) or SIGTERM. Exit \
            status 1 when the port is taken or there is no site to serve.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var caching: CacheOptions
    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("The port on 127.0.0.1; 0 takes any free port and prints it.", valueName: "port"))
    var port: UInt16 = 8000

    @Flag(help: "Rebuild when Results/, Templates/ or a --runs folder changes, and reload the open pages.")
    var watch = false

    func run() throws {
        let layout = project.layout
        let settings = PreviewServer.Settings(port: port, watch: watch, buildOptions: data.options, cache: caching.cache(for: layout))
        try reportingErrors {
            try PreviewServer(layout: layout, settings: settings, log: { printError($0) }).run()
        }
    }
}
