import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite struct MartRegistryTests {
    private static let exchangeList = TestWarehouse.compiled(
        "exchange_list", select: "SELECT 'XSWX' AS mic, 'Zürich' AS city UNION ALL SELECT 'XETR', 'Frankfurt'",
        classification: .internal, grants: [.biAnalyst, .riskManager, .complianceOfficer], indexes: [["mic"], ["city", "mic"]])
    private static let amlInvestigation = TestWarehouse.compiled(
        "aml_investigation", select: "SELECT 1 AS alert_id", classification: .restricted, grants: [.complianceOfficer])

    @Test func registrationsReadBackEqualToWhatWasPublished() async throws {
        let fixture = try TestWarehouse()
        defer { fixture.remove() }
        let exchanges = try await fixture.publish(Self.exchangeList)
        let aml = try await fixture.publish(Self.amlInvestigation, variant: true)
        #expect(exchanges.version == 1 && aml.version == 1)
        #expect(try await fixture.warehouse.registry.versions(of: "dm_exchange_list") == [exchanges])
        #expect(try await fixture.warehouse.registry.versions(of: "dm_aml_investigation") == [aml])
        #expect(try await fixture.warehouse.registry.currentMarts() == [aml, exchanges])
        #expect(try await fixture.warehouse.registry.versions(of: "dm_never_built") == [])
        #expect(try await fixture.warehouse.registry.nextVersion(of: "dm_never_built") == 1)
    }

    @Test func pythonReadsTheSameRowsAsCanonicalJSONInStrictTables() async throws {
        let fixture = try TestWarehouse()
        defer { fixture.remove() }
        let registration = try await fixture.publish(Self.exchangeList)
        let output = try Python.runTool("registry_dump.py", arguments: [fixture.database.path(of: .governance)])
        let dump = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(dump["canonical"] as? Bool == true)
        let strict = try #require(dump["strict"] as? [String: Bool])
        #expect(strict["data_mart_registry"] == true && strict["mart_lineage_sources"] == true && strict["mart_lineage_columns"] == true)

        let row = try #require((dump["registry"] as? [[String: Any]])?.first)
        #expect(row["name"] as? String == "dm_exchange_list")
        #expect(row["version"] as? Int == 1)
        #expect(row["request_id"] as? String == registration.requestID)
        #expect(row["requester"] as? String == "test.user")
        #expect(row["role"] as? String == "compliance_officer")
        #expect(row["question"] as? String == "Which exchanges? «Zürich» \"quoted\"")
        #expect(row["classification"] as? String == "internal")
        #expect(row["grants"] as? [String] == ["bi_analyst", "risk_manager", "compliance_officer"])
        #expect(row["masking"] as? [String: String] == ["code": "hash", "name": "mask_name"])
        #expect(row["created_at"] as? String == "2025-10-09T08:53:20.125Z")
        #expect(row["row_count"] as? Int == 2)
        #expect(row["is_current"] as? Int == 1)
        #expect(row["dropped_at"] is NSNull)
        #expect(row["spec"] as? String == registration.specJSON)
        #expect(row["compiled_sql"] as? String == registration.compiledSQL)

        let sources = try #require(dump["sources"] as? [[String: Any]])
        #expect(sources.map { $0["uri"] as? String } == ["file:///lake/exchanges/part-0.parquet", "s3://bank-lake/raw/exchanges/part-1.parquet"])
        #expect(sources.map { $0["etag"] as? String } == ["e1", "\"quoted\""])
        #expect(sources.map { $0["columns"] as? [String] } == [["mic", "name"], []])
        #expect(sources[1]["content_hash"] is NSNull)
        let columns = try #require(dump["columns"] as? [[String: Any]])
        #expect(columns.map { $0["output_column"] as? String } == ["name", "label"])
        #expect(columns.map { $0["source_columns"] as? [String] } == [["exchanges.name"], ["exchanges.mic", "exchanges.city"]])
        #expect(columns.map { $0["masking"] as? String } == ["mask_name", nil])
    }

    @Test func publishingAgainReplacesTheMartAndSupersedesTheVersionBefore() async throws {
        let fixture = try TestWarehouse()
        defer { fixture.remove() }
        let first = try await fixture.publish(Self.exchangeList)
        let second = try await fixture.publish(TestWarehouse.compiled(
            "exchange_list", select: "SELECT 'XPAR' AS mic, 'Paris' AS city", classification: .confidential,
            grants: [.riskManager, .complianceOfficer], indexes: [["mic"]]))
        #expect(second.version == 2)
        var superseded = first
        superseded.isCurrent = false
        #expect(try await fixture.warehouse.registry.versions(of: "dm_exchange_list") == [superseded, second])
        #expect(try await fixture.warehouse.registry.currentMarts() == [second])
        #expect(try await fixture.warehouse.registry.nextVersion(of: "dm_exchange_list") == 3)
        // The build was renamed into place: one table, holding the new rows, with the new build's index.
        #expect(try await fixture.warehouse.martTables() == ["dm_exchange_list"])
        #expect(try await fixture.warehouse.sample(mart: "dm_exchange_list", limit: 10).rows == [[.text("XPAR"), .text("Paris")]])
        let indexes = try await fixture.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM data_mart.sqlite_master WHERE type = 'index' AND tbl_name = 'dm_exchange_list'")
        }
        #expect(indexes.count == 1 && indexes[0].hasPrefix("dm_exchange_list__b") && indexes[0].hasSuffix("_ix1"), "\(indexes)")
    }

    @Test func aDroppedMartKeepsItsHistoryAndItsVersionNumbers() async throws {
        let fixture = try TestWarehouse()
        defer { fixture.remove() }
        try await fixture.publish(Self.exchangeList)
        let second = try await fixture.publish(Self.exchangeList)
        try await fixture.warehouse.dropMart("exchange_list")
        #expect(try await fixture.warehouse.registry.currentMarts() == [])
        #expect(try await fixture.warehouse.martTables() == [])
        let versions = try await fixture.warehouse.registry.versions(of: "dm_exchange_list")
        #expect(versions.map(\.isCurrent) == [false, false])
        #expect(versions[0].droppedAt == nil)
        let droppedAt = try #require(versions[1].droppedAt)
        #expect(abs(droppedAt.timeIntervalSinceNow) < 3600, "dropped_at is the time of the drop: \(droppedAt)")
        var expected = second
        expected.isCurrent = false
        expected.droppedAt = droppedAt
        #expect(versions[1] == expected)
        #expect(try await fixture.warehouse.registry.nextVersion(of: "dm_exchange_list") == 3)

        await #expect(throws: WarehouseError(.noSuchMart, "no published mart dm_exchange_list in data_mart; the marts are: none")) {
            try await fixture.warehouse.dropMart("dm_exchange_list")
        }
        await #expect(throws: WarehouseError(.noSuchMart, "no published mart exchange_list in data_mart; the marts are: none")) {
            try await fixture.warehouse.sample(mart: "exchange_list", limit: 1)
        }
    }

    @Test func publishRefusesAMissingBuildAndAVersionOutOfOrder() async throws {
        let fixture = try TestWarehouse()
        defer { fixture.remove() }
        let registration = try await fixture.registration(for: Self.exchangeList, rowCount: 2)
        await #expect(throws: WarehouseError(.noSuchMart, "data_mart.dm_exchange_list__bnothere does not exist: build the mart before publishing it")) {
            _ = try await fixture.warehouse.publish(buildName: "dm_exchange_list__bnothere", registration: registration)
        }
        _ = try await fixture.warehouse.buildMart(Self.exchangeList, buildName: "dm_exchange_list__b1")
        var skipping = registration
        skipping.version = 2
        await #expect(throws: WarehouseError(.failed, "data_mart.dm_exchange_list version 2 cannot be published: the next version is 1")) {
            _ = try await fixture.warehouse.publish(buildName: "dm_exchange_list__b1", registration: skipping)
        }
        // Refused whole: the build is still there to clean up, and nothing was registered.
        #expect(try await fixture.warehouse.martTables() == ["dm_exchange_list__b1"])
        #expect(try await fixture.warehouse.registry.versions(of: "dm_exchange_list") == [])
        let grants = try await fixture.warehouse.publish(buildName: "dm_exchange_list__b1", registration: registration)
        #expect(grants == ["bi_analyst: SELECT on data_mart.dm_exchange_list", "risk_manager: SELECT on data_mart.dm_exchange_list",
                           "compliance_officer: SELECT on data_mart.dm_exchange_list"])
        // Cleanup can never remove a published mart by calling it a build.
        await #expect(throws: WarehouseError.self) { try await fixture.warehouse.dropBuild("dm_exchange_list") }
        #expect(try await fixture.warehouse.martTables() == ["dm_exchange_list"])
    }

    @Test func aRegisteredVersionCannotBeRewritten() async throws {
        let fixture = try TestWarehouse()
        defer { fixture.remove() }
        try await fixture.publish(Self.exchangeList)
        for assignment in ["grants = '[\"bi_analyst\"]'", "spec = '{}'", "row_count = 0", "classification = 'public'"] {
            await #expect(throws: DatabaseError.self, "\(assignment)") {
                try await fixture.database.pool.write { db in
                    try db.execute(sql: "UPDATE governance.data_mart_registry SET \(assignment)")
                }
            }
        }
    }
}
