import SluiceCatalog
import Testing

/// The 16 relationships of `../shared/spec/demo-lake.md`, copied from the spec by hand (not
/// derived from the generator or the inference), as `from.column → to.key`.
private let specRelationships: Set<String> = [
    "orders.account_id → accounts.account_id", "orders.instrument_id → instruments.instrument_id",
    "orders.broker_id → counterparties.counterparty_id", "executions.order_id → orders.order_id",
    "executions.venue_id → exchanges.exchange_id", "accounts.client_id → clients.client_id",
    "accounts.custodian_id → counterparties.counterparty_id", "positions.account_id → accounts.account_id",
    "positions.instrument_id → instruments.instrument_id", "instruments.exchange_id → exchanges.exchange_id",
    "market_prices.instrument_id → instruments.instrument_id", "cash_balances.account_id → accounts.account_id",
    "risk_limits.client_id → clients.client_id", "risk_metrics.client_id → clients.client_id",
    "compliance_checks.order_id → orders.order_id", "aml_alerts.client_id → clients.client_id",
]

/// A demo lake scale and a key-sketch capacity; 64 leaves the sketches of every larger
/// key column incomplete, so containment is estimated rather than counted.
struct LakeSetting: Sendable, CustomTestStringConvertible {
    let scale: Int
    let sketchCapacity: Int
    var testDescription: String { "scale \(scale), sketch capacity \(sketchCapacity)" }

    static let all = [
        LakeSetting(scale: 1, sketchCapacity: KeySketch.defaultCapacity), LakeSetting(scale: 10, sketchCapacity: KeySketch.defaultCapacity),
        LakeSetting(scale: 1, sketchCapacity: 64), LakeSetting(scale: 10, sketchCapacity: 64),
    ]

    func catalog() async throws -> (tables: [TableMetadata], columns: [ColumnMetadata]) {
        try await DemoLakeProfile.catalog(scale: scale, sketchCapacity: sketchCapacity)
    }
}

@Suite struct DemoLakeRelationshipTests {
    let inference = RelationshipInference()

    @Test(arguments: LakeSetting.all)
    func findsExactlyTheSpecRelationships(setting: LakeSetting) async throws {
        let catalog = try await setting.catalog()
        let found = inference.infer(tables: catalog.tables, columns: catalog.columns)
        #expect(Set(found.map(\.description)) == specRelationships)
        #expect(found.count == specRelationships.count, "one target per foreign-key column")
        for relationship in found {
            #expect(relationship.source == .inferred && relationship.status == .suggested)
            #expect(relationship.confidence >= inference.options.minimumConfidence && relationship.confidence <= 1)
            #expect(!relationship.evidence.isEmpty)
        }
        let order = found.map { [$0.fromTable, $0.fromColumn, $0.toTable, $0.toColumn] }
        #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test(arguments: LakeSetting.all)
    func noFalseCandidateReachesTheMinimum(setting: LakeSetting) async throws {
        let catalog = try await setting.catalog()
        let candidates = inference.candidates(tables: catalog.tables, columns: catalog.columns)
        let confident = candidates.filter { $0.confidence >= inference.options.minimumConfidence }
        #expect(Set(confident.map(\.description)).subtracting(specRelationships).isEmpty)
        // The false candidates are there, only less confident: ids 1…3 are in every larger key.
        #expect(candidates.contains { $0.fromColumn == "broker_id" && $0.toTable == "instruments" })
    }

    @Test func smallSketchesReallyEstimate() async throws {
        let catalog = try await LakeSetting(scale: 10, sketchCapacity: 64).catalog()
        let sketch = try #require(catalog.columns.first { $0.qualifiedName == "orders.order_id" }?.keySketch)
        #expect(!sketch.isComplete)
        let found = inference.infer(tables: catalog.tables, columns: catalog.columns)
        let executions = try #require(found.first { $0.description == "executions.order_id → orders.order_id" })
        #expect(executions.evidence.contains("estimated from key sketches"))
    }

    @Test(arguments: LakeSetting.all)
    func oneToOneExtensionIsNoTarget(setting: LakeSetting) async throws {
        let catalog = try await setting.catalog()
        let candidates = inference.candidates(tables: catalog.tables, columns: catalog.columns)
        // cash_balances.account_id holds exactly the account ids, so the values cannot tell it from accounts.
        let decoy = try #require(candidates.first { $0.description == "orders.account_id → cash_balances.account_id" })
        let real = try #require(candidates.first { $0.description == "orders.account_id → accounts.account_id" })
        #expect(decoy.confidence < inference.options.minimumConfidence)
        #expect(real.confidence > decoy.confidence)
        #expect(decoy.evidence.contains("one-to-one extension"))
        // A table's own key refers to nothing, not even to its one-to-one extension.
        #expect(!candidates.contains { $0.fromTable == "accounts" && $0.fromColumn == "account_id" })
        #expect(!candidates.contains { $0.fromTable == "orders" && $0.fromColumn == "order_id" })
    }

    @Test func rolesFindTheirTablesThroughSynonymsAndValues() async throws {
        let catalog = try await LakeSetting(scale: 1, sketchCapacity: KeySketch.defaultCapacity).catalog()
        let found = inference.infer(tables: catalog.tables, columns: catalog.columns)
        let broker = try #require(found.first { $0.fromColumn == "broker_id" })
        #expect(broker.evidence.hasPrefix("100% of 3 distinct values found in counterparties.counterparty_id (6 keys)"))
        #expect(broker.evidence.contains("'broker' is a counterparty_type value of counterparties"))
        let custodian = try #require(found.first { $0.fromColumn == "custodian_id" })
        #expect(custodian.evidence.contains("'custodian' is a counterparty_type value of counterparties"))
        let venue = try #require(found.first { $0.fromColumn == "venue_id" })
        #expect(venue.evidence.contains("venue ~ exchange (finance thesaurus)"))
    }

    @Test func removedTablesAreLeftOut() async throws {
        var catalog = try await LakeSetting(scale: 1, sketchCapacity: KeySketch.defaultCapacity).catalog()
        let counterparties = try #require(catalog.tables.firstIndex { $0.name == "counterparties" })
        catalog.tables[counterparties].lifecycle = .removed
        let found = inference.infer(tables: catalog.tables, columns: catalog.columns)
        #expect(!found.contains { $0.toTable == "counterparties" || $0.fromTable == "counterparties" })
        #expect(found.count == specRelationships.count - 2)
    }
}
