import Foundation
import GRDB
import SluiceCatalog
import SluiceGovernance
import SluiceLake
@testable import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// A copy of the scanned demo state with the warehouse schemas added, over the shared demo
/// lake, and compiled marts written by hand (the statements are plain SQLite over the staging
/// tables, as the compiler writes them).
struct ExecuteFixture {
    let state: String
    let database: SluiceDatabase
    let warehouse: SQLiteWarehouse
    let contents: CatalogContents
    let lakeFolder: String
    static let pseudonymSecret = "test-pseudonym-key-0123456789"

    init() async throws {
        state = try await DemoLake.copyOfState()
        database = try SluiceDatabase(directory: state, schemas: [.catalog] + DatabaseSchema.warehouseSchemas)
        warehouse = try SQLiteWarehouse(database: database, pseudonymKey: try PseudonymKey(secret: Self.pseudonymSecret))
        contents = try await DemoLake.contents()
        lakeFolder = try await DemoLake.folder()
    }

    func remove() {
        try? database.pool.close()
        try? FileManager.default.removeItem(atPath: state)
    }

    func executor(progress: ProvisionExecutor.Progress? = nil, faultInjector: ProvisionExecutor.FaultInjector? = nil) -> ProvisionExecutor {
        ProvisionExecutor(warehouse: warehouse, catalog: contents, pseudonymKeyAvailable: true,
                          openLake: { try LakeLocation.parse($0).openStore() }, progress: progress, faultInjector: faultInjector)
    }

    /// A request as maria.chen (or `requester`), with search and plan timings carried in.
    static func request(for compiled: CompiledMart, requester: Requester = Requester(user: "maria.chen", role: .biAnalyst),
                        requestID: String = UUID().uuidString.lowercased()) -> ProvisionRequest {
        ProvisionRequest(requestID: requestID, requester: requester, question: "Show me portfolio exposure by sector and client segment",
                         searchResults: compiled.staging.map(\.sourceTable), spec: compiled.spec,
                         priorTimingsMs: ["search": 12.5, "plan": 3.25])
    }

    /// The staging prefix the compiler gets for a request: `r` and the request's short ID.
    static func prefix(_ requestID: String) -> String { "r" + ProvisionExecutor.shortID(requestID) }

    /// Staging for `table` as the compiler plans it: the named columns (all when `nil`) in
    /// schema order, named `<prefix>_<number>_<table>`.
    func stagingTable(_ table: String, columns: [String]? = nil, number: Int, prefix: String) throws -> StagingTable {
        let metadata = try #require(contents.table(named: table))
        let chosen = contents.columns(of: table).filter { columns?.contains($0.name) ?? true }
        if let columns { try #require(chosen.count == columns.count, "\(table) has no column among \(columns)") }
        return StagingTable(sourceTable: table, stagedName: "\(prefix)_\(number)_\(table)",
                            columns: chosen.map { StagedColumn(name: $0.name, type: StagedColumnType(catalogType: $0.dataType), catalogType: $0.dataType) },
                            lakeURI: metadata.lakeURI, objects: metadata.objects, partitionKeys: metadata.partitionKeys,
                            contentHash: metadata.contentHash)
    }

    private static func decision(_ classification: Classification, sources: [String], grants: [Role], clear: Bool = false) -> AccessDecision {
        AccessDecision(classification: classification, sourceClassifications: Dictionary(uniqueKeysWithValues: sources.map { ($0, classification) }),
                       allowed: true, refusal: nil, grants: grants, seesPIIInClear: clear)
    }

    private static func column(_ name: String, _ type: StagedColumnType, from sources: [String], _ transformation: String,
                               masking: MaskingRule? = nil) -> OutputColumn {
        OutputColumn(name: name, type: type, lineage: ColumnLineage(outputColumn: name, sourceColumns: sources, transformation: transformation, masking: masking))
    }

    /// Portfolio exposure on the latest position date by sector and segment, tagged with
    /// `tag` (a bound parameter) so that tests can tell versions apart.
    func exposureMart(prefix: String, tag: String = "v1") throws -> CompiledMart {
        let p = try stagingTable("positions", columns: ["account_id", "instrument_id", "as_of_date", "market_value"], number: 1, prefix: prefix)
        let a = try stagingTable("accounts", columns: ["account_id", "client_id"], number: 2, prefix: prefix)
        let c = try stagingTable("clients", columns: ["client_id", "segment"], number: 3, prefix: prefix)
        let i = try stagingTable("instruments", columns: ["instrument_id", "sector"], number: 4, prefix: prefix)
        let spec = MartSpec(
            name: "portfolio_exposure",
            sources: [MartSource(table: "positions", alias: "p"), MartSource(table: "accounts", alias: "a"),
                      MartSource(table: "clients", alias: "c"), MartSource(table: "instruments", alias: "i")],
            joins: [MartJoin(source: "a", on: [JoinCondition(left: SourceColumn(source: "p", column: "account_id"), right: SourceColumn(source: "a", column: "account_id"))]),
                    MartJoin(source: "c", on: [JoinCondition(left: SourceColumn(source: "a", column: "client_id"), right: SourceColumn(source: "c", column: "client_id"))]),
                    MartJoin(source: "i", on: [JoinCondition(left: SourceColumn(source: "p", column: "instrument_id"), right: SourceColumn(source: "i", column: "instrument_id"))])],
            dimensions: [MartDimension(expression: .column(SourceColumn(source: "i", column: "sector"))),
                         MartDimension(expression: .column(SourceColumn(source: "c", column: "segment"))),
                         MartDimension(expression: .literal(.string(tag)), alias: "build_tag")],
            measures: [MartMeasure(name: "position_count", aggregate: .countRows(filter: nil)),
                       MartMeasure(name: "market_value", aggregate: .aggregate(.sum, .column(SourceColumn(source: "p", column: "market_value")), filter: nil))],
            filter: .isLatest(SourceColumn(source: "p", column: "as_of_date")),
            order: [MartOrdering(target: .output("sector")), MartOrdering(target: .output("segment"))])
        return CompiledMart(
            spec: spec, requester: Requester(user: "maria.chen", role: .biAnalyst), tableName: "dm_portfolio_exposure",
            decision: Self.decision(.internal, sources: ["positions", "accounts", "clients", "instruments"], grants: [.biAnalyst, .riskManager, .complianceOfficer]),
            staging: [p, a, c, i],
            selectSQL: """
                SELECT "i"."sector" AS "sector", "c"."segment" AS "segment", ? AS "build_tag", count(*) AS "position_count", sum("p"."market_value") AS "market_value"
                FROM lake."\(p.stagedName)" AS "p"
                JOIN lake."\(a.stagedName)" AS "a" ON "p"."account_id" = "a"."account_id"
                JOIN lake."\(c.stagedName)" AS "c" ON "a"."client_id" = "c"."client_id"
                JOIN lake."\(i.stagedName)" AS "i" ON "p"."instrument_id" = "i"."instrument_id"
                WHERE "p"."as_of_date" = (SELECT max("as_of_date") FROM lake."\(p.stagedName)")
                GROUP BY "i"."sector", "c"."segment"
                ORDER BY "sector", "segment"
                """,
            parameters: [.string(tag)],
            outputColumns: [Self.column("sector", .text, from: ["instruments.sector"], "instruments.sector"),
                            Self.column("segment", .text, from: ["clients.segment"], "clients.segment"),
                            Self.column("build_tag", .text, from: [], "'\(tag)'"),
                            Self.column("position_count", .integer, from: [], "count(*)"),
                            Self.column("market_value", .real, from: ["positions.market_value"], "sum(positions.market_value)")],
            masking: [:], indexes: [["sector", "segment"]], policyNotes: [], needsPseudonymKey: false, dialect: "sqlite")
    }

    /// Clients outside retail with PII masked for a bi_analyst, a keyed pseudonym, and two
    /// bound parameters (a boolean among them).
    func clientContactsMart(prefix: String) throws -> CompiledMart {
        let c = try stagingTable("clients", columns: ["client_id", "legal_name", "date_of_birth", "email", "is_pep", "segment"], number: 1, prefix: prefix)
        let spec = MartSpec(name: "client_contacts", sources: [MartSource(table: "clients", alias: "c")],
                            dimensions: [MartDimension(expression: .column(SourceColumn(source: "c", column: "client_id")))],
                            filter: .comparison(.column(SourceColumn(source: "c", column: "segment")), .notEqual, .string("retail")))
        return CompiledMart(
            spec: spec, requester: Requester(user: "maria.chen", role: .biAnalyst), tableName: "dm_client_contacts",
            decision: Self.decision(.internal, sources: ["clients"], grants: [.biAnalyst, .riskManager, .complianceOfficer]),
            staging: [c],
            selectSQL: """
                SELECT "c"."client_id" AS "client_id", mask_name("c"."legal_name") AS "legal_name", mask_email("c"."email") AS "email",
                       mask_hash("c"."client_id") AS "client_key", "c"."is_pep" AS "is_pep", "c"."date_of_birth" AS "date_of_birth",
                       ? AS "reviewed"
                FROM lake."\(c.stagedName)" AS "c" WHERE "c"."segment" <> ? ORDER BY "c"."client_id"
                """,
            parameters: [.boolean(true), .string("retail")],
            outputColumns: [Self.column("client_id", .integer, from: ["clients.client_id"], "clients.client_id"),
                            Self.column("legal_name", .text, from: ["clients.legal_name"], "mask_name(clients.legal_name)", masking: .maskName),
                            Self.column("email", .text, from: ["clients.email"], "mask_email(clients.email)", masking: .maskEmail),
                            Self.column("client_key", .text, from: ["clients.client_id"], "hash(clients.client_id)", masking: .hash),
                            Self.column("is_pep", .boolean, from: ["clients.is_pep"], "clients.is_pep"),
                            Self.column("date_of_birth", .date, from: ["clients.date_of_birth"], "clients.date_of_birth"),
                            Self.column("reviewed", .boolean, from: [], "true")],
            masking: ["legal_name": .maskName, "email": .maskEmail, "client_key": .hash], indexes: [["client_id"]],
            policyNotes: ["clients.legal_name is PII (person_name): masked with mask_name in dimension legal_name, for bi_analyst"],
            needsPseudonymKey: true, dialect: "sqlite")
    }

    /// The first `limit` exchanges by MIC, tagged: a small mart to rebuild many times.
    func exchangeListMart(prefix: String, tag: String, limit: Int) throws -> CompiledMart {
        let e = try stagingTable("exchanges", columns: ["mic", "city"], number: 1, prefix: prefix)
        return CompiledMart(
            spec: MartSpec(name: "exchange_list", sources: [MartSource(table: "exchanges", alias: "e")], limit: limit),
            requester: Requester(user: "maria.chen", role: .biAnalyst), tableName: "dm_exchange_list",
            decision: Self.decision(.public, sources: ["exchanges"], grants: [.biAnalyst, .riskManager, .complianceOfficer]),
            staging: [e],
            selectSQL: """
                SELECT "e"."mic" AS "mic", "e"."city" AS "city", ? AS "build_tag" FROM lake."\(e.stagedName)" AS "e" ORDER BY "e"."mic" LIMIT ?
                """,
            parameters: [.string(tag), .integer(Int64(limit))],
            outputColumns: [Self.column("mic", .text, from: ["exchanges.mic"], "exchanges.mic"),
                            Self.column("city", .text, from: ["exchanges.city"], "exchanges.city"),
                            Self.column("build_tag", .text, from: [], "'\(tag)'")],
            masking: [:], indexes: [], policyNotes: [], needsPseudonymKey: false, dialect: "sqlite")
    }
}

/// JSON lines as Foundation values, for comparing tool output.
enum JSONLines {
    static func parse(_ data: Data) throws -> [[String: Any]] {
        try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
