import SluiceProvision

/// The shape a reader's query must have before it reaches PostgreSQL: one statement that
/// reads. PostgreSQL decides what may be read (the role's grants) and refuses writes (the
/// transaction is READ ONLY); this check keeps out what a read-only transaction still allows,
/// such as switching roles with `SET ROLE`, `RESET` or `set_config`.
enum ReadOnlyStatement {
    private static let readingKeywords: Set<String> = ["select", "with", "table", "values"]

    static func check(_ sql: String) throws {
        let words = sql.lowercased().split(whereSeparator: { !($0.isLetter || $0 == "_") })
        guard let first = words.first else {
            throw WarehouseError(.notReadOnly, "the query is empty; give one SELECT")
        }
        guard readingKeywords.contains(String(first)) else {
            throw WarehouseError(.notReadOnly, "the query is not read-only (it starts with \(first.uppercased())); give one SELECT")
        }
        if let word = words.first(where: { ["set_config", "set_role", "pg_read_file", "pg_read_binary_file", "lo_import", "dblink"].contains(String($0)) }) {
            throw WarehouseError(.notReadOnly, "\(word) cannot be called in a query: a query is one read-only SELECT of the marts granted to the role")
        }
    }
}
