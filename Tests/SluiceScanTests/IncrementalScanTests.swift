import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceSQLite
import Testing

/// Re-scans read only what changed and keep what people decided.
@Suite struct IncrementalScanTests {
    @Test func unchangedLakeIsNotReadAgain() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        let (_, first) = try await fixture.scan()
        let (summary, second) = try await fixture.scan()

        #expect(summary.added.isEmpty && summary.changed.isEmpty && summary.removed.isEmpty)
        #expect(summary.unchanged.count == 14)
        #expect(summary.bytesRead == 0, "an unchanged lake costs one listing, no GET")
        #expect(summary.rowsRead == 0)
        #expect(second.tables == first.tables)
        #expect(second.columns == first.columns)
        #expect(second.relationships == first.relationships)
        #expect(second.kpiPatterns == first.kpiPatterns)
    }

    @Test func changedAddedAndRemovedDatasets() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        _ = try await fixture.scan()
        var catalog = try await fixture.store().load()
        // Pretend search embedded everything, so only what the scan marks stale is stale.
        for index in catalog.tables.indices { catalog.tables[index].needsEmbedding = false }
        try await fixture.store().replace(with: catalog)

        // Another seed gives other orders; replace only that table, drop one, add a CSV.
        let other = try temporaryLake()
        defer { try? FileManager.default.removeItem(atPath: other.root) }
        _ = try await DemoLakeGenerator(store: other, options: .init(seed: 7, scale: 1)).generate()
        try await fixture.lake.put("orders.parquet", bytes: try await other.get("orders.parquet"))
        try await fixture.lake.delete("aml_alerts.parquet")
        try await fixture.lake.put("desk_notes.csv", bytes: Array("desk,trader_email,note\nFX,anna.keller@bank.ch,ok\nRates,li.wei@bank.ch,late\n".utf8))

        let (summary, after) = try await fixture.scan()
        #expect(summary.changed == ["orders"])
        #expect(summary.added == ["desk_notes"])
        #expect(summary.removed == ["aml_alerts"])
        #expect(summary.unchanged.count == 12)
        #expect(summary.rowsRead == (after.table(named: "orders")?.rowCount ?? 0) + 2, "only orders and the new file are read")
        #expect(after.table(named: "orders")?.contentHash != catalog.table(named: "orders")?.contentHash)
        #expect(after.table(named: "aml_alerts")?.lifecycle == .removed)
        #expect(after.columns(of: "aml_alerts").count == 9, "a removed table keeps its columns")
        #expect(after.table(named: "desk_notes")?.format == "csv")
        #expect(after.piiColumnNames.contains("desk_notes.trader_email"))
        // clients' description lists the tables that refer to it, aml_alerts among them.
        #expect(Set(summary.needsEmbedding) == ["orders", "aml_alerts", "desk_notes", "clients"])
    }

    @Test func aCorruptFileIsReportedAndTheCatalogKeepsItsEntry() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        let (_, first) = try await fixture.scan()
        var bytes = try await fixture.lake.get("positions.parquet")
        bytes.removeLast(100)
        try await fixture.lake.put("positions.parquet", bytes: bytes)
        try await fixture.lake.put("new_table.parquet", bytes: Array("PAR1 this is not parquet PAR1".utf8))

        let (summary, after) = try await fixture.scan()
        #expect(summary.failed.map(\.dataset).sorted() == ["new_table", "positions"])
        #expect(summary.failed.allSatisfy { $0.error.contains($0.dataset + ".parquet") }, "\(summary.failed)")
        #expect(after.table(named: "positions") == first.table(named: "positions"), "the last good entry stays")
        #expect(after.columns(of: "positions") == first.columns(of: "positions"))
        #expect(after.table(named: "new_table") == nil)
        #expect(after.tables.count == 14)
    }

    @Test func reviewsAndManualClassificationSurviveFullRescans() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        _ = try await fixture.scan(ScanOptions(applyDemoAnnotations: false))
        let curation = CatalogCuration(store: try fixture.store())

        let ticket = try await curation.confirm(ColumnReference(table: "orders", column: "cl_ord_id"), maskingRule: .maskAccount)
        #expect(ticket.maskingRule == .maskAccount)
        #expect(ticket.profile.samples.allSatisfy { $0.dropFirst(4).allSatisfy { $0 == "*" } }, "confirming masks stored values at once")
        try await curation.reject(ColumnReference(table: "clients", column: "phone"))
        try await curation.classify(table: "exchanges", as: .restricted, reason: "test")

        await #expect(throws: CatalogError.unknownColumn(ColumnReference(table: "orders", column: "nope"))) {
            try await curation.confirm(ColumnReference(table: "orders", column: "nope"))
        }
        await #expect(throws: CatalogError.unknownTable("nope")) {
            try await curation.classify(table: "nope", as: .public)
        }

        let (_, after) = try await fixture.scan(ScanOptions(applyDemoAnnotations: false, full: true))
        let column = { (name: String) in after.columns.first { $0.qualifiedName == name }! }
        #expect(column("orders.cl_ord_id").pii.status == .confirmed)
        #expect(column("orders.cl_ord_id").maskingRule == .maskAccount)
        #expect(column("clients.phone").pii.status == .rejected)
        #expect(column("clients.phone").maskingRule == nil)
        #expect(column("clients.email").pii.status == .suggested)
        #expect(after.table(named: "exchanges")?.classification == .restricted)
        #expect(after.table(named: "exchanges")?.classificationSource == .manual)
        // Annotations do not override a person either.
        let (_, annotated) = try await fixture.scan(ScanOptions(full: true))
        #expect(annotated.table(named: "exchanges")?.classification == .restricted)
        #expect(annotated.columns.first { $0.qualifiedName == "clients.phone" }?.pii.status == .rejected)
    }

    @Test func sampleRowsBoundsTheDataRead() async throws {
        // Small row groups, so that a sample can stop before the end of a file.
        let fixture = try await ScanFixture.demoLake(scale: 10, rowGroupSize: 16 << 10)
        defer { fixture.remove() }
        var options = ScanOptions()
        options.profile.sampleRows = 100
        let (summary, catalog) = try await fixture.scan(options)
        let total = fixture.summary.tables.reduce(0) { $0 + $1.rows }
        #expect(summary.rowsRead < total)
        for table in fixture.summary.tables {
            #expect(catalog.table(named: table.table)?.rowCount == table.rows, "footers give exact row counts")
        }
        let orders = catalog.columns(of: "orders").first { $0.name == "limit_price" }!
        #expect(orders.profile.profiledRows < orders.profile.rowCount)
    }
}

/// An empty folder store in the temporary directory.
private func temporaryLake() throws -> FolderStore {
    let path = NSTemporaryDirectory() + "sluice-lake-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return FolderStore(root: path)
}
