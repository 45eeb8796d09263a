import Parquet

/// Writes the demo lake — a Swiss private bank's trading data, 14 tables of
/// `../shared/spec/demo-lake.md` — as Parquet files into any ``ObjectStore``.
///
/// ```swift
/// let summary = try await DemoLakeGenerator(store: lake, options: .init(seed: 42, scale: 1)).generate()
/// ```
///
/// **Deterministic.** The same seed and scale give byte-identical files on any
/// machine: every value comes from ``SeededRandom`` streams (one per table, so
/// tables do not disturb each other), dates hang off a fixed as-of date
/// (``DemoCalendar/asOfDay``), nothing iterates a `Dictionary` or `Set`, and no
/// value passes through text formatting of floating-point numbers.
///
/// **Scalable.** `scale` multiplies the transactional tables (clients and
/// accounts, orders, executions, compliance checks, positions, cash balances,
/// market-price days, AML alerts); reference data and the per-client risk
/// tables of the cast stay as they are. Rows stream through batches into
/// Parquet writers, so memory does not grow with the scale (only the client
/// and account lists do, a few hundred bytes each); tables planned above
/// ``Options/rowsPerFile`` rows are split into `<table>/part-NNNNN.parquet`.
///
/// **Safe to re-run.** Every file is replaced atomically through
/// ``ObjectStore/writer(for:)``; part files of an earlier run with a different
/// layout are deleted after the table is written.
public struct DemoLakeGenerator: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64
        public var scale: Int
        /// Tables planned above this many rows are split into part files of at most this many rows.
        public var rowsPerFile: Int
        /// Rows gathered before they go to the Parquet writer; also how often progress is reported.
        public var batchRows: Int
        public var parquet: ParquetWriteOptions

        /// Snappy, with row groups of 32 MiB: three tables are written at once (orders,
        /// executions, checks), so this keeps the writers' buffers near 100 MiB in all.
        public static var defaultParquetOptions: ParquetWriteOptions {
            var options = ParquetWriteOptions()
            options.rowGroupSize = 32 << 20
            return options
        }

        public init(seed: UInt64 = 42, scale: Int = 1, rowsPerFile: Int = 1_000_000, batchRows: Int = 50_000,
                    parquet: ParquetWriteOptions = Options.defaultParquetOptions) {
            self.seed = seed
            self.scale = scale
            self.rowsPerFile = rowsPerFile
            self.batchRows = batchRows
            self.parquet = parquet
        }
    }

    public let store: any ObjectStore
    public let options: Options

    public init(store: any ObjectStore, options: Options = .init()) {
        self.store = store
        self.options = options
    }

    /// Writes all 14 tables, calling `progress` after every batch.
    public func generate(progress: (@Sendable (DemoLakeProgress) -> Void)? = nil) async throws -> DemoLakeSummary {
        guard options.scale >= 1 else { throw DemoLakeError(message: "scale must be at least 1, got \(options.scale)") }
        guard options.rowsPerFile >= 1, options.batchRows >= 1 else {
            throw DemoLakeError(message: "rows per file and per batch must be positive")
        }
        let seed = options.seed, scale = options.scale
        let clients = ClientData.clients(scale: scale, seed: seed)
        let accounts = ClientData.accounts(for: clients, seed: seed)
        let cast = Array(clients.prefix(ClientData.cast.count))
        let plan = plannedRows(clients: clients, accounts: accounts)
        let tracker = ProgressTracker(totalPlanned: plan.values.reduce(0, +), report: progress)
        var summaries: [DemoTableSummary] = []

        func output(_ table: DemoTable) -> TableOutput {
            TableOutput(table: table, store: store, plannedRows: plan[table.name]!, rowsPerFile: options.rowsPerFile,
                        batchRows: options.batchRows, options: options.parquet, tracker: tracker)
        }
        /// Writes one table with `body`, then records its summary; a failure aborts the open file.
        func write(_ table: DemoTable, _ body: (TableOutput) async throws -> Void) async throws {
            let out = output(table)
            do {
                try await body(out)
                summaries.append(try await out.finish())
            } catch {
                await out.abort()
                throw error
            }
        }
        func appendAll(_ rows: [[DemoValue]], to out: TableOutput) async throws {
            for row in rows { try await out.append(row) }
        }

        try await write(.exchanges) { try await appendAll(ReferenceData.exchangeRows(), to: $0) }
        try await write(.instruments) { try await appendAll(ReferenceData.instrumentRows(), to: $0) }
        try await write(.counterparties) { try await appendAll(ReferenceData.counterpartyRows(), to: $0) }
        try await write(.clients) { try await appendAll(ClientData.clientRows(clients), to: $0) }
        try await write(.accounts) { try await appendAll(ClientData.accountRows(accounts), to: $0) }
        var recent: RecentPrices?
        try await write(.marketPrices) { recent = try await MarketData.write(to: $0, scale: scale, seed: seed) }
        let prices = recent!

        // Orders, executions and checks come from one pass over the orders.
        let orders = output(.orders), executions = output(.executions), checks = output(.complianceChecks)
        do {
            try await TradingData(clients: clients, accounts: accounts, prices: prices,
                                  outputs: (orders, executions, checks)).write(scale: scale, seed: seed)
            for out in [orders, executions, checks] { summaries.append(try await out.finish()) }
        } catch {
            for out in [orders, executions, checks] { await out.abort() }
            throw error
        }

        try await write(.positions) {
            try await HoldingsData.writePositions(to: $0, clients: clients, accounts: accounts, prices: prices, seed: seed)
        }
        try await write(.cashBalances) {
            try await HoldingsData.writeCashBalances(to: $0, clients: clients, accounts: accounts, seed: seed)
        }
        try await write(.riskLimits) { try await RiskData.writeLimits(to: $0, clients: cast, seed: seed) }
        try await write(.riskMetrics) { try await RiskData.writeMetrics(to: $0, clients: cast, seed: seed) }
        try await write(.amlAlerts) {
            try await AMLAlerts.write(to: $0, clients: clients, scale: scale, recentDays: prices.days, seed: seed)
        }
        return DemoLakeSummary(seed: seed, scale: scale, tables: summaries)
    }

    /// Rows each table is expected to reach: exact where the count is fixed, else
    /// from the averages measured at seed 42. Chooses single file or parts, and
    /// sizes the progress bar.
    private func plannedRows(clients: [Client], accounts: [Account]) -> [String: Int] {
        let scale = options.scale
        let orders = TradingData.ordersPerScale * scale
        let securitiesAccounts = accounts.filter(\.holdsSecurities).count
        return [
            DemoTable.exchanges.name: ReferenceData.exchanges.count,
            DemoTable.instruments.name: ReferenceData.instruments.count,
            DemoTable.counterparties.name: ReferenceData.counterparties.count,
            DemoTable.clients.name: clients.count,
            DemoTable.accounts.name: accounts.count,
            DemoTable.marketPrices.name: ReferenceData.instruments.count * MarketData.recentDayCount * scale,
            DemoTable.orders.name: orders,
            DemoTable.executions.name: orders * 13 / 10,
            DemoTable.complianceChecks.name: orders * 19 / 10,
            DemoTable.positions.name: securitiesAccounts * 9,
            DemoTable.cashBalances.name: accounts.count,
            DemoTable.riskLimits.name: ClientData.cast.count * 3,
            DemoTable.riskMetrics.name: ClientData.cast.count * 5,
            DemoTable.amlAlerts.name: AMLAlerts.alertsPerScale * scale,
        ]
    }
}

/// Options the generator cannot work with.
public struct DemoLakeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// What a generation run wrote.
public struct DemoLakeSummary: Sendable, Codable, Equatable {
    public var seed: UInt64
    public var scale: Int
    /// In the order written.
    public var tables: [DemoTableSummary]

    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
    public var files: Int { tables.reduce(0) { $0 + $1.files.count } }
    public var bytes: Int { tables.reduce(0) { $0 + $1.bytes } }
}
