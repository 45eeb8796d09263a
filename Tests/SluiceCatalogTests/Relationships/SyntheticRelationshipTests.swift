import SluiceCatalog
import SluiceCore
import Testing

@Suite struct SyntheticRelationshipTests {
    let inference = RelationshipInference()

    /// Clients 1…100 (int64) and orders over clients 1…60 (int32), with an unrelated integer
    /// quantity and a client code stored as text.
    private func orderLake() -> SyntheticLake {
        var lake = SyntheticLake()
        lake.add("clients", [("client_id", .int64, ids(1...100)), ("segment", .string, cycling(["retail", "hnwi"], count: 100))])
        lake.add("orders", [
            ("order_id", .int64, ids(1...300)),
            ("client_id", .int32, cycling(ids(1...60), count: 300)),
            ("quantity", .int32, cycling(ids(1...50), count: 300)),
            ("client_code", .string, cycling(ids(1...60), count: 300)),
        ])
        return lake
    }

    @Test func integerWidthsJoin() {
        let found = orderLake().infer()
        #expect(found.map(\.description) == ["orders.client_id → clients.client_id"])
        #expect(found.first?.confidence == 1)
        #expect(found.first?.evidence == "100% of 60 distinct values found in clients.client_id (100 keys); 'client' names table clients; same column name client_id")
    }

    @Test func containedValuesWithoutANameAreNoReference() throws {
        let lake = orderLake()
        #expect(!lake.infer().contains { $0.fromColumn == "quantity" })
        // Quantities 1…50 are all client ids, so it is a candidate; only the names rule it out.
        let quantity = try #require(lake.candidates().first { $0.description == "orders.quantity → clients.client_id" })
        #expect(quantity.confidence <= 0.35)
        #expect(quantity.evidence.contains("no name evidence"))
    }

    @Test func typeMismatchIsNoCandidate() {
        // "1"…"60" as text would be contained in the id sketch (same rendering) and the name is right.
        #expect(!orderLake().candidates().contains { $0.fromColumn == "client_code" })
    }

    @Test func stringKeys() {
        var lake = SyntheticLake()
        lake.add("currencies", [("code", .string, ["CHF", "EUR", "USD", "GBP", "JPY"]), ("name", .string, ["franc", "euro", "dollar", "pound", "yen"])])
        lake.add("instruments", [("instrument_id", .int32, ids(1...4)), ("isin", .string, ["CH0012032048", "US0378331005", "DE0007164600", "GB0009895292"])])
        lake.add("trades", [
            ("trade_id", .int32, ids(1...12)),
            ("currency_code", .string, cycling(["CHF", "EUR", "USD"], count: 12)),
            ("isin", .string, cycling(["CH0012032048", "US0378331005"], count: 12)),
        ])
        let found = lake.infer()
        #expect(found.map(\.description) == ["trades.currency_code → currencies.code", "trades.isin → instruments.isin"])
        let isin = found.last
        // A natural key (not named after its table) counts less than a table's own key.
        #expect(isin.map { $0.confidence < found[0].confidence } == true)
        #expect(isin?.evidence.contains("natural key") == true)
    }

    @Test func orphanValuesLowerTheConfidence() throws {
        var lake = orderLake()
        lake.add("returns", [("return_id", .int32, ids(1...120)), ("client_id", .int32, cycling(ids(1...57) + ["201", "202", "203"], count: 120))])
        let found = lake.infer()
        let clean = try #require(found.first { $0.description == "orders.client_id → clients.client_id" })
        let dirty = try #require(found.first { $0.description == "returns.client_id → clients.client_id" })
        #expect(dirty.confidence >= inference.options.minimumConfidence && dirty.confidence < clean.confidence)
        #expect(dirty.evidence.hasPrefix("95% of 60 distinct values found in clients.client_id"))
    }

    @Test func mostlyOrphanValuesAreNoCandidate() {
        var lake = orderLake()
        // 16 of 40 values are client ids: 40% contained.
        lake.add("leads", [("lead_id", .int32, ids(1...40)), ("client_id", .int32, ids(85...124))])
        #expect(!lake.candidates().contains { $0.fromTable == "leads" && $0.toTable == "clients" })
    }

    @Test func categoricalValueOfTheTargetNamesTheRole() throws {
        var lake = SyntheticLake()
        lake.add("parties", [("party_id", .int32, ids(1...6)), ("party_type", .string, ["broker", "broker", "custodian", "custodian", "bank", "bank"])])
        lake.add("desks", [("desk_id", .int32, ids(1...8))])
        lake.add("tickets", [("ticket_id", .int32, ids(1...30)), ("broker_id", .int32, cycling(["1", "2"], count: 30))])
        let found = lake.infer()
        #expect(found.map(\.description) == ["tickets.broker_id → parties.party_id"])
        #expect(try #require(found.first).evidence.contains("'broker' is a party_type value of parties"))
    }

    @Test func explicitSelfReference() {
        var lake = SyntheticLake()
        lake.add("accounts", [("account_id", .int32, ids(1...20)), ("parent_id", .int32, Array(repeating: nil, count: 5) + cycling(ids(1...5), count: 15))])
        let found = lake.infer()
        #expect(found.map(\.description) == ["accounts.parent_id → accounts.account_id"])
        #expect(found.first?.evidence.contains("'parent' marks a reference to a row of accounts") == true)
    }

    @Test func estimatedContainmentWithOrphans() throws {
        var lake = SyntheticLake()
        lake.sketchCapacity = 64
        lake.add("securities", [("security_id", .int32, ids(1...5000))])
        lake.add("trades", [("trade_id", .int32, ids(1...3000)), ("security_id", .int32, ids(1...2700) + ids(6001...6300))])
        let trade = try #require(lake.infer().first)
        #expect(trade.description == "trades.security_id → securities.security_id")
        #expect(trade.evidence.contains("estimated from key sketches"))
        #expect(trade.confidence >= inference.options.minimumConfidence && trade.confidence < 0.98)
    }

    @Test func denseKeyRangeDecidesWhenTheSketchSamplesTooFew() throws {
        var lake = SyntheticLake()
        lake.sketchCapacity = 64
        lake.add("clients", [("client_id", .int32, ids(1...5000))])
        lake.add("risk_metrics", [("client_id", .int32, cycling(ids(1...25), count: 125))])
        let risk = try #require(lake.infer().first)
        #expect(risk.description == "risk_metrics.client_id → clients.client_id")
        #expect(risk.evidence.hasPrefix("all 25 distinct values lie within clients.client_id (5000 keys), every integer of 1…5000"))
        #expect(risk.confidence == 1)
    }

    @Test func columnsWithoutSketchesTakeNoPart() {
        var lake = orderLake()
        lake.add("fills", [("fill_id", .int32, ids(1...10)), ("client_id", .float64, cycling(["1.0", "2.0"], count: 10))])
        #expect(!lake.candidates().contains { $0.fromTable == "fills" })
    }
}

@Suite struct WideCatalogRelationshipTests {
    /// 100 tables of 17 integer columns each: a key `widgetN_id` 1…50, a reference to the
    /// previous table, and 15 measures whose values 1…40 lie in every key. Every measure is
    /// contained in all 100 keys; only the 99 named references may come out.
    @Test func manyContainedColumnsYieldOnlyTheNamedReferences() {
        var lake = SyntheticLake()
        for table in 0..<100 {
            var columns: [(String, SluiceCore.DataType, [String?])] = [("widget\(table)_id", .int32, ids(1...50))]
            if table > 0 { columns.append(("widget\(table - 1)_id", .int32, cycling(ids(1...30), count: 50))) }
            for measure in 0..<15 { columns.append(("measure_\(measure)", .int32, cycling(ids(1...40), count: 50))) }
            lake.add("widget\(table)s", columns)
        }
        #expect(lake.columns.count == 1_699)
        let found = lake.infer()
        let expected = (1..<100).map { "widget\($0)s.widget\($0 - 1)_id → widget\($0 - 1)s.widget\($0 - 1)_id" }
        #expect(Set(found.map(\.description)) == Set(expected))
        #expect(found.count == 99)
    }
}
