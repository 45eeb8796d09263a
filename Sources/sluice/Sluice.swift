import ArgumentParser

@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Find the right lake tables for a question and provision a governed data mart.",
        subcommands: [
            DemoCommand.self, LakeCommand.self, ScanCommand.self, CatalogCommand.self, SearchCommand.self, FeedbackCommand.self, EmbedCommand.self,
            AskCommand.self, ProvisionCommand.self, MartsCommand.self, QueryCommand.self, AuditCommand.self, PgCommand.self,
            EvalCommand.self, ParquetCommand.self, BenchCommand.self,
        ]
    )
}
