import Foundation
import PostgresNIO
import SluicePostgres
import SluicePostgresTestSupport
import SluiceTestSupport
import Testing

/// The masking functions of `governance` give exactly the outputs of the shared table of
/// cases (`Tests/fixtures/masking_cases.json`), the table the Swift and SQLite
/// implementations are held to.
@Suite struct MaskingFunctionTests {
    @Test func everyCaseOfTheSharedTable() async throws {
        try await TestPostgres.withDatabase { database in
            let key = String(decoding: MaskingCases.hashKey, as: UTF8.self)
            for masking in MaskingCases.all {
                let function = masking.function == "hash" || masking.function == "null" ? "mask_\(masking.function)" : masking.function
                let output = try await database.withTransaction { connection in
                    _ = try await connection.query("SELECT set_config('sluice.pseudonym_key', \(key), true)", logger: database.logger).collect()
                    let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT governance.\(function)($1::text)",
                                                                        binds: PostgresSQL.binds(masking.input)), logger: database.logger)
                    var result: String??
                    for try await value in rows.decode(String?.self) { result = .some(value) }
                    return result
                }
                #expect(output == .some(masking.output), "\(masking)")
            }
        }
    }

    @Test func integersMaskAsTheirDigits() async throws {
        try await TestPostgres.withDatabase { database in
            let masked = try await database.withConnection { connection in
                try await connection.query("SELECT governance.mask_account(12345678::bigint)", logger: database.logger).collect()
                    .first?.decode(String.self)
            }
            #expect(masked == "1234****")
        }
    }

    @Test func hashWithoutAKeyFailsTheStatementRatherThanReturnNull() async throws {
        try await TestPostgres.withDatabase { database in
            await #expect {
                try await database.withConnection { connection in
                    _ = try await connection.query("SELECT governance.mask_hash('C-0001')", logger: database.logger).collect()
                }
            } throws: { error in
                "\(error)".contains("needs the pseudonym key")
            }
        }
    }
}
