import ArgumentParser

/// `sluice parquet`: look inside Parquet files with Sluice's own reader.
struct ParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect and read Parquet files.",
        discussion: """
        Both subcommands use Sluice's pure-Swift Parquet reader, the one the lake \
        scanner uses, so what they show is what Sluice sees.

        Examples:
          sluice parquet inspect trades.parquet
          sluice parquet cat trades.parquet --columns id,price --limit 10
        """,
        subcommands: [ParquetInspectCommand.self, ParquetCatCommand.self]
    )
}
