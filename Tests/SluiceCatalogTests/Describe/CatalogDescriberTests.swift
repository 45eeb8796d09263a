@testable import SluiceCatalog
import SluiceGovernance
import Testing

@Suite struct CatalogDescriberTests {
    static var example: CatalogContents {
        var contents = CatalogFixtures.ordersAndAccounts
        contents.tables[0].detailBI = "One row per client order."
        contents.kpiPatterns = [KPIPattern(id: "order_book", name: "Order book", description: "Orders per side and account.",
                                           tables: ["orders", "accounts"], template: "SELECT 1")]
        return contents
    }

    static func described(_ contents: CatalogContents = example) -> CatalogContents {
        var contents = contents
        CatalogDescriber().describe(&contents)
        return contents
    }

    static func column(_ contents: CatalogContents, _ qualifiedName: String) throws -> ColumnMetadata {
        try #require(contents.columns.first { $0.qualifiedName == qualifiedName })
    }

    // MARK: The format, pinned on a small example.

    @Test func tableTexts() throws {
        let contents = Self.described()
        let orders = try #require(contents.table(named: "orders"))
        #expect(orders.detailAgent == "515 rows, 4 columns. side: 3 distinct (BUY, SELL, SHRT). 2% null rate on limit_price. "
            + "Key: order_id. Joins: account_id → accounts.account_id.")
        #expect(orders.metadataText == """
            Table orders: order_id int64, side string, limit_price float64, account_id int32.
            One row per client order.
            \(orders.detailAgent)
            """)
        let accounts = try #require(contents.table(named: "accounts"))
        #expect(accounts.detailAgent == "63 rows, 2 columns. account_number: PII (iban), masked. Key: account_id. Referenced by: orders.account_id.")
        // No detail_bi: the metadata text has two parts.
        #expect(accounts.metadataText == "Table accounts: account_id int32, account_number string.\n\(accounts.detailAgent)")
    }

    @Test func columnTexts() throws {
        let contents = Self.described()
        #expect(try Self.column(contents, "orders.order_id").detailAgent == "int64, unique, no nulls. Range 1 to 515. Examples: 1, 2, 3.")
        #expect(try Self.column(contents, "orders.side").detailAgent == "string, 3 distinct, no nulls. Values: BUY (260), SELL (200), SHRT (55).")
        #expect(try Self.column(contents, "orders.limit_price").detailAgent
            == "float64, 300 distinct, 10 nulls (2%). Range 10.5 to 1,235. Examples: 101.26, 99.5, 250.")
        #expect(try Self.column(contents, "orders.account_id").detailAgent == "int32, 60 distinct, no nulls. Range 1 to 63. Examples: 4, 17, 9.")
        let accountNumber = try Self.column(contents, "accounts.account_number")
        #expect(accountNumber.detailAgent == "string, unique, no nulls. PII (iban), suggested; masked with mask_account.")
        #expect(accountNumber.metadataText == "Column accounts.account_number (string).\n\(accountNumber.detailAgent)")

        var annotated = Self.example
        annotated.columns[1].detailBI = "BUY, SELL or SHRT (short sale)."
        let side = try Self.column(Self.described(annotated), "orders.side")
        #expect(side.metadataText == "Column orders.side (string).\nBUY, SELL or SHRT (short sale).\n\(side.detailAgent)")
    }

    @Test func relationshipAndKPITexts() throws {
        let contents = Self.described()
        #expect(contents.relationships[0].metadataText == """
            Relationship orders.account_id → accounts.account_id: join orders.account_id = accounts.account_id (many orders rows to one accounts row).
            Suggested (inferred), confidence 98%. Evidence: 98% of 60 distinct values contained.
            """)
        #expect(contents.kpiPatterns[0].metadataText == """
            KPI pattern order_book: Order book.
            Orders per side and account.
            Tables: orders, accounts. Joins: orders.account_id → accounts.account_id.
            """)
    }

    @Test func rejectedJoinsAreNotOfferedButDescribed() throws {
        var contents = Self.example
        contents.relationships[0].status = .rejected
        contents.relationships[0].source = .annotation
        contents.relationships[0].evidence = "rejected in annotation file bank.yaml"
        CatalogDescriber().describe(&contents)
        #expect(contents.table(named: "orders")?.detailAgent.contains("Joins") == false)
        #expect(contents.table(named: "accounts")?.detailAgent.contains("Referenced by") == false)
        #expect(contents.kpiPatterns[0].metadataText.hasSuffix("Tables: orders, accounts."))
        #expect(contents.relationships[0].metadataText.hasSuffix(
            "\nRejected (annotation): not a join. Evidence: rejected in annotation file bank.yaml."))
    }

    // MARK: PII never shows values.

    @Test func piiColumnsNeverListValues() throws {
        var contents = Self.example
        contents.columns[1].pii = PIIVerdict(isPII: true, kind: .personName, score: 1, matchedFraction: 1, reason: "r", status: .confirmed)
        contents.columns[1].maskingRule = .maskName
        CatalogDescriber().describe(&contents)
        let side = try Self.column(contents, "orders.side")
        #expect(side.detailAgent == "string, 3 distinct, no nulls. PII (person_name), confirmed; masked with mask_name.")
        let orders = try #require(contents.table(named: "orders"))
        #expect(orders.detailAgent.hasPrefix("515 rows, 4 columns. side: PII (person_name), masked. 2% null rate"))
        for text in [orders.detailAgent, orders.metadataText, side.detailAgent, side.metadataText] {
            #expect(!text.contains("BUY") && !text.contains("SHRT"))
        }
    }

    @Test func aRejectedVerdictShowsValuesAgain() throws {
        var contents = Self.example
        contents.columns[5].pii.status = .rejected
        contents.columns[5].maskingRule = nil
        CatalogDescriber().describe(&contents)
        let sample = contents.columns[5].profile.samples[0]
        #expect(try Self.column(contents, "accounts.account_number").detailAgent
            == "string, unique, no nulls. Examples: \(sample). Reviewed: not PII.")
    }

    // MARK: Sampling, estimates, domains.

    @Test func saysWhenStatisticsComeFromASampleOrAnEstimate() throws {
        var contents = Self.example
        contents.tables[0].rowCount = 2_000_000
        for index in 0..<4 { contents.columns[index].profile.profiledRows = 100_000 }
        contents.columns[3].profile.distinctMethod = .hyperLogLog
        contents.columns[3].profile.distinctCount = 61_234
        contents.columns[3].domain = SemanticDomain(name: "id.key", confidence: 0.9, evidence: "name ends in _id")
        CatalogDescriber().describe(&contents)
        #expect(contents.tables[0].detailAgent.hasPrefix("2,000,000 rows, 4 columns. Statistics from 100,000 profiled rows. side:"))
        #expect(try Self.column(contents, "orders.account_id").detailAgent
            == "int32, about 61,234 distinct, no nulls. Range 1 to 63. Examples: 4, 17, 9. Domain: id.key.")
    }

    // MARK: Lifecycle, embedding flag, determinism.

    @Test func removedTablesKeepTheirText() throws {
        var contents = Self.example
        contents.tables[1].lifecycle = .removed
        contents.tables[1].detailAgent = "old table text"
        contents.tables[1].metadataText = "old table text"
        contents.columns[4].detailAgent = "old column text"
        contents.relationships[0].metadataText = "old join text"
        CatalogDescriber().describe(&contents)
        #expect(contents.tables[1].detailAgent == "old table text" && contents.tables[1].metadataText == "old table text")
        #expect(contents.columns[4].detailAgent == "old column text")
        #expect(contents.relationships[0].metadataText == "old join text")
        // The join to a removed table is not offered from the active side either.
        #expect(contents.tables[0].detailAgent.hasSuffix("Key: order_id."))
    }

    @Test func marksTablesForEmbeddingOnlyWhenTheirTextChanges() throws {
        var contents = Self.described()
        for index in contents.tables.indices { contents.tables[index].needsEmbedding = false }
        CatalogDescriber().describe(&contents)
        #expect(contents.tables.allSatisfy { !$0.needsEmbedding })
        contents.tables[1].detailBI = "One row per client account."
        CatalogDescriber().describe(&contents)
        #expect(contents.tables.map(\.needsEmbedding) == [false, true])
    }

    @Test func isDeterministicWhateverTheOrderOfTheContents() throws {
        let first = Self.described()
        #expect(Self.described() == first)
        var shuffled = Self.example
        shuffled.tables.reverse()
        shuffled.columns.reverse()
        let second = Self.described(shuffled)
        for table in first.tables {
            #expect(second.table(named: table.name)?.metadataText == table.metadataText)
        }
        for column in first.columns {
            #expect(try Self.column(second, column.qualifiedName).metadataText == column.metadataText)
        }
    }

    // MARK: Numbers rounded for reading.

    @Test func readableNumbers() {
        #expect(ReadableText.count(0) == "0")
        #expect(ReadableText.count(999) == "999")
        #expect(ReadableText.count(1_020) == "1,020")
        #expect(ReadableText.count(-1_234_567) == "-1,234,567")
        #expect(ReadableText.percent(0) == "0%")
        #expect(ReadableText.percent(0.004) == "<1%")
        #expect(ReadableText.percent(0.0194) == "2%")
        #expect(ReadableText.percent(0.995) == ">99%")
        #expect(ReadableText.percent(1) == "100%")
        #expect(ReadableText.rounded("1234567.891") == "1,234,568")
        #expect(ReadableText.rounded("12.3456") == "12.35")
        #expect(ReadableText.rounded("12.0") == "12")
        #expect(ReadableText.rounded("0.012345") == "0.01235")
        #expect(ReadableText.rounded("-0.0") == "0")
        #expect(ReadableText.rounded("-7.005") == "-7")
        #expect(ReadableText.rounded("n/a") == "n/a")
        #expect(ReadableText.clipped(String(repeating: "x", count: 45)) == String(repeating: "x", count: 39) + "…")
    }
}
