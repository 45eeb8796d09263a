import ArgumentParser

// OWNED BY: cli helper. Placeholder to be replaced.
struct ParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parquet", abstract: "Inspect and read Parquet files.")
}
