import Crypto
import Foundation
import GRDB
import SluiceGovernance
import SluiceSQLite
import SluiceTestSupport
import Testing

/// The warehouse's SQL masking functions give the shared table of cases exactly, as
/// ``SluiceGovernance/MaskingRule`` does in Swift.
@Suite struct MaskingSQLFunctionsTests {
    private func queue(key: SymmetricKey?) throws -> DatabaseQueue {
        var configuration = Configuration()
        let keyBytes = key?.withUnsafeBytes { Data($0) }
        configuration.prepareDatabase { db in
            MaskingSQLFunctions.register(in: db, pseudonymKey: keyBytes.map { SymmetricKey(data: $0) })
        }
        return try DatabaseQueue(configuration: configuration)
    }

    @Test(arguments: MaskingCases.all)
    func sharedCase(_ example: MaskingCase) throws {
        let rule = try MaskingRule(parsing: example.function)
        let database = try queue(key: SymmetricKey(data: MaskingCases.hashKey))
        let output = try database.read { db in
            try String.fetchOne(db, sql: "SELECT \(MaskingSQLFunctions.sqlName(of: rule))(?)", arguments: [example.input])
        }
        #expect(output == example.output, "\(example)")
    }

    /// Masked from a table, as a compiled mart reads it: a column of mixed rows, grouped.
    @Test func masksAColumnAndGroupsOnTheMaskedValue() throws {
        let database = try queue(key: SymmetricKey(data: MaskingCases.hashKey))
        let rows = try database.write { db -> [Row] in
            try db.execute(sql: "CREATE TABLE clients (client_id INTEGER, legal_name TEXT)")
            for (id, name) in [(1, "Dr. Elena Brunner"), (2, "Dmitri Volkov"), (3, nil), (4, "Dr. Elena Brunner")] as [(Int, String?)] {
                try db.execute(sql: "INSERT INTO clients VALUES (?, ?)", arguments: [id, name])
            }
            return try Row.fetchAll(db, sql: """
                SELECT mask_name(legal_name) AS name, mask_hash(client_id) AS client, count(*) AS n
                FROM clients GROUP BY 1, 2 ORDER BY 1, 2
                """)
        }
        let names = rows.map { $0["name"] as String? }
        #expect(names.contains("D** E**** B******") && names.contains("D***** V*****") && names.contains(nil))
        #expect(!rows.contains { ($0["name"] as String?)?.contains("Brunner") == true })
        // Integer keys hash as their digits: the first 16 hex characters of HMAC-SHA256("key", "1"),
        // from Python's hmac module, not from MaskingRule (which the SQL function calls).
        let expected = "6da91fb91517be1f"
        #expect(rows.contains { ($0["client"] as String?) == expected })
    }

    @Test func hashWithoutAKeyFailsTheStatementInsteadOfReturningNulls() throws {
        let database = try queue(key: nil)
        #expect(throws: DatabaseError.self) {
            try database.read { db in try String.fetchOne(db, sql: "SELECT mask_hash('CH9300010001')") }
        }
        // The other functions need no key.
        #expect(try database.read { db in try String.fetchOne(db, sql: "SELECT mask_account('CH9300010001')") } == "CH93********")
    }

    @Test func realsAndBlobsAreRefused() throws {
        let database = try queue(key: nil)
        for sql in ["SELECT mask_name(1.5)", "SELECT mask_isin(x'00ff')"] {
            #expect(throws: DatabaseError.self, "\(sql)") {
                try database.read { db in try String.fetchOne(db, sql: sql) }
            }
        }
    }
}
