import Crypto
import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Compiled demo scenarios run over the real demo lake: pyarrow stages the staging tables the
/// compiler asked for, SQLite runs the statement, and pandas computes the same mart on its own.
@Suite struct MartCompilerDemoDataTests {
    /// Stages `compiled.staging` from the demo lake with pyarrow and runs the statement.
    private func run(_ compiled: CompiledMart) async throws -> (columns: [String], rows: [Row]) {
        let file = try Python.temporaryDirectory().appendingPathComponent("lake.sqlite").path
        let staging = compiled.staging.map { table in
            ["staged": table.stagedName, "table": table.sourceTable,
             "columns": table.columns.map { ["name": $0.name, "type": $0.type.rawValue] }] as [String: Any]
        }
        let counts = try Python.runTool("stage_mart_sources.py", arguments: [try await DemoLake.folder(), file],
                                        stdin: try JSONSerialization.data(withJSONObject: staging))
        let staged = try #require(try JSONSerialization.jsonObject(with: counts) as? [String: Int])
        let catalog = try await DemoLake.contents()
        for table in compiled.staging {
            #expect(staged[table.stagedName] == catalog.table(named: table.sourceTable)?.rowCount, "\(table.sourceTable) staged whole")
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            MaskingSQLFunctions.register(in: db, pseudonymKey: SymmetricKey(data: BankFixture.hashKey))
            try db.execute(sql: "ATTACH DATABASE ? AS lake", arguments: [file])
        }
        return try DatabaseQueue(configuration: configuration).read { db in
            let statement = try db.makeStatement(sql: compiled.selectSQL)
            statement.arguments = StatementArguments(compiled.parameters.map(MartRun.value))
            return (statement.columnNames, try Row.fetchAll(statement))
        }
    }

    @Test func portfolioExposureMatchesPandas() async throws {
        let compiled = try MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: false)
            .compile(try MartSpec.decode(MartSpecDecodingTests.documentedExample), catalog: try await DemoLake.contents(),
                     requester: BankFixture.analyst, stagingPrefix: "demo1")
        let (columns, rows) = try await run(compiled)
        #expect(columns == ["sector", "segment", "currency", "position_count", "client_count", "market_value"])
        let expected = try Python.run("""
            import json, sys
            import pandas as pd
            lake = sys.argv[1]
            p = pd.read_parquet(f"{lake}/positions.parquet", columns=["account_id", "instrument_id", "as_of_date", "currency", "market_value"])
            a = pd.read_parquet(f"{lake}/accounts.parquet", columns=["account_id", "client_id"])
            c = pd.read_parquet(f"{lake}/clients.parquet", columns=["client_id", "segment"])
            i = pd.read_parquet(f"{lake}/instruments.parquet", columns=["instrument_id", "sector"])
            p = p[p.as_of_date == p.as_of_date.max()]
            m = p.merge(a, on="account_id").merge(c, on="client_id").merge(i, on="instrument_id")
            g = m.groupby(["sector", "segment", "currency"]).agg(position_count=("client_id", "size"), client_count=("client_id", "nunique"),
                                                                  market_value=("market_value", "sum")).reset_index()
            print(json.dumps(g.to_dict(orient="records")))
            """, arguments: [try await DemoLake.folder()])
        let reference = try #require(try JSONSerialization.jsonObject(with: expected) as? [[String: Any]])
        #expect(rows.count == reference.count)
        #expect(rows.count > 10)
        var byKey: [String: [String: Any]] = [:]
        for row in reference {
            byKey["\(row["sector"]!)|\(row["segment"]!)|\(row["currency"]!)"] = row
        }
        for row in rows {
            let key = "\(row["sector"] as String)|\(row["segment"] as String)|\(row["currency"] as String)"
            let other = try #require(byKey[key], "pandas has no group \(key)")
            #expect(row["position_count"] as Int == other["position_count"] as? Int, "\(key)")
            #expect(row["client_count"] as Int == other["client_count"] as? Int, "\(key)")
            let value = row["market_value"] as Double, reference = try #require(other["market_value"] as? Double)
            #expect(abs(value - reference) <= 1e-9 * max(1, abs(reference)), "\(key): \(value) vs \(reference)")
        }
        // Sorted by sector, then market value descending.
        let order = rows.map { (sector: $0["sector"] as String, value: $0["market_value"] as Double) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0.sector < $1.sector || ($0.sector == $1.sector && $0.value >= $1.value) })
    }

    /// Scenario 2 over the real clients: the rows pandas selects, and not one raw client name,
    /// e-mail or phone number in any cell (they come from the lake file itself).
    @Test func riskLimitsLeakNoClientPII() async throws {
        let compiled = try MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: true)
            .compile(try MartSpec.decode(try #require(MartCompilerScenarioTests.specs[2])), catalog: try await DemoLake.contents(),
                     requester: BankFixture.riskManager, stagingPrefix: "demo2")
        let (_, rows) = try await run(compiled)
        let reference = try Python.run("""
            import json, sys
            import pandas as pd
            lake = sys.argv[1]
            r = pd.read_parquet(f"{lake}/risk_limits.parquet")
            c = pd.read_parquet(f"{lake}/clients.parquet")
            selected = r[r.utilization_pct >= 80].merge(c, on="client_id")
            pii = sorted(set(v for column in ["legal_name", "short_name", "email", "phone", "relationship_manager"] for v in c[column].dropna()))
            print(json.dumps({"rows": int(len(selected)), "pii": pii}))
            """, arguments: [try await DemoLake.folder()])
        let expected = try #require(try JSONSerialization.jsonObject(with: reference) as? [String: Any])
        #expect(rows.count == expected["rows"] as? Int)
        #expect(rows.count > 0)
        let pii = try #require(expected["pii"] as? [String])
        #expect(pii.count > 50)
        for row in rows {
            for value in row.databaseValues {
                guard let text = String.fromDatabaseValue(value) else { continue }
                for raw in pii where text.contains(raw) {
                    Issue.record("raw client PII \(String(reflecting: raw)) in \(String(reflecting: text))")
                }
            }
        }
        let names = rows.map { $0["short_name"] as String? }
        #expect(names.allSatisfy { $0?.contains("*") ?? true }, "\(names)")
        let utilisation = rows.map { $0["utilization_pct"] as Double }
        #expect(utilisation == utilisation.sorted(by: >))
        #expect(utilisation.allSatisfy { $0 >= 80 })
    }
}
