import Foundation
import SluiceCatalog
import SluiceEval
import SluiceTestSupport
import Testing

@Suite struct GoldenSetFileTests {
    /// A two-table catalog: orders (side), clients (segment), one KPI; `trades` was removed from the lake.
    static let contents: CatalogContents = {
        let profile = ColumnProfile(rowCount: 1, profiledRows: 1, nullCount: 0, distinctCount: 1, distinctMethod: .exact)
        func table(_ name: String, _ lifecycle: DatasetLifecycle = .active) -> TableMetadata {
            TableMetadata(name: name, lakePath: "\(name).parquet", lakeURI: "file:///lake", format: "parquet", rowCount: 1,
                          fileSize: 1, objects: [], contentHash: "", metadataText: name, lifecycle: lifecycle,
                          scannedAt: Date(timeIntervalSince1970: 0))
        }
        return CatalogContents(
            tables: [table("orders"), table("clients"), table("trades", .removed)],
            columns: [ColumnMetadata(table: "orders", name: "side", position: 0, dataType: "string", isNullable: false, profile: profile),
                      ColumnMetadata(table: "clients", name: "segment", position: 0, dataType: "string", isNullable: false, profile: profile),
                      ColumnMetadata(table: "trades", name: "side", position: 0, dataType: "string", isNullable: false, profile: profile)],
            kpiPatterns: [KPIPattern(id: "order_fill_rate", name: "Fill rate", description: "", tables: ["orders"], template: "SELECT 1")])
    }()

    func write(_ json: String) throws -> String {
        let file = try Python.temporaryDirectory().appendingPathComponent("golden.json")
        try Data(json.utf8).write(to: file)
        return file.path
    }

    /// The problem `validate` reports for `json`, as text.
    func problem(_ json: String) throws -> String? {
        let golden = try GoldenSetFile.load(path: try write(json))
        do {
            try golden.validate(against: Self.contents)
            return nil
        } catch let error as GoldenSetError {
            #expect(error.source == golden.source)
            return "\(error.query ?? "-") \(error.field ?? "-"): \(error.reason)"
        }
    }

    @Test func digestsTheFileBytes() throws {
        let path = try write(#"[{"id": "q1", "query": "fill rate of orders", "tables": {"orders": 3}, "kpi": "order_fill_rate"}]"#)
        let golden = try GoldenSetFile.load(path: path)
        let python = try Python.run("import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())",
                                    arguments: [path])
        #expect(golden.sha256 == String(decoding: python, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(golden.source == path)
        #expect(golden.queries.map(\.id) == ["q1"])
        try golden.validate(against: Self.contents)
    }

    @Test func everyIdMustBeInTheCatalog() throws {
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {"order": 3}}]"#)
            == #"q1 tables.order: the catalog has no table "order""#)
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {"orders": 3}}, {"id": "q2", "query": "y", "tables": {"trades": 0}}]"#)
            == #"q2 tables.trades: the catalog has no table "trades""#, "a removed table is no longer searchable")
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {}, "columns": {"orders.sid": 1}}]"#)
            == #"q1 columns.orders.sid: the catalog has no column "orders.sid""#)
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {}, "columns": {"trades.side": 1}}]"#)
            == #"q1 columns.trades.side: the catalog has no column "trades.side""#)
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {}, "columns": {"side": 1}}]"#)
            == "q1 columns.side: is not TABLE.COLUMN")
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {}, "kpi": "fill_rate"}]"#)
            == #"q1 kpi: the catalog has no KPI pattern "fill_rate""#)
        #expect(try problem(#"[{"id": "q1", "query": "x", "tables": {"clients": 2}, "columns": {"clients.segment": 3}, "kpi": null}]"#) == nil)
    }

    @Test func anEmptyGoldenSetIsRefused() throws {
        let path = try write("[]")
        #expect(throws: GoldenSetError(source: path, query: nil, field: nil, reason: "holds no query")) {
            try GoldenSetFile.load(path: path)
        }
    }
}
