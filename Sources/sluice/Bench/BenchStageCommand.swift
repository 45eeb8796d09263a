import ArgumentParser
import Foundation
import SluiceCore
import SluiceLake
import SluicePostgres
import SluiceProvision

/// Loading the Parquet benchmark's table into PostgreSQL: Sluice's staging (record batches
/// streamed through COPY by the PostgreSQL warehouse) against the reference lab's method, in
/// the same run and the same database.
struct BenchStageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Time loading a Parquet table into PostgreSQL: Sluice's COPY staging vs pandas → CSV → psycopg2 COPY.",
        discussion: """
        Uses the table of `sluice bench parquet` (generated with pyarrow when missing: int64 id and \
        account_id, string status, isin and note, double price and quantity, timestamp(us) ts), and \
        for each run, in the same database:
          sluice:    Sluice's Parquet reader → PostgresWarehouse.appendStaging (COPY text, streamed \
        from the record batches; no file on disk), --connections row groups at a time
          reference: benchmarks/stage_reference.py: pandas.read_parquet → DataFrame.to_csv (in \
        memory) → COPY … FROM STDIN WITH CSV through psycopg2's copy_expert
        Both load an UNLOGGED table with the same DDL (Sluice's staging types). Then both tables \
        are fingerprinted by the server (count, sums, distinct counts, extremes, an md5 over the \
        text columns in id order) and must agree, or the benchmark fails. The ratio is the \
        reference's best time over Sluice's best (higher is better for Sluice). Build in release mode:
          swift build -c release --scratch-path .build-release --product sluice
          .build-release/release/sluice bench stage
        """
    )

    @Option(name: .long, help: ArgumentHelp("The database (a user that may create in schema lake): postgres://… Default: $SLUICE_TEST_POSTGRES_URL.", valueName: "url"))
    var postgres: String?
    @Option(help: "Rows in the generated table.") var rows = 5_000_000
    @Option(help: "Timed runs of each method; the best is compared.") var runs = 3
    @Option(help: "Row groups Sluice loads at once, each on its own connection.") var connections = 2
    @Option(help: "Folder for the generated file.") var workDir = ".cache/bench"
    @Option(help: "Python with pandas and psycopg2 (default: $SLUICE_PYTHON, else .cache/venv/bin/python3).") var python: String?
    @Flag(help: "Print the results as JSON.") var json = false

    struct Result: Codable {
        var rows: Int
        var file: String
        var fileBytes: Int
        var connections: Int
        var sluice: Timing
        var reference: Timing
        /// Reference time over Sluice's (best of each).
        var speedup: Double
        var sluiceRowsPerSecond: Double
        var referenceRowsPerSecond: Double
        /// The server's fingerprint of both tables (equal).
        var fingerprint: [String]
    }

    func validate() throws {
        guard rows > 0, runs > 0, (1...16).contains(connections) else {
            throw ValidationError("--rows and --runs must be positive and --connections 1…16")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let python = try resolvePython()
            guard let url = postgres ?? ProcessInfo.processInfo.environment["SLUICE_TEST_POSTGRES_URL"] else {
                throw CommandError("no database: pass --postgres postgres://… or start the test server (scripts/services.sh up postgres; eval \"$(scripts/services.sh env)\")")
            }
            guard case let .postgres(location) = try BackendLocation.parse(url) else { throw CommandError("--postgres takes a postgres:// URL") }
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            let source = "\(workDir)/bench-\(rows).parquet"
            if !FileManager.default.fileExists(atPath: source) {
                progress("generating \(rows) rows with pyarrow → \(source)")
                _ = try Subprocess.run([python, "benchmarks/parquet_bench.py", "generate", "--rows", "\(rows)", "--out", source])
            }
            let database = try await PostgresDatabase.connect(location)
            defer { Task { await database.close() } }
            try await database.migrate([.lake])
            let warehouse = PostgresWarehouse(database: database, pseudonymKey: nil)
            let reader = try await ParquetBatchReader.open(path: source)
            let table = StagingTable(sourceTable: "bench", stagedName: "bench_stage_sluice",
                                     columns: reader.fields.map { StagedColumn(name: $0.name, type: StagedColumnType(catalogType: $0.type.description),
                                                                               catalogType: $0.type.description) },
                                     lakeURI: "file://\(source)", objects: [], partitionKeys: [], contentHash: "")
            var sluiceRuns: [Double] = []
            for run in 1...runs {
                progress("sluice: run \(run) of \(runs)")
                try await warehouse.createStagingTable(table)
                let start = DispatchTime.now().uptimeNanoseconds
                let loaded = try await load(source, into: table, warehouse: warehouse)
                sluiceRuns.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                guard loaded == reader.rowCount else { throw CommandError("Sluice loaded \(loaded) rows of \(reader.rowCount)") }
            }
            let ddl = table.columns.map { "\(PostgresSQL.quote($0.name)) \(CopyTextEncoder.sqlType(of: $0.type))" }.joined(separator: ", ")
            progress("reference: \(runs) runs of pandas → CSV → psycopg2 COPY")
            let reference = try Timing.decode(Subprocess.run([python, "benchmarks/stage_reference.py", "load", location.urlWithPassword, source,
                                                               "lake.bench_stage_reference", ddl, "--repeat", "\(runs)"]))
            progress("fingerprinting both tables")
            let mine = try Subprocess.run([python, "benchmarks/stage_reference.py", "check", location.urlWithPassword, "lake.bench_stage_sluice"])
            let theirs = try Subprocess.run([python, "benchmarks/stage_reference.py", "check", location.urlWithPassword, "lake.bench_stage_reference"])
            let fingerprint = try JSONDecoder().decode([String].self, from: Data(mine.utf8))
            guard fingerprint == (try JSONDecoder().decode([String].self, from: Data(theirs.utf8))) else {
                throw CommandError("the two loads differ: Sluice \(mine.trimmingCharacters(in: .newlines)), reference \(theirs.trimmingCharacters(in: .newlines))")
            }
            try await warehouse.dropStaging([table])
            try await database.withConnection { connection in
                try await connection.query("DROP TABLE IF EXISTS lake.bench_stage_reference", logger: database.logger)
            }
            let sluice = Timing(seconds: sluiceRuns)
            let size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int) ?? 0
            let result = Result(rows: reader.rowCount, file: source, fileBytes: size, connections: connections, sluice: sluice, reference: reference,
                                speedup: reference.best / sluice.best, sluiceRowsPerSecond: Double(reader.rowCount) / sluice.best,
                                referenceRowsPerSecond: Double(reader.rowCount) / reference.best, fingerprint: fingerprint)
            if json {
                print(try jsonText(result))
            } else {
                printTable(result)
            }
        }
    }

    /// Every row group of `source` into `table`, `connections` at a time: each worker decodes
    /// its row group and streams it through COPY on its own connection.
    private func load(_ source: String, into table: StagingTable, warehouse: PostgresWarehouse) async throws -> Int {
        let reader = try await ParquetBatchReader.open(path: source)
        let groups = reader.rowGroupCount
        let workers = connections
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var loaded = 0
                    for index in stride(from: worker, to: groups, by: workers) {
                        loaded += try await warehouse.appendStaging(table, batch: try await reader.readRowGroup(index))
                    }
                    return loaded
                }
            }
            return try await group.reduce(0, +)
        }
    }

    private func printTable(_ r: Result) {
        func seconds(_ t: Timing) -> String { String(format: "%7.2f s (median %.2f s)", t.best, t.median) }
        print("Staging benchmark: \(grouped(r.rows)) rows, \(r.fileBytes / 1_048_576) MiB Parquet, best of \(runs), same database")
        print("sluice (\(r.connections) connections)   \(seconds(r.sluice))   \(grouped(Int(r.sluiceRowsPerSecond))) rows/s")
        print("pandas → CSV → COPY       \(seconds(r.reference))   \(grouped(Int(r.referenceRowsPerSecond))) rows/s")
        print(String(format: "Sluice is %.2f× faster; both tables have the same fingerprint (%@ rows).", r.speedup, r.fingerprint.first ?? "?"))
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }

    private func resolvePython() throws -> String {
        try BenchPython.resolve(python, needs: "pandas and psycopg2")
    }
}
