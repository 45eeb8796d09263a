import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// `SQLiteWarehouse.query` is the embedded backend's grant enforcement: each role reads the
/// marts granted to it and nothing else, and nothing but one read-only SELECT runs.
@Suite struct WarehouseQueryTests {
    /// Three published marts at three levels, a build that was never published, and a staging table.
    private struct Marts {
        let fixture: TestWarehouse
        let stagedName = "r0000_1_exchanges"
        let build = "dm_exchange_list__bdeadbeef"

        static let exchangeList = TestWarehouse.compiled(
            "exchange_list", select: """
                SELECT 'XSWX' AS mic, 'Zürich' AS city, 1 AS n UNION ALL SELECT 'XETR', 'Frankfurt', 2
                UNION ALL SELECT 'XPAR', 'Paris', 3
                """, classification: .internal, grants: [.biAnalyst, .riskManager, .complianceOfficer])
        static let riskBreaches = TestWarehouse.compiled(
            "risk_breaches", select: "SELECT 7 AS client_id, 93.5 AS utilization_pct",
            classification: .confidential, grants: [.riskManager, .complianceOfficer])
        static let amlInvestigation = TestWarehouse.compiled(
            "aml_investigation", select: "SELECT 1 AS alert_id, 'open' AS status", classification: .restricted, grants: [.complianceOfficer])

        init() async throws {
            fixture = try TestWarehouse()
            for mart in [Self.exchangeList, Self.riskBreaches, Self.amlInvestigation] {
                try await fixture.publish(mart)
            }
            _ = try await fixture.warehouse.buildMart(Self.exchangeList, buildName: build)
            try await fixture.warehouse.createStagingTable(StagingTable(
                sourceTable: "exchanges", stagedName: stagedName, columns: [StagedColumn(name: "mic", type: .text, catalogType: "string")],
                lakeURI: "file:///lake", objects: [], partitionKeys: [], contentHash: ""))
        }

        var warehouse: SQLiteWarehouse { fixture.warehouse }
    }

    /// The error a refused query throws, or a test failure when it ran.
    private func refusal(_ sql: String, as role: Role = .biAnalyst, in marts: Marts,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws -> WarehouseError? {
        do {
            let result = try await marts.warehouse.query(sql, as: role, rowLimit: 10)
            Issue.record("\(sql) ran as \(role) and returned \(result.rows.count) rows", sourceLocation: sourceLocation)
            return nil
        } catch let error as WarehouseError {
            return error
        }
    }

    @Test func eachRoleReadsExactlyTheMartsGrantedToIt() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        let grants: [String: [Role]] = [
            "dm_exchange_list": [.biAnalyst, .riskManager, .complianceOfficer],
            "dm_risk_breaches": [.riskManager, .complianceOfficer],
            "dm_aml_investigation": [.complianceOfficer],
        ]
        for role in Role.allCases {
            for (mart, readers) in grants {
                let sql = "SELECT count(*) AS n FROM data_mart.\(mart)"
                if readers.contains(role) {
                    let result = try await marts.warehouse.query(sql, as: role, rowLimit: 10)
                    #expect(result.rows == [[.integer(mart == "dm_exchange_list" ? 3 : 1)]], "\(role) reading \(mart)")
                } else {
                    let error = try await refusal(sql, as: role, in: marts)
                    let names = readers.map(\.rawValue).joined(separator: ", ")
                    #expect(error == WarehouseError(.notGranted, "data_mart.\(mart) is not granted to \(role.rawValue) (granted to: \(names))"))
                }
            }
        }
    }

    @Test func aGrantedMartReadsBackAsStored() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        let result = try await marts.warehouse.query("SELECT * FROM data_mart.dm_exchange_list ORDER BY n", as: .biAnalyst, rowLimit: 10)
        #expect(result == QueryResult(columns: ["mic", "city", "n"], rows: [
            [.text("XSWX"), .text("Zürich"), .integer(1)],
            [.text("XETR"), .text("Frankfurt"), .integer(2)],
            [.text("XPAR"), .text("Paris"), .integer(3)],
        ], truncated: false))
        // Unqualified names resolve to the mart, as on the warehouse's own connections.
        let unqualified = try await marts.warehouse.query("SELECT mic FROM dm_exchange_list WHERE n = 2", as: .biAnalyst, rowLimit: 10)
        #expect(unqualified.rows == [[.text("XETR")]])
        // SQLite's names are case-insensitive; grants follow the table, not the spelling.
        let shouted = try await marts.warehouse.query("SELECT count(*) FROM DATA_MART.DM_EXCHANGE_LIST", as: .biAnalyst, rowLimit: 10)
        #expect(shouted.rows == [[.integer(3)]])
        let shoutedAML = try await refusal("SELECT * FROM DATA_MART.DM_AML_INVESTIGATION", in: marts)
        #expect(shoutedAML?.kind == .notGranted)
        // A join of two granted marts, a CTE and a trailing semicolon with a comment are one read.
        let joined = try await marts.warehouse.query("""
            WITH limits AS (SELECT client_id, utilization_pct FROM data_mart.dm_risk_breaches)
            SELECT e.mic, l.utilization_pct FROM data_mart.dm_exchange_list e, limits l WHERE e.n = 1; -- done
            """, as: .riskManager, rowLimit: 10)
        #expect(joined.rows == [[.text("XSWX"), .real(93.5)]])
    }

    @Test func theRowLimitTruncatesAndSaysSo() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        let sql = "SELECT n FROM data_mart.dm_exchange_list ORDER BY n"
        let limited = try await marts.warehouse.query(sql, as: .biAnalyst, rowLimit: 2)
        #expect(limited.rows == [[.integer(1)], [.integer(2)]])
        #expect(limited.truncated)
        let exact = try await marts.warehouse.query(sql, as: .biAnalyst, rowLimit: 3)
        #expect(exact.rows.count == 3)
        #expect(!exact.truncated)
        let none = try await marts.warehouse.query(sql, as: .biAnalyst, rowLimit: 0)
        #expect(none.rows.isEmpty && none.truncated && none.columns == ["n"])
    }

    @Test func everythingButPublishedMartsIsRefusedNamingTheObject() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        let outside = "is not granted to bi_analyst: queries read only the marts in data_mart granted to the role"
        let cases: [(sql: String, message: String)] = [
            ("SELECT * FROM lake.\(marts.stagedName)", "lake.\(marts.stagedName) \(outside)"),
            ("SELECT * FROM governance.provisioning_audit", "governance.provisioning_audit \(outside)"),
            ("SELECT name FROM governance.data_mart_registry", "governance.data_mart_registry \(outside)"),
            ("SELECT * FROM catalog.table_metadata", "catalog.table_metadata \(outside)"),
            ("SELECT * FROM catalog.column_metadata", "catalog.column_metadata \(outside)"),
            ("SELECT * FROM rag_monitor.search_log", "rag_monitor.search_log \(outside)"),
            ("SELECT * FROM sqlite_master", "main.sqlite_master \(outside)"),
            ("SELECT name FROM data_mart.sqlite_master", "data_mart.sqlite_master is not granted to bi_analyst: it is not a published mart"),
            ("SELECT * FROM data_mart.sluice_grants", "data_mart.sluice_grants is not granted to bi_analyst: it is not a published mart"),
            ("SELECT * FROM data_mart.\(marts.build)", "data_mart.\(marts.build) is not granted to bi_analyst: it is not a published mart"),
            // A granted mart does not carry an ungranted read along in a subquery.
            ("SELECT * FROM data_mart.dm_exchange_list WHERE n IN (SELECT sequence FROM governance.provisioning_audit)",
             "governance.provisioning_audit \(outside)"),
            ("SELECT * FROM data_mart.dm_exchange_list e JOIN data_mart.dm_aml_investigation a ON a.alert_id = e.n",
             "data_mart.dm_aml_investigation is not granted to bi_analyst (granted to: compliance_officer)"),
        ]
        for (sql, message) in cases {
            let error = try await refusal(sql, in: marts)
            #expect(error == WarehouseError(.notGranted, message), "\(sql)")
        }
    }

    @Test func writesSchemaChangesAttachAndPragmaAreRefused() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        let cases: [(sql: String, starts: String)] = [
            ("INSERT INTO data_mart.dm_exchange_list VALUES ('XLON', 'London', 4)", "INSERT is not allowed"),
            ("UPDATE data_mart.dm_exchange_list SET city = 'Basel'", "UPDATE is not allowed"),
            ("DELETE FROM data_mart.dm_exchange_list", "DELETE is not allowed"),
            ("DROP TABLE data_mart.dm_exchange_list", "changing the schema (CREATE, DROP, ALTER) is not allowed"),
            ("CREATE TABLE data_mart.copy AS SELECT * FROM data_mart.dm_exchange_list", "changing the schema (CREATE, DROP, ALTER) is not allowed"),
            ("CREATE TEMP VIEW v AS SELECT 1", "changing the schema (CREATE, DROP, ALTER) is not allowed"),
            ("ALTER TABLE data_mart.dm_exchange_list RENAME TO x", "ALTER TABLE is not allowed"),
            ("ATTACH DATABASE '\(marts.fixture.root.path)/other.sqlite' AS other", "ATTACH is not allowed"),
            ("DETACH DATABASE lake", "DETACH is not allowed"),
            ("PRAGMA table_info(dm_exchange_list)", "PRAGMA is not allowed"),
            ("PRAGMA data_mart.journal_mode = DELETE", "PRAGMA is not allowed"),
            ("BEGIN IMMEDIATE", "BEGIN, COMMIT or ROLLBACK is not allowed"),
            ("SELECT load_extension('libevil')", "load_extension cannot be called in a query"),
            ("SELECT 1; SELECT 2", "the query holds more than one statement"),
            ("SELECT * FROM data_mart.dm_exchange_list; DROP TABLE data_mart.dm_exchange_list", "the query holds more than one statement"),
            ("VACUUM", "the query is not read-only"),
            ("  -- nothing\n", "the query is empty"),
        ]
        for (sql, starts) in cases {
            let error = try await refusal(sql, in: marts)
            #expect(error?.kind == .notReadOnly, "\(sql): \(String(describing: error))")
            #expect(error?.message.hasPrefix(starts) == true, "\(sql): \(String(describing: error))")
        }
        // Nothing changed: the mart, the staging table and the files are as they were.
        let after = try await marts.warehouse.query("SELECT count(*) FROM data_mart.dm_exchange_list", as: .biAnalyst, rowLimit: 1)
        #expect(after.rows == [[.integer(3)]])
        #expect(try await marts.warehouse.stagingTables() == [marts.stagedName])
        #expect(!FileManager.default.fileExists(atPath: marts.fixture.root.appendingPathComponent("other.sqlite").path))
    }

    @Test func pragmaFunctionsAndBadSQLAreErrorsNotReads() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        let pragma = try await refusal("SELECT name FROM pragma_table_info('dm_exchange_list')", in: marts)
        #expect(pragma?.kind == .notGranted || pragma?.kind == .notReadOnly, "\(String(describing: pragma))")
        let syntax = try await refusal("SELEC mic FROM dm_exchange_list", in: marts)
        #expect(syntax?.kind == .failed)
        #expect(syntax?.message.hasPrefix("the query does not compile: near \"SELEC\"") == true, "\(String(describing: syntax))")
    }

    @Test func droppingOrRegrantingAMartChangesWhoReadsIt() async throws {
        let marts = try await Marts()
        defer { marts.fixture.remove() }
        // Version 2 of the exchange list reads restricted data: only compliance keeps it.
        let restricted = TestWarehouse.compiled("exchange_list", select: "SELECT 'XSWX' AS mic", classification: .restricted,
                                                grants: [.complianceOfficer])
        try await marts.fixture.publish(restricted)
        let error = try await refusal("SELECT * FROM dm_exchange_list", as: .riskManager, in: marts)
        #expect(error == WarehouseError(.notGranted, "data_mart.dm_exchange_list is not granted to risk_manager (granted to: compliance_officer)"))
        #expect(try await marts.warehouse.query("SELECT * FROM dm_exchange_list", as: .complianceOfficer, rowLimit: 5).rows == [[.text("XSWX")]])

        try await marts.warehouse.dropMart("aml_investigation")
        let dropped = try await refusal("SELECT * FROM data_mart.dm_aml_investigation", as: .complianceOfficer, in: marts)
        #expect(dropped?.kind == .failed, "a dropped mart no longer exists: \(String(describing: dropped))")
        #expect(dropped?.message.contains("no such table: data_mart.dm_aml_investigation") == true)
    }
}
