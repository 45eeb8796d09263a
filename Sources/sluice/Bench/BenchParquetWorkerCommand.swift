import ArgumentParser
import Foundation
import Parquet

/// The Sluice side of `sluice bench parquet`, started as a separate process so the
/// parent can pin it to one core exactly as it pins pyarrow.
struct BenchParquetWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet-worker",
        abstract: "Time one Sluice Parquet operation (used by `sluice bench parquet`).",
        shouldDisplay: false
    )

    enum Operation: String, ExpressibleByArgument { case read, readConcurrent = "read-concurrent", write }

    @Argument var operation: Operation
    @Argument var file: String
    @Option var out: String?
    @Option(name: .customLong("repeat")) var repetitions = 5

    func run() async throws {
        let timing: Timing
        switch operation {
        case .read:
            timing = try await Timing.measure(repeat: repetitions) { _ = try await readAll(concurrently: false) }
        case .readConcurrent:
            timing = try await Timing.measure(repeat: repetitions) { _ = try await readAll(concurrently: true) }
        case .write:
            guard let out else { throw ValidationError("write needs --out") }
            let reader = try await ParquetFileReader.open(path: file)
            let fields = reader.schema.columns.map(ParquetField.init)
            var groups: [[ColumnData]] = []
            for group in 0..<reader.rowGroupCount {
                groups.append(try await reader.readRowGroup(group).map(\.data))
            }
            timing = try await Timing.measure(repeat: repetitions) {
                let writer = try ParquetWriter(fields: fields, sink: try FileByteSink(path: out))
                for columns in groups { try await writer.write(columns) }
                try await writer.close()
            }
        }
        let json = try JSONEncoder().encode(timing)
        print(String(decoding: json, as: UTF8.self))
    }

    private func readAll(concurrently: Bool) async throws -> Int {
        let reader = try await ParquetFileReader.open(path: file)
        guard concurrently else {
            var rows = 0
            for group in 0..<reader.rowGroupCount {
                rows += try await reader.readRowGroup(group).first?.rowCount ?? 0
            }
            return rows
        }
        return try await withThrowingTaskGroup(of: Int.self) { tasks in
            for group in 0..<reader.rowGroupCount {
                tasks.addTask { try await reader.readRowGroupConcurrently(group).first?.rowCount ?? 0 }
            }
            return try await tasks.reduce(0, +)
        }
    }
}
