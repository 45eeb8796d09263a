import SluiceCatalog
import SluiceGovernance
import Testing

@Suite struct AnnotationsApplyTests {
    static let yaml = """
        tables:
          orders:
            classification: confidential
            detail_bi: One row per client order.
            columns:
              side:
                detail_bi: BUY, SELL or SHRT.
          accounts:
            classification: internal
            columns:
              account_number:
                pii: confirmed
        """

    static func annotations(_ yaml: String = Self.yaml) throws -> Annotations {
        try Annotations.parse(yaml: yaml, source: "bank.yaml")
    }

    static func column(_ contents: CatalogContents, _ table: String, _ name: String) throws -> ColumnMetadata {
        try #require(contents.columns.first { $0.table == table && $0.name == name })
    }

    @Test func classifiesAndDescribesTables() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let warnings = try Self.annotations().apply(to: &contents)
        #expect(warnings.isEmpty)
        let orders = try #require(contents.table(named: "orders"))
        #expect(orders.classification == .confidential)
        #expect(orders.classificationSource == .annotation)
        #expect(orders.classificationReason == "annotation file bank.yaml")
        #expect(orders.detailBI == "One row per client order.")
        #expect(try Self.column(contents, "orders", "side").detailBI == "BUY, SELL or SHRT.")
        #expect(try Self.column(contents, "orders", "order_id").detailBI == nil)
    }

    @Test func manualClassificationWins() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        contents.tables[0].classification = .restricted
        contents.tables[0].classificationSource = .manual
        contents.tables[0].classificationReason = "set by maria.chen"
        _ = try Self.annotations().apply(to: &contents)
        let orders = try #require(contents.table(named: "orders"))
        #expect(orders.classification == .restricted && orders.classificationSource == .manual)
        #expect(orders.classificationReason == "set by maria.chen")
        #expect(orders.detailBI == "One row per client order.")
    }

    @Test func confirmsSuggestedPIIWithTheKindsMaskingRule() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let index = try #require(contents.columns.firstIndex { $0.name == "account_number" })
        contents.columns[index].maskingRule = nil
        _ = try Self.annotations().apply(to: &contents)
        let column = try Self.column(contents, "accounts", "account_number")
        #expect(column.pii.status == .confirmed && column.pii.effectiveIsPII)
        #expect(column.pii.kind == .iban)
        #expect(column.maskingRule == .maskAccount)
        #expect(column.pii.reason == "96% of 25 sampled values match; confirmed in annotation file bank.yaml")
    }

    @Test func kindAndMaskingOverridesAndRejection() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let yaml = """
            tables:
              accounts:
                columns:
                  account_number:
                    pii: confirmed
                    pii_kind: card_number
                    masking_rule: hash
              orders:
                columns:
                  side:
                    pii: rejected
            """
        let sideIndex = try #require(contents.columns.firstIndex { $0.name == "side" })
        contents.columns[sideIndex].pii = CatalogFixtures.suggestedPII(.personName)
        contents.columns[sideIndex].maskingRule = .maskName
        _ = try Self.annotations(yaml).apply(to: &contents)
        let account = try Self.column(contents, "accounts", "account_number")
        #expect(account.pii.kind == .cardNumber && account.maskingRule == .hash)
        let side = try Self.column(contents, "orders", "side")
        #expect(side.pii.status == .rejected && !side.pii.effectiveIsPII)
        #expect(side.maskingRule == nil)
    }

    @Test func aPersonsEarlierReviewWins() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let index = try #require(contents.columns.firstIndex { $0.name == "account_number" })
        contents.columns[index].pii.status = .rejected
        contents.columns[index].maskingRule = nil
        _ = try Self.annotations().apply(to: &contents)
        let column = try Self.column(contents, "accounts", "account_number")
        #expect(column.pii.status == .rejected && column.maskingRule == nil)
        #expect(column.pii.reason == "96% of 25 sampled values match")
    }

    @Test func confirmedWithoutAnyKindIsDroppedAndWarned() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let yaml = "tables:\n  orders:\n    columns:\n      side:\n        pii: confirmed\n"
        let warnings = try Self.annotations(yaml).apply(to: &contents)
        #expect(try Self.column(contents, "orders", "side").maskingRule == .null)
        #expect(warnings == ["bank.yaml: orders.side is confirmed PII without a kind or masking rule; it is masked with null"])
    }

    @Test func relationshipsAreDeclaredUpgradedAndRejected() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let yaml = """
            relationships:
              - from: orders.account_id
                to: accounts.account_id
                detail_bi: The account an order trades for.
              - from: orders.order_id
                to: accounts.account_id
                status: rejected
              - from: orders.side
                to: accounts.account_number
            """
        _ = try Self.annotations(yaml).apply(to: &contents)
        #expect(contents.relationships.count == 3)
        let upgraded = contents.relationships[0]
        #expect(upgraded.source == .annotation && upgraded.status == .confirmed && upgraded.confidence == 1)
        #expect(upgraded.detailBI == "The account an order trades for.")
        #expect(upgraded.evidence == "declared in annotation file bank.yaml; inference found: 98% of 60 distinct values contained")
        let rejected = contents.relationships[1]
        #expect(rejected.description == "orders.order_id → accounts.account_id")
        #expect(rejected.status == .rejected && rejected.source == .annotation && rejected.confidence == 0)
        #expect(rejected.evidence == "rejected in annotation file bank.yaml")
        let declared = contents.relationships[2]
        #expect(declared.description == "orders.side → accounts.account_number")
        #expect(declared.status == .confirmed && declared.confidence == 1 && declared.evidence == "declared in annotation file bank.yaml")
    }

    @Test func rejectingAnInferredRelationshipKeepsItAsRejected() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let yaml = "relationships:\n  - from: orders.account_id\n    to: accounts.account_id\n    status: rejected\n"
        _ = try Self.annotations(yaml).apply(to: &contents)
        #expect(contents.relationships.count == 1)
        #expect(contents.relationships[0].status == .rejected)
        #expect(contents.relationships[0].confidence == 0.98)
    }

    @Test func kpiPatternsReplaceTheCatalogs() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        contents.kpiPatterns = [KPIPattern(id: "old", name: "Old", description: "Old.", tables: ["orders"], template: "SELECT 1")]
        let yaml = """
            kpi_patterns:
              - id: order_count
                name: Orders
                description: Orders per side.
                tables: [orders]
                template: SELECT side, COUNT(*) FROM orders GROUP BY side
            """
        let warnings = try Self.annotations(yaml).apply(to: &contents)
        #expect(warnings.isEmpty)
        #expect(contents.kpiPatterns.map(\.id) == ["order_count"])
    }

    @Test func namesUnknownTablesAndColumnsInWarnings() throws {
        var contents = CatalogFixtures.ordersAndAccounts
        let yaml = """
            tables:
              trades:
                classification: restricted
              orders:
                columns:
                  sied:
                    detail_bi: typo
            relationships:
              - from: orders.account_id
                to: acounts.account_id
            kpi_patterns:
              - id: k
                name: K
                description: D.
                tables: [orders, trades]
                template: SELECT 1 FROM orders, trades
            """
        let before = contents
        let warnings = try Self.annotations(yaml).apply(to: &contents)
        #expect(warnings == [
            "bank.yaml: column orders.sied is not in the catalog; its annotations were not applied",
            "bank.yaml: table trades is not in the catalog; its annotations were not applied",
            "bank.yaml: relationship orders.account_id → acounts.account_id names acounts.account_id, not in the catalog; it was not applied",
            "bank.yaml: KPI pattern k needs table trades, which is not in the catalog",
        ])
        #expect(contents.tables == before.tables && contents.columns == before.columns && contents.relationships == before.relationships)
    }

    @Test func applyingTwiceChangesNothingMore() throws {
        var once = CatalogFixtures.ordersAndAccounts
        let annotations = try Self.annotations(Self.yaml + """

            relationships:
              - from: orders.account_id
                to: accounts.account_id
            """)
        _ = annotations.apply(to: &once)
        var twice = once
        _ = annotations.apply(to: &twice)
        #expect(twice == once)
    }
}
