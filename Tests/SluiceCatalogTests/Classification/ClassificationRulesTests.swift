import Foundation
import SluiceCatalog
import SluiceGovernance
import Testing

@Suite struct TableNamePatternTests {
    @Test func globs() {
        #expect(TableNamePattern("aml_*").matches("aml_alerts"))
        #expect(TableNamePattern("aml_*").matches("aml_"))
        #expect(!TableNamePattern("aml_*").matches("amlx_alerts"))
        #expect(!TableNamePattern("aml_*").matches("raw_aml_alerts"))
        #expect(TableNamePattern("*_checks").matches("compliance_checks"))
        #expect(TableNamePattern("risk_l?mits").matches("risk_limits"))
        #expect(!TableNamePattern("risk_l?mits").matches("risk_lmits"))
        #expect(TableNamePattern("risk_*s").matches("risk_metrics"))
        #expect(TableNamePattern("*a*b*").matches("xxaxxbxx"))
        #expect(!TableNamePattern("*a*b*").matches("xxbxxaxx"))
        #expect(TableNamePattern("*").matches("anything"))
    }

    @Test func exactNamesIgnoreCase() {
        #expect(TableNamePattern("clients").matches("clients"))
        #expect(TableNamePattern("CLIENTS").matches("clients"))
        #expect(TableNamePattern("AML_*").matches("aml_alerts"))
        #expect(!TableNamePattern("clients").matches("clients_archive"))
        #expect(!TableNamePattern("clients").matches("client"))
    }
}

@Suite struct ClassificationRulesTests {
    private func table(_ name: String, source: ClassificationSource = .suggested) -> TableMetadata {
        TableMetadata(name: name, lakePath: "\(name).parquet", lakeURI: "file:///lake", format: "parquet", rowCount: 1, fileSize: 1,
                      objects: [], contentHash: name, classification: .internal, classificationSource: source,
                      scannedAt: Date(timeIntervalSince1970: 0))
    }

    private func column(_ table: String, _ name: String, position: Int, pii: PIIVerdict = .notPII) -> ColumnMetadata {
        ColumnMetadata(table: table, name: name, position: position, dataType: "string", isNullable: true,
                       profile: ColumnProfile(rowCount: 1, profiledRows: 1, nullCount: 0, distinctCount: 1, distinctMethod: .exact), pii: pii)
    }

    private let email = PIIVerdict(isPII: true, kind: .email, recognizer: "email", score: 0.99, matchedFraction: 1, reason: "e-mail addresses")

    private var clientColumns: [ColumnMetadata] {
        [column("clients", "client_id", position: 0), column("clients", "phone", position: 2, pii: email),
         column("clients", "email", position: 1, pii: email), column("accounts", "account_number", position: 0, pii: email)]
    }

    @Test func piiMeansAtLeastInternal() {
        let suggestion = ClassificationRules().suggest(table: table("clients"), columns: clientColumns)
        #expect(suggestion.level == .internal)
        #expect(suggestion.reason == "PII present (clients.email, clients.phone) ⇒ at least internal")
    }

    @Test func piiOverridesAPublicList() {
        let rules = ClassificationRules(lists: [.public: ["clients", "exchanges"]])
        let suggestion = rules.suggest(table: table("clients"), columns: clientColumns)
        #expect(suggestion.level == .internal)
        #expect(suggestion.reason == "PII present (clients.email, clients.phone) ⇒ at least internal (overrides configured list public: clients)")
    }

    @Test func reviewDecidesWhetherPIICounts() {
        var rejected = email
        rejected.status = .rejected
        var confirmed = PIIVerdict.notPII
        confirmed.status = .confirmed
        let rules = ClassificationRules(lists: [.public: ["contacts"]])
        let notCounted = rules.suggest(table: table("contacts"), columns: [column("contacts", "email", position: 0, pii: rejected)])
        #expect(notCounted.level == .public)
        let counted = rules.suggest(table: table("contacts"), columns: [column("contacts", "note", position: 0, pii: confirmed)])
        #expect(counted.level == .internal)
    }

    @Test func highestListWins() {
        let rules = ClassificationRules(lists: [.confidential: ["aml_*"], .restricted: ["aml_alerts"], .internal: ["*"]])
        let suggestion = rules.suggest(table: table("aml_alerts"), columns: [])
        #expect(suggestion.level == .restricted)
        #expect(suggestion.reason == "configured list restricted: aml_alerts (overrides configured list confidential: aml_*; configured list internal: *)")
    }

    @Test func listAbovePIIWins() {
        let rules = ClassificationRules(lists: [.confidential: ["client*"]])
        let suggestion = rules.suggest(table: table("clients"), columns: clientColumns)
        #expect(suggestion.level == .confidential)
        #expect(suggestion.reason.hasPrefix("configured list confidential: client* (overrides PII present (clients.email, clients.phone)"))
    }

    @Test func unknownDataDefaultsToInternal() {
        let suggestion = ClassificationRules(lists: [.public: ["exchanges"]]).suggest(table: table("trades"), columns: [column("trades", "side", position: 0)])
        #expect(suggestion.level == .internal && ClassificationRules.defaultLevel == .internal)
        #expect(suggestion.reason.hasPrefix("no rule matched"))
    }

    @Test func longPIIListsStayOneLine() {
        let columns = (0..<7).map { column("wide", "c\($0)", position: $0, pii: email) }
        let suggestion = ClassificationRules().suggest(table: table("wide"), columns: columns)
        #expect(suggestion.reason == "PII present (wide.c0, wide.c1, wide.c2, wide.c3, wide.c4 and 2 more) ⇒ at least internal")
    }

    @Test func suggestionsLeaveAnnotatedAndManualLevelsAlone() {
        var annotated = table("exchanges", source: .annotation)
        annotated.classification = .confidential
        let manual = table("clients", source: .manual)
        let rules = ClassificationRules(lists: [.public: ["*"]])
        let result = rules.applySuggestions(to: [annotated, manual, table("instruments")], columns: clientColumns)
        #expect(result.map(\.classification) == [.confidential, .internal, .public])
        #expect(result[2].classificationReason == "configured list public: *")
        #expect(result[1].classificationReason == "")
    }

    /// The spec's classification column, reproduced from lists for the non-internal levels
    /// and the PII rule: every table lands at the level `../shared/spec/demo-lake.md` gives it.
    @Test func demoLakeLevelsFromListsAndPII() async throws {
        let expected: [String: Classification] = [
            "exchanges": .public, "instruments": .public, "counterparties": .public, "clients": .internal, "accounts": .internal,
            "orders": .confidential, "executions": .confidential, "positions": .internal, "market_prices": .internal,
            "cash_balances": .internal, "risk_limits": .confidential, "risk_metrics": .confidential,
            "compliance_checks": .restricted, "aml_alerts": .restricted,
        ]
        let rules = ClassificationRules(lists: [
            .public: ["exchanges", "instruments", "counterparties"],
            .confidential: ["orders", "executions", "risk_*"],
            .restricted: ["compliance_*", "aml_*"],
        ])
        let catalog = try await DemoLakeProfile.catalog(scale: 1)
        #expect(catalog.tables.count == expected.count)
        for table in catalog.tables {
            let suggestion = rules.suggest(table: table, columns: catalog.columns)
            #expect(suggestion.level == expected[table.name], "\(table.name): \(suggestion.reason)")
        }
        let clients = try #require(catalog.tables.first { $0.name == "clients" })
        #expect(rules.suggest(table: clients, columns: catalog.columns).reason.hasPrefix("PII present (clients.legal_name, clients.short_name"))
    }
}
