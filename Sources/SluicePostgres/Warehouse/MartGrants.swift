import Logging
import PostgresNIO
import SluiceGovernance

/// The privileges of a published mart: nothing for `PUBLIC` or any role but the granted
/// readers, `SELECT` for those, and row-level security when the spec has a row policy that
/// can be read off the mart's own columns. The owner (the provisioning identity) is not
/// subject to the policy, so it can still count and sample what it built.
enum MartGrants {
    static func apply(to mart: String, grants: [Role], rowPolicy: RowPolicyRLS?, _ connection: PostgresConnection,
                      logger: Logger) async throws {
        let table = PostgresSQL.qualified("data_mart", mart)
        let everyRole = (["PUBLIC"] + PostgresRoles.names.map(PostgresSQL.quote)).joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "REVOKE ALL ON \(table) FROM \(everyRole)"), logger: logger)
        guard !grants.isEmpty else { return }
        let readers = grants.map { PostgresSQL.quote($0.rawValue) }.joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "GRANT SELECT ON \(table) TO \(readers)"), logger: logger)
        guard let rowPolicy else { return }
        try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY"), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: """
            CREATE POLICY sluice_row_policy ON \(table) FOR SELECT TO \(readers) USING (\(rowPolicy.sql))
            """), logger: logger)
    }
}
