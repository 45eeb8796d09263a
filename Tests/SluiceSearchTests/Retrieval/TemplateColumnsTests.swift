@testable import SluiceSearch
import Testing

@Suite struct TemplateColumnsTests {
    let columns: [String: Set<String>] = [
        "positions": ["account_id", "instrument_id", "market_value", "currency", "as_of_date"],
        "accounts": ["account_id", "client_id", "status"],
        "instruments": ["instrument_id", "sector", "name"],
        "executions": ["order_id", "fill_quantity"],
        "orders": ["order_id", "quantity", "status"],
    ]

    func read(_ sql: String, _ tables: [String]) -> [String] {
        TemplateColumns.referenced(in: sql, tables: tables, columns: columns).map { "\($0.table).\($0.column)" }.sorted()
    }

    @Test func resolvesAliases() {
        let sql = """
            SELECT i.sector, p.currency, SUM(p.market_value) AS market_value
            FROM positions p
            JOIN accounts AS a ON a.account_id = p.account_id
            JOIN instruments i ON i.instrument_id = p.instrument_id
            WHERE a.status = 'active' AND p.as_of_date = (SELECT MAX(as_of_date) FROM positions)
            GROUP BY i.sector, p.currency
            """
        #expect(read(sql, ["positions", "accounts", "instruments"]) == [
            "accounts.account_id", "accounts.status", "instruments.instrument_id", "instruments.sector",
            "positions.account_id", "positions.as_of_date", "positions.currency", "positions.instrument_id", "positions.market_value",
        ])
    }

    /// A bare name counts only when one of the pattern's tables has it; output names after
    /// AS and string literals are not columns.
    @Test func readsBareNamesOnlyWhenUnambiguous() {
        let sql = """
            SELECT o.status, SUM(COALESCE(f.filled, 0)) AS quantity, 'name' AS label
            FROM orders o
            LEFT JOIN (SELECT order_id, SUM(fill_quantity) AS filled FROM executions GROUP BY order_id) f ON f.order_id = o.order_id
            """
        #expect(read(sql, ["orders", "executions"]) == ["executions.fill_quantity", "orders.order_id", "orders.status"])
    }

    @Test func ignoresTablesTheCatalogLacks() {
        #expect(read("SELECT x.sector FROM unknown x", ["unknown"]).isEmpty)
    }
}
