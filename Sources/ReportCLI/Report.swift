import ArgumentParser

/// `report`: turns the logs of a GQA scaling study into validated XML tables and a static site.
public struct Report: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild the cost-optimal GQA study's tables and site from the runs under Results/.",
        discussion: """
            Reads the runs under Results/runs/ (args.json, model_config.json and their logs), the \
            digitized figures under Results/digitized/ and the paper's tables under \
            Results/paper/; computes parameter counts and inference costs; refits every scaling \
            curve; evaluates every claim of Results/claims.xml; renders the figures with Cairo; \
            writes XML tables validated against Results/schemas/ to Results/tables/; and renders \
            site/ from Templates/. Nothing is written unless every step succeeds.
            """,
        subcommands: [BuildCommand.self, CheckCommand.self, InspectCommand.self, FitCommand.self, RecommendCommand.self, ServeCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}
}
