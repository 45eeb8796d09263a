import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Sluice against its peers, side by side in the same run.",
        subcommands: [BenchParquetCommand.self, BenchParquetWorkerCommand.self, BenchLakeFootersCommand.self, BenchPIICommand.self,
                      BenchSearchCommand.self, BenchProvisionCommand.self, BenchStageCommand.self]
    )
}
