import ArgumentParser

/// `sluice pg …`: administering the PostgreSQL backend.
struct PgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pg",
        abstract: "Set up a PostgreSQL database for Sluice (extensions, schemas, roles, privileges).",
        subcommands: [PgInitCommand.self]
    )
}
