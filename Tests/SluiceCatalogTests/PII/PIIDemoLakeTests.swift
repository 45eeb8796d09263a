import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceTestSupport
import Testing

/// Every column of the seed-42 demo lake, sampled as a scan samples it, generated once.
private let demoSamples = Task { () throws -> [ColumnSample] in
    let root = try Python.temporaryDirectory()
    let store = FolderStore(root: root.path)
    let summary = try await DemoLakeGenerator(store: store, options: .init(seed: 42, scale: 1)).generate()
    var samples: [ColumnSample] = []
    for table in summary.tables {
        samples += try await LakeColumnSamples.read(table: table.table, key: "\(table.table).parquet", from: store)
    }
    try? FileManager.default.removeItem(at: root)
    return samples
}

/// The demo lake's PII columns are fixed by its spec (demo-lake.md): the detector must
/// find exactly these, from names and values, and nothing else in the 14 tables.
@Suite struct PIIDemoLakeTests {
    static let expectedPII: [String: PIIKind] = [
        "clients.legal_name": .personName,
        "clients.short_name": .personName,
        "clients.date_of_birth": .dateOfBirth,
        "clients.email": .email,
        "clients.phone": .phone,
        "clients.relationship_manager": .personName,
        "accounts.account_number": .iban,
        "aml_alerts.assigned_to": .personName,
    ]

    @Test func exactlyTheSpecifiedColumnsArePII() async throws {
        let samples = try await demoSamples.value
        #expect(Set(samples.map(\.table)).count == 14)
        let detector = PIIDetector(referenceYear: 2026)
        var found: [String: PIIVerdict] = [:]
        var report: [String] = []
        for sample in samples {
            let verdict = detector.assess(sample)
            let name = "\(sample.table).\(sample.column)"
            if verdict.isPII { found[name] = verdict }
            report.append("\(name): \(verdict.isPII ? "PII \(verdict.kind!.rawValue)" : "-") \(verdict.score) — \(verdict.reason)")
        }
        for name in found.keys.sorted() { print("\(name): \(found[name]!.recognizer!) \(found[name]!.score) — \(found[name]!.reason)") }
        #expect(Set(found.keys) == Set(Self.expectedPII.keys), "\(report.joined(separator: "\n"))")
        for (name, kind) in Self.expectedPII {
            let verdict = try #require(found[name], "\(name) not detected")
            #expect(verdict.kind == kind, "\(name): \(verdict)")
            #expect(verdict.status == .suggested)
            #expect(verdict.score >= 0.5, "\(name): \(verdict)")
            #expect(verdict.matchedFraction > 0.5, "\(name): \(verdict)")
            #expect(verdict.recognizer != nil && !verdict.reason.isEmpty && !verdict.reason.contains("\n"))
        }
    }

    @Test func everyPIIColumnGetsTheKindsMaskingRule() async throws {
        let samples = try await demoSamples.value
        let detector = PIIDetector(referenceYear: 2026)
        let rules = Dictionary(uniqueKeysWithValues: samples.compactMap { sample -> (String, MaskingRule)? in
            let verdict = detector.assess(sample)
            guard verdict.effectiveIsPII, let kind = verdict.kind else { return nil }
            return ("\(sample.table).\(sample.column)", kind.defaultMaskingRule)
        })
        #expect(rules["clients.email"] == .maskEmail)
        #expect(rules["clients.legal_name"] == .maskName)
        #expect(rules["accounts.account_number"] == .maskAccount)
        #expect(rules["clients.phone"] == .hash)
        #expect(rules["clients.date_of_birth"] == .null)
    }

    @Test func domainsAreSensible() async throws {
        let samples = try await demoSamples.value
        let detector = PIIDetector(referenceYear: 2026)
        let inference = DomainInference()
        var domains: [String: SemanticDomain] = [:]
        for sample in samples {
            domains["\(sample.table).\(sample.column)"] = inference.domain(of: sample, pii: detector.assess(sample))
        }
        let expected: [String: String] = [
            "clients.email": "contact.email",
            "clients.phone": "contact.phone",
            "clients.legal_name": "person.name",
            "clients.date_of_birth": "person.birth_date",
            "accounts.account_number": "finance.iban",
            "instruments.isin": "finance.isin",
            "instruments.sedol": "finance.sedol",
            "instruments.bloomberg_ticker": "finance.ticker",
            "counterparties.lei": "finance.lei",
            "counterparties.credit_rating": "finance.rating",
            "orders.currency": "money.currency",
            "exchanges.country": "geo.country",
            "orders.order_id": "id.key",
            "executions.order_id": "id.reference",
            "executions.executed_at": "time.timestamp",
            "executions.settlement_date": "time.date",
            "positions.market_value": "money.amount",
            "positions.weight_pct": "measure.percent",
            "positions.quantity": "measure.quantity",
            "market_prices.close": "money.price",
            "orders.side": "category.code",
            "clients.segment": "category.label",
            "aml_alerts.narrative": "text.free",
            "instruments.issuer": "org.name",
            "exchanges.timezone": "time.zone",
            "clients.is_pep": "flag.boolean",
        ]
        var wrong: [String] = []
        for (column, name) in expected.sorted(by: { $0.key < $1.key }) where domains[column]?.name != name {
            wrong.append("\(column): expected \(name), got \(domains[column].map { "\($0.name) (\($0.evidence))" } ?? "nothing")")
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        for column in ["clients.email", "instruments.isin", "orders.currency", "orders.order_id", "executions.executed_at"] {
            #expect(domains[column]?.band == .high, "\(column): \(String(describing: domains[column]))")
        }
        for (column, domain) in domains {
            #expect(!domain.evidence.isEmpty, "\(column) has no evidence")
        }
    }

    @Test func renderedDatesAndTimestampsMatchFoundation() async throws {
        let samples = try await demoSamples.value
        let executedAt = try #require(samples.first { $0.table == "executions" && $0.column == "executed_at" })
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for value in executedAt.values.prefix(50) {
            // Foundation keeps milliseconds only: compare up to them.
            let date = try #require(formatter.date(from: String(value.prefix(23)) + "Z"), "\(value)")
            #expect(formatter.string(from: date).prefix(23) == value.prefix(23))
        }
    }
}
