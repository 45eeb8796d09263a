import Foundation
import SluiceSearch
import SluiceTestSupport
import Testing

@Suite struct BM25IndexTests {
    @Test(arguments: [
        ("customer_id", ["customer", "id"]),
        ("customerId", ["customer", "id"]),
        ("CustomerID", ["customer", "id"]),
        ("HTTPServerLog", ["http", "server", "log"]),
        ("orders.order_date_2024", ["orders", "order", "date", "2024"]),
        ("sha256 hash / q4-revenue", ["sha256", "hash", "q4", "revenue"]),
        ("Straße Café", ["straße", "café"]),
        ("  __  ", []),
    ])
    func tokenizer(text: String, expected: [String]) {
        #expect(MetadataTokenizer().tokens(text) == expected)
    }

    static let documents: [String: String] = [
        "sales.orders": "orders: one row per customer order. order_id, customer_id, orderDate, total_amount, currency",
        "sales.order_items": "order line items: order_id, sku, quantity, unit_price; revenue per SKU",
        "crm.customers": "customers with contact details: customer_id, email, phone, billingAddress, signupDate",
        "finance.revenue_q4": "quarterly revenue by region, Q4 2024, revenue in EUR and USD",
        "hr.employees": "employees: employee_id, department, salary, hire_date; HR confidential",
        "web.sessions": "web analytics sessions: session_id, customer_id, landingPage, utm_source, HTTPReferrer",
        "ops.inventory": "warehouse inventory snapshot: sku, warehouse_id, on_hand_quantity",
        "empty.table": "",
    ]
    static let queries = [
        "customer orders", "revenue by SKU", "customer email address", "Q4 2024 revenue", "employee salary department",
        "web session referrer", "inventory quantity per warehouse", "nothing matches zebra", "customer customer order",
    ]

    @Test func scoresMatchAnIndependentReference() throws {
        var index = BM25Index()
        for (id, text) in Self.documents { index.add(id: id, text: text) }
        let request: [String: Any] = ["documents": Self.documents, "queries": Self.queries, "k1": 1.2, "b": 0.75]
        let output = try Python.runTool("bm25_reference.py", stdin: try JSONSerialization.data(withJSONObject: request))
        let reference = try JSONSerialization.jsonObject(with: output) as! [String: Any]
        let tokens = reference["tokens"] as! [String: [String]]
        for (id, text) in Self.documents {
            #expect(index.tokenizer.tokens(text) == tokens[id], "tokens of \(id)")
        }
        let scores = reference["scores"] as! [[String: Double]]
        for (query, expected) in zip(Self.queries, scores) {
            let hits = index.search(query, k: 100)
            #expect(Set(hits.map(\.id)) == Set(expected.keys), "matched documents for '\(query)'")
            for hit in hits {
                let want = expected[hit.id] ?? .nan
                #expect(abs(index.score(id: hit.id, query: query) - want) < 1e-9, "'\(query)' on \(hit.id)")
                #expect(abs(Double(hit.score) - want) < 1e-5 * max(1, want))
            }
            let order = expected.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            #expect(hits.map(\.id) == order, "ranking for '\(query)'")
        }
    }

    @Test func addRemoveAndReplace() {
        var index = BM25Index()
        index.add(id: "a", text: "customer orders")
        index.add(id: "b", text: "product catalog")
        #expect(index.search("customer", k: 5).map(\.id) == ["a"])
        index.add(id: "a", text: "product prices")
        #expect(index.count == 2)
        #expect(index.search("customer", k: 5).isEmpty)
        #expect(index.search("product", k: 5).count == 2)
        let removed = index.remove(id: "b"), removedAgain = index.remove(id: "b")
        #expect(removed && !removedAgain)
        #expect(index.search("product", k: 5).map(\.id) == ["a"])
        #expect(index.search("catalog", k: 5).isEmpty)
        // Score of a re-added document equals that of a fresh index with the same documents.
        var fresh = BM25Index()
        fresh.add(id: "a", text: "product prices")
        #expect(fresh.search("prices", k: 1) == index.search("prices", k: 1))
    }

    @Test func kLimitsAndTiesAreOrderedByID() {
        var index = BM25Index()
        for id in ["c", "a", "b"] { index.add(id: id, text: "same words here") }
        #expect(index.search("words", k: 2).map(\.id) == ["a", "b"])
        #expect(index.search("words", k: 0).isEmpty)
    }
}
