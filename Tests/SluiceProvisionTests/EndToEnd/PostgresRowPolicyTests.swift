import Foundation
import PostgresNIO
import SluiceGovernance
import SluicePostgres
import SluiceProvision
import Testing

/// A spec's row policy on PostgreSQL: applied at build time as in the embedded backend, and
/// also held by the database itself as row-level security over the mart's columns, so a row
/// outside the policy never reaches a reader even if it gets into the table.
@Suite("PostgreSQL: row policies become row-level security") struct PostgresRowPolicyTests {
    static let spec = """
        {"name": "clients_by_segment",
         "sources": [{"table": "clients", "alias": "c"}],
         "dimensions": [{"column": "c.segment"}, {"column": "c.risk_rating"}],
         "measures": [{"name": "clients", "function": "count"}],
         "row_policy": {"column": "c.segment", "op": "in", "values": ["retail", "affluent"]}}
        """

    @Test func thePolicyIsEnforcedByTheDatabaseForEveryGrantedRole() async throws {
        let world = try await ProvisionWorld.make(.postgres)
        let server = try #require(world.postgres)
        let outcome = try await world.provision(try MartSpec.decode(Self.spec), as: Requester(user: "e2e.maria", role: .biAnalyst))
        try #require(outcome.status == .succeeded, "\(outcome.error ?? "")")
        let mart = try #require(outcome.registration?.name)
        #expect(outcome.grants.contains { $0.hasPrefix("row-level security on data_mart.\(mart)") }, "\(outcome.grants)")

        let policies = try await server.database.withConnection { connection in
            try await connection.query("""
                SELECT policyname, cmd, roles::text, qual FROM pg_policies WHERE schemaname = 'data_mart' AND tablename = \(mart)
                """, logger: server.database.logger).collect().map { try $0.decode((String, String, String, String).self) }
        }
        #expect(policies.count == 1)
        let policy = try #require(policies.first)
        #expect(policy.1 == "SELECT" && policy.3.contains("retail") && policy.3.contains("affluent"), "\(policy)")
        #expect(Set(policy.2.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").map(String.init))
                == Set(["bi_analyst", "risk_manager", "compliance_officer"]), "\(policy.2)")

        // A row outside the policy slipped into the table (here by the owner) stays invisible to readers.
        try await server.database.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: """
                INSERT INTO data_mart.\(PostgresSQL.quote(mart)) (segment, risk_rating, clients) VALUES ('uhnwi', 'high', 99)
                """), logger: server.database.logger)
        }
        let before = try server.psycopg2("SELECT segment FROM data_mart.\(mart)", as: "bi_analyst")
        let segments = Set(try before.column("segment").compactMap(\.text))
        #expect(!segments.isEmpty && segments.isSubset(of: ["retail", "affluent"]), "\(segments)")
        let asOwner = try await server.database.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM data_mart.\(PostgresSQL.quote(mart)) WHERE segment = 'uhnwi'"),
                                       logger: server.database.logger).collect().first?.decode(Int.self)
        }
        #expect(asOwner == 1, "the owner's insert is not there, so the check above proves nothing")
        await world.close()
    }

    @Test func aPolicyOnAColumnTheMartDoesNotShowStaysABuildTimeFilter() async throws {
        let world = try await ProvisionWorld.make(.postgres)
        let server = try #require(world.postgres)
        let spec = try MartSpec.decode("""
            {"name": "ratings_outside_retail", "sources": [{"table": "clients", "alias": "c"}],
             "dimensions": [{"column": "c.risk_rating"}], "measures": [{"name": "clients", "function": "count"}],
             "row_policy": {"column": "c.segment", "op": "<>", "value": "retail"}}
            """)
        let outcome = try await world.provision(spec, as: Requester(user: "e2e.maria", role: .biAnalyst))
        try #require(outcome.status == .succeeded, "\(outcome.error ?? "")")
        let mart = try #require(outcome.registration?.name)
        #expect(!outcome.grants.contains { $0.hasPrefix("row-level security") }, "\(outcome.grants)")
        let count = try await server.database.withConnection { connection in
            try await connection.query("SELECT count(*) FROM pg_policies WHERE tablename = \(mart)", logger: server.database.logger)
                .collect().first?.decode(Int.self)
        }
        #expect(count == 0)
        let rows = try await world.rows(of: mart, as: .biAnalyst)
        let expected = try await LakeRows.rows(of: "clients").filter { $0["segment"] != .text("retail") }.count
        #expect(try rows.column("clients").reduce(0) { sum, cell in
            guard case let .integer(value) = cell else { throw FixtureError("count is \(cell)") }
            return sum + Int(value)
        } == expected)
        await world.close()
    }
}
