import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceTestSupport
import Testing

@Suite struct AnnotationsParsingTests {
    static let complete = """
        version: 1
        classification_lists:
          restricted: [aml_*, "compliance_*"]
        tables:
          orders:
            classification: confidential
            detail_bi: >-
              One row per client order,
              with its latest status.
            columns:
              side:
                detail_bi: BUY or SELL.
              trader:
                pii: confirmed
                pii_kind: person_name
                masking_rule: hash
              broker_name:
                pii: rejected
        relationships:
          - from: orders.account_id
            to: accounts.account_id
            detail_bi: The account an order trades for.
          - from: orders.side
            to: sides.code
            status: rejected
        kpi_patterns:
          - id: order_count
            name: Orders per side
            description: How many orders per side.
            tables: [orders]
            template: |
              SELECT side, COUNT(*) FROM orders
              GROUP BY side
        """

    @Test func readsEverySection() throws {
        let annotations = try Annotations.parse(yaml: Self.complete, source: "lake.yaml")
        #expect(annotations.source == "lake.yaml")
        #expect(annotations.classificationLists == [.restricted: ["aml_*", "compliance_*"]])
        let orders = try #require(annotations.tables["orders"])
        #expect(orders.classification == .confidential)
        #expect(orders.detailBI == "One row per client order, with its latest status.")
        #expect(orders.columns["side"] == ColumnAnnotation(detailBI: "BUY or SELL."))
        #expect(orders.columns["trader"] == ColumnAnnotation(pii: .confirmed, piiKind: .personName, maskingRule: .hash))
        #expect(orders.columns["broker_name"] == ColumnAnnotation(pii: .rejected))
        #expect(annotations.relationships == [
            RelationshipAnnotation(from: ColumnReference(table: "orders", column: "account_id"),
                                   to: ColumnReference(table: "accounts", column: "account_id"),
                                   status: .confirmed, detailBI: "The account an order trades for."),
            RelationshipAnnotation(from: ColumnReference(table: "orders", column: "side"),
                                   to: ColumnReference(table: "sides", column: "code"), status: .rejected),
        ])
        #expect(annotations.kpiPatterns == [
            KPIPattern(id: "order_count", name: "Orders per side", description: "How many orders per side.",
                       tables: ["orders"], template: "SELECT side, COUNT(*) FROM orders\nGROUP BY side"),
        ])
    }

    @Test func emptyFileIsNoAnnotations() throws {
        #expect(try Annotations.parse(yaml: "# nothing yet\n", source: "a.yaml") == Annotations(source: "a.yaml"))
    }

    @Test func loadReadsAFileAndNamesAMissingOne() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lake.yaml").path
        try Self.complete.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Annotations.load(path: path) == Annotations.parse(yaml: Self.complete, source: path))

        let missing = folder.appendingPathComponent("missing.yaml").path
        let error = try #require(throws: CatalogError.self) { try Annotations.load(path: missing) }
        guard case let .invalidAnnotations(file, field, reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == missing && field == nil && reason.hasPrefix("cannot be read"))
    }

    // MARK: Strictness: every mistake names the file, the field and the line.

    @Test(arguments: [
        // (YAML, field, start of the reason, line)
        ("tables:\n  orders:\n    clasification: public\n", "tables.orders.clasification",
         "unknown key \"clasification\"; expected one of classification, detail_bi, columns", 3),
        ("tables:\n  orders:\n    classification: secret\n", "tables.orders.classification",
         "unknown classification \"secret\"; expected one of public, internal, confidential, restricted", 3),
        ("tables:\n  orders:\n    columns:\n      side:\n        pii: maybe\n", "tables.orders.columns.side.pii",
         "unknown PII review \"maybe\"; expected one of confirmed, rejected", 5),
        ("tables:\n  orders:\n    columns:\n      side:\n        pii: suggested\n", "tables.orders.columns.side.pii",
         "unknown PII review \"suggested\"", 5),
        ("tables:\n  t:\n    columns:\n      c:\n        pii: confirmed\n        pii_kind: passport\n", "tables.t.columns.c.pii_kind",
         "unknown PII kind \"passport\"", 6),
        ("tables:\n  t:\n    columns:\n      c:\n        pii: confirmed\n        masking_rule: blur\n", "tables.t.columns.c.masking_rule",
         "unknown masking rule \"blur\"; expected one of mask_name, mask_account, mask_isin, mask_email, hash, null", 6),
        ("tables:\n  t:\n    columns:\n      c:\n        pii_kind: email\n", "tables.t.columns.c.pii_kind",
         "pii_kind needs `pii: confirmed` on the same column", 5),
        ("tables:\n  t:\n    columns:\n      c:\n        pii: rejected\n        masking_rule: hash\n", "tables.t.columns.c.masking_rule",
         "masking_rule needs `pii: confirmed`", 6),
        ("tables:\n  t:\n    detail_bi: 2024\n", "tables.t.detail_bi", "expected text, found the number 2024", 3),
        ("tables:\n  t:\n    detail_bi:\n", "tables.t.detail_bi", "expected text, found nothing", 3),
        ("tables:\n  t:\n    columns: [a, b]\n", "tables.t.columns", "expected a mapping", 3),
        ("tables: [orders]\n", "tables", "expected a mapping", 1),
        ("relationships:\n  - from: orders\n    to: accounts.account_id\n", "relationships[0].from",
         "\"orders\" is not in `table.column` form", 2),
        ("relationships:\n  - from: a.b\n    to: c.d.e\n", "relationships[0].to", "\"c.d.e\" is not in `table.column` form", 3),
        ("relationships:\n  - from: a.b\n", "relationships[0]", "missing `to: table.column`", 2),
        ("relationships:\n  - from: a.b\n    to: c.d\n  - from: a.b\n    to: c.d\n", "relationships[1]", "a.b → c.d is declared twice", 4),
        ("relationships:\n  from: a.b\n", "relationships", "expected a list", 2),
        ("kpi_patterns:\n  - id: k\n    name: K\n    description: D\n    tables: [t]\n", "kpi_patterns[0]", "missing `template`", 2),
        ("kpi_patterns:\n  - id: K-1\n    name: K\n    description: D\n    tables: [t]\n    template: SELECT 1\n", "kpi_patterns[0]",
         "id \"K-1\" must be lower-case letters, digits and `_`", 2),
        ("kpi_patterns:\n  - id: k\n    name: K\n    description: D\n    tables: []\n    template: SELECT 1\n", "kpi_patterns[0].tables",
         "must name at least one table", 5),
        ("kpi_patterns:\n  - id: k\n    name: K\n    description: D\n    tables: t\n    template: SELECT 1\n", "kpi_patterns[0].tables",
         "expected a list", 5),
        ("classification_lists:\n  secret: [x_*]\n", "classification_lists.secret", "unknown classification \"secret\"", 2),
        ("version: 2\n", "version", "unknown format version", 1),
        ("tabels:\n  t: {}\n", "tabels", "unknown key \"tabels\"", 1),
    ])
    func rejectsWithFieldAndLine(yaml: String, field: String, reason: String, line: Int) throws {
        let error = try #require(throws: CatalogError.self) { try Annotations.parse(yaml: yaml, source: "lake.yaml") }
        guard case let .invalidAnnotations(file, actualField, actualReason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "lake.yaml")
        #expect(actualField == field)
        #expect(actualReason.hasPrefix(reason), "\(actualReason)")
        #expect(actualReason.hasSuffix("(line \(line))"), "\(actualReason)")
        #expect(error.description.hasPrefix("annotations file lake.yaml: \(field): "))
    }

    @Test func reportsYAMLSyntaxAndDuplicateKeysWithTheirLine() throws {
        let syntax = try #require(throws: CatalogError.self) {
            try Annotations.parse(yaml: "tables:\n  t:\n    detail_bi: \"unterminated\n", source: "bad.yaml")
        }
        guard case let .invalidAnnotations("bad.yaml", nil, reason) = syntax else {
            Issue.record("unexpected \(syntax)")
            return
        }
        #expect(reason.hasPrefix("not valid YAML") && reason.contains("(line "), "\(reason)")

        let duplicate = try #require(throws: CatalogError.self) {
            try Annotations.parse(yaml: "tables:\n  t:\n    detail_bi: a\n    detail_bi: b\n", source: "dup.yaml")
        }
        guard case let .invalidAnnotations("dup.yaml", nil, duplicateReason) = duplicate else {
            Issue.record("unexpected \(duplicate)")
            return
        }
        #expect(duplicateReason.hasPrefix("key \"detail_bi\" appears twice"), "\(duplicateReason)")
        #expect(duplicateReason.hasSuffix("(line 3)"), "\(duplicateReason)")
    }
}
