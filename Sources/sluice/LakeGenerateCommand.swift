import ArgumentParser
import Foundation
import SluiceCore
import SluiceLake

/// `sluice lake generate`: writes the demo lake.
struct LakeGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the demo lake: a Swiss private bank's trading data, 14 Parquet tables.",
        discussion: """
        Writes exchanges, instruments, counterparties, clients, accounts, orders, executions, \
        positions, market_prices, cash_balances, risk_limits, risk_metrics, compliance_checks and \
        aml_alerts as <table>.parquet under the lake location. The same seed always gives \
        byte-identical files; re-running replaces each file atomically.

        --scale N multiplies the transactional tables (clients and accounts, orders, executions, \
        compliance checks, positions, cash balances, market-price days, AML alerts): scale 1 is \
        about 4,000 rows, scale 1000 about 4 million. Tables above 1,000,000 rows are split into \
        <table>/part-00000.parquet, part-00001.parquet, …

        Examples:
          sluice lake generate
          sluice lake generate --to /data/lake --scale 100 --seed 7
          sluice lake generate --to file:///data/lake --json
          sluice lake generate --to s3://bank-lake/demo   (after eval "$(scripts/services.sh env)")
        """
    )

    @Option(name: .long, help: ArgumentHelp("Lake location: a folder path, file:// URI or s3://bucket/prefix.", valueName: "uri"))
    var to = "./lake"

    @Option(name: .long, help: "Multiplier for the transactional tables (1 or more).")
    var scale = 1

    @Option(name: .long, help: "Seed of the generator; the same seed gives the same bytes.")
    var seed: UInt64 = 42

    @Flag(name: .long, help: "Print a JSON summary (tables, rows, files, bytes, seconds) on stdout.")
    var json = false

    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1, got \(scale)") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try Self.store(for: to, config: settings.load())
            let bar = ProgressBar()
            let clock = ContinuousClock()
            let start = clock.now
            let summary = try await DemoLakeGenerator(store: store, options: .init(seed: seed, scale: scale))
                .generate { progress in
                    let fraction = Double(progress.totalRows) / Double(max(progress.totalRowsPlanned, 1))
                    bar.update(fraction: fraction, label: "\(progress.table) \(grouped(progress.tableRows)) rows")
                }
            let elapsed = clock.now - start
            bar.finish()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if json {
                print(try GenerateReport(location: store.location, summary: summary, seconds: seconds).jsonText())
            } else {
                printTable(summary, location: store.location, seconds: seconds)
            }
        }
    }

    private func printTable(_ summary: DemoLakeSummary, location: String, seconds: Double) {
        let width = summary.tables.map(\.table.count).max() ?? 0
        for table in summary.tables {
            let name = table.table.padding(toLength: width, withPad: " ", startingAt: 0)
            let files = table.files.count == 1 ? table.files[0] : "\(table.files.count) files"
            print("\(name)  \(leftPadded(grouped(table.rows), 11)) rows  \(leftPadded(byteCount(table.bytes), 9))  \(files)")
        }
        print("\(summary.tables.count) tables, \(grouped(summary.rows)) rows, \(summary.files) files, \(byteCount(summary.bytes)) in \(String(format: "%.2f", seconds)) s → \(location)")
    }
}

extension LakeGenerateCommand {
    /// Resolves `--to` (a path, `file:///…` or `s3://bucket/prefix`) to the store the tables go into.
    static func store(for uri: String, config: SluiceConfig) throws -> any ObjectStore {
        try PrefixedObjectStore.open(LakeLocation.parse(uri), config: config)
    }
}

/// The `--json` output.
private struct GenerateReport: Encodable {
    var location: String
    var seed: UInt64
    var scale: Int
    var tables: [DemoTableSummary]
    var rows: Int
    var files: Int
    var bytes: Int
    var seconds: Double

    init(location: String, summary: DemoLakeSummary, seconds: Double) {
        self.location = location
        self.seed = summary.seed
        self.scale = summary.scale
        self.tables = summary.tables
        self.rows = summary.rows
        self.files = summary.files
        self.bytes = summary.bytes
        // Milliseconds are as precise as a wall-clock measurement deserves.
        self.seconds = (seconds * 1_000).rounded() / 1_000
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
