import Foundation
import PostgresNIO
import SluiceGovernance
import SluicePostgres
import SluicePostgresTestSupport
import SluiceProvision
import SluiceTestSupport
import Testing

/// The demo scenarios provisioned into PostgreSQL and read back the way BI tools read them:
/// each role logs in with its own password, over the wire protocol, through two clients
/// Sluice did not write the grants for (postgres-nio's raw connection and Python's psycopg2).
/// PostgreSQL's own privileges must say what the classification matrix says.
@Suite("PostgreSQL: marts read by real clients as each role", .serialized) struct PostgresRealClientTests {
    /// Scenario 1 per client and account, as the demo provisions it: names and accounts masked for bi_analyst.
    static let holdingsByClient = """
        {"name": "holdings_by_client",
         "sources": [{"table": "positions", "alias": "p"}, {"table": "accounts", "alias": "a"}, {"table": "clients", "alias": "c"}],
         "joins": [{"source": "a", "on": [{"left": "a.account_id", "right": "p.account_id"}]},
                   {"source": "c", "on": [{"left": "c.client_id", "right": "a.client_id"}]}],
         "dimensions": [{"column": "c.short_name", "as": "client"}, {"column": "a.account_number"}, {"column": "c.segment"}],
         "measures": [{"name": "market_value", "function": "sum", "column": "p.market_value"}],
         "filter": {"column": "p.as_of_date", "op": "is_latest"}}
        """

    @Test func eachRoleReadsExactlyWhatItsClassificationAllows() async throws {
        let world = try await ProvisionWorld.make(.postgres)
        do {
            try await check(world, server: try #require(world.postgres))
        } catch {
            await world.close()
            throw error
        }
        await world.close()
    }

    private func check(_ world: ProvisionWorld, server: PostgresWorld) async throws {
        var marts: [Int: String] = [:]
        for number in [1, 2, 3] {
            let (scenario, plan) = try await ScenarioPlans.scenario(number)
            let outcome = try await world.executor().provision(plan.request())
            try #require(outcome.status == .succeeded, "\(scenario.testDescription) ended \(outcome.status): \(outcome.error ?? "")")
            marts[number] = try #require(outcome.registration?.name)
        }
        let spec = try MartSpec.decode(Self.holdingsByClient)
        let holdings = try await world.executor().provision(ProvisionRequest(requester: Requester(user: "maria.chen", role: .biAnalyst),
                                                                             question: nil, searchResults: [], spec: spec))
        try #require(holdings.status == .succeeded, "holdings_by_client ended \(holdings.status): \(holdings.error ?? "")")
        let holdingsMart = try #require(holdings.registration?.name)

        // bi_analyst, with its own login, reads masked names and account numbers.
        let names = Set(try await LakeRows.rows(of: "clients").compactMap { $0["short_name"]?.text })
        let accounts = Set(try await LakeRows.rows(of: "accounts").compactMap { $0["account_number"]?.text })
        let analyst = try server.psycopg2("SELECT * FROM data_mart.\(holdingsMart)", as: "bi_analyst")
        let clients = try analyst.column("client").compactMap(\.text)
        let numbers = try analyst.column("account_number").compactMap(\.text)
        #expect(!clients.isEmpty && clients.count == holdings.rowCount)
        #expect(clients.allSatisfy { $0.contains("*") && !names.contains($0) }, "unmasked names: \(clients.prefix(3))")
        #expect(numbers.allSatisfy { $0.hasSuffix("****") && !accounts.contains($0) }, "unmasked accounts: \(numbers.prefix(3))")

        // The same login through postgres-nio: scenario 1 reads, the rest is refused by PostgreSQL.
        let login = try await PostgresDatabase.connect(try server.location(as: "bi_analyst"))
        defer { Task { await login.close() } }
        let scenario1 = try await login.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM data_mart.\(marts[1]!)"), logger: login.logger).collect()
        }
        #expect(try scenario1.first?.decode(Int.self) ?? 0 > 0)
        // A staging table as it exists during a request: never readable by a reader role.
        try await server.database.withConnection { connection in
            try await connection.query("CREATE UNLOGGED TABLE lake.r_probe_1_clients AS SELECT 'Elena Brunner'::text AS short_name",
                                       logger: server.database.logger)
        }
        for forbidden in ["lake.r_probe_1_clients", "data_mart.\(marts[2]!)", "data_mart.\(marts[3]!)", "governance.provisioning_audit"] {
            let answer = try server.psycopg2("SELECT * FROM \(forbidden)", as: "bi_analyst")
            #expect(answer.sqlstate == "42501", "bi_analyst reading \(forbidden): \(answer.sqlstate ?? "rows") \(answer.message ?? "")")
            await #expect("bi_analyst reading \(forbidden) through postgres-nio") {
                try await login.withConnection { connection in
                    _ = try await connection.query(PostgresQuery(unsafeSQL: "SELECT * FROM \(forbidden)"), logger: login.logger).collect()
                }
            } throws: { error in
                if case .permissionDenied = error as? SluicePostgresError { return true }
                return false
            }
        }

        // compliance_officer reads the restricted mart with names in clear; risk_manager does not.
        let (scenario3, _) = try await ScenarioPlans.scenario(3)
        #expect(scenario3.piiInClear)
        let officer = try server.psycopg2("SELECT * FROM data_mart.\(marts[3]!)", as: "compliance_officer")
        let officerNames = try #require(officer.columns?.first { $0.contains("name") }, "scenario 3 has no name column: \(officer.columns ?? [])")
        let clear = try officer.column(officerNames).compactMap(\.text)
        let rawPII = try await LakeRows.allPIIValues()
        #expect(!clear.isEmpty && clear.allSatisfy(rawPII.contains), "\(officerNames) not in clear: \(clear.prefix(3))")
        #expect(try server.psycopg2("SELECT * FROM data_mart.\(marts[3]!)", as: "risk_manager").sqlstate == "42501")
        #expect(try server.psycopg2("SELECT * FROM data_mart.\(marts[2]!)", as: "risk_manager").rows?.isEmpty == false)

        // pipeline_agent provisions but is never granted a mart; PUBLIC has nothing.
        #expect(try server.psycopg2("SELECT * FROM data_mart.\(marts[1]!)", as: "pipeline_agent").sqlstate == "42501")
        let publicGrants = try await server.database.withConnection { connection in
            try await connection.query("""
                SELECT count(*) FROM information_schema.role_table_grants
                WHERE grantee = 'PUBLIC' AND table_schema IN ('lake', 'data_mart', 'governance', 'catalog', 'rag_monitor')
                """, logger: server.database.logger).collect().first?.decode(Int.self)
        }
        #expect(publicGrants == 0)
        // What PostgreSQL itself records as granted equals the registry's grants, mart by mart.
        for registration in try await world.warehouse.registry.currentMarts() {
            let granted = try await server.database.withConnection { connection in
                var roles: [String] = []
                let rows = try await connection.query("""
                    SELECT grantee FROM information_schema.role_table_grants
                    WHERE table_schema = 'data_mart' AND table_name = \(registration.name) AND privilege_type = 'SELECT'
                      AND grantee <> current_user ORDER BY grantee
                    """, logger: server.database.logger)
                for try await role in rows.decode(String.self) { roles.append(role) }
                return roles
            }
            #expect(granted == registration.grants.map(\.rawValue).sorted(), "\(registration.name)")
        }
    }
}
