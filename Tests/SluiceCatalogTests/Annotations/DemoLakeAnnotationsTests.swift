import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceTestSupport
import Testing

/// The bundled `demo-lake.yaml` against the spec (parsed from its markdown) and against
/// the generated lake itself (every KPI template run in SQLite by Python).
@Suite struct DemoLakeAnnotationsTests {
    /// The kinds the spec's PII columns hold; the spec marks the columns, the kinds follow from their content.
    static let piiKinds: [String: PIIKind] = [
        "clients.legal_name": .personName, "clients.short_name": .personName, "clients.date_of_birth": .dateOfBirth,
        "clients.email": .email, "clients.phone": .phone, "clients.relationship_manager": .personName,
        "accounts.account_number": .iban, "aml_alerts.assigned_to": .personName,
    ]

    @Test func classificationsAndPIIColumnsAreTheSpecs() throws {
        let spec = try DemoLakeMarkdown().tables
        #expect(spec.count == 14)
        let annotations = try Annotations.demoLake()
        #expect(annotations.source == "built-in demo-lake.yaml")
        #expect(annotations.tables.keys.sorted() == spec.map(\.name).sorted())
        for table in spec {
            let annotation = try #require(annotations.tables[table.name])
            #expect(annotation.classification?.rawValue == table.classification, "\(table.name)")
            let detail = try #require(annotation.detailBI, "\(table.name) has no detail_bi")
            #expect(detail.count >= 80, "\(table.name): detail_bi too short to explain the table")
            let confirmed = annotation.columns.filter { $0.value.pii == .confirmed }.keys.sorted()
            #expect(confirmed == table.piiColumns.sorted(), "\(table.name)")
            #expect(!annotation.columns.values.contains { $0.pii == .rejected }, "\(table.name)")
            for column in confirmed {
                #expect(annotation.columns[column]?.piiKind == Self.piiKinds["\(table.name).\(column)"], "\(table.name).\(column)")
            }
        }
        #expect(spec.flatMap { table in table.piiColumns.map { "\(table.name).\($0)" } }.sorted() == Self.piiKinds.keys.sorted())
    }

    @Test func relationshipsAreTheSpecsAndConfirmed() throws {
        let spec = try DemoLakeMarkdown().relationships
        #expect(spec.count == 16)
        let annotations = try Annotations.demoLake()
        #expect(annotations.relationships.map { "\($0.from) → \($0.to)" }.sorted() == spec.sorted())
        for relationship in annotations.relationships {
            #expect(relationship.status == .confirmed)
            #expect(relationship.detailBI?.isEmpty == false, "\(relationship.from) → \(relationship.to)")
        }
    }

    @Test func kpiPatternsHaveTheSpecsIdsAndTables() throws {
        let spec = try DemoLakeMarkdown().kpiPatterns
        #expect(spec.count == 10)
        let patterns = try Annotations.demoLake().kpiPatterns
        #expect(patterns.map(\.id) == spec.map(\.id))
        for (pattern, expected) in zip(patterns, spec) {
            #expect(pattern.tables == expected.tables, "\(pattern.id)")
        }
    }

    @Test func classificationListsHaveAnExample() throws {
        let lists = try Annotations.demoLake().classificationLists
        #expect(lists[.restricted]?.contains("aml_*") == true)
        #expect(lists[.restricted]?.contains("compliance_*") == true)
    }

    /// Every table and column the file names exists in the generator's schema, so applying
    /// it to a scan of the demo lake warns about nothing and confirms every PII column.
    @Test func appliesToTheGeneratorsSchemaWithoutWarnings() throws {
        var contents = CatalogContents()
        for table in DemoTable.all {
            contents.tables.append(CatalogFixtures.table(table.name, rows: 10))
            for (position, field) in table.fields.enumerated() {
                let profile = ColumnProfile(rowCount: 10, profiledRows: 10, nullCount: 0, distinctCount: 10, distinctMethod: .exact)
                contents.columns.append(CatalogFixtures.column(table.name, field.name, position, field.type.description, profile))
            }
        }
        let annotations = try Annotations.demoLake()
        #expect(annotations.apply(to: &contents) == [])
        for table in DemoTable.all {
            #expect(contents.table(named: table.name)?.classification.rawValue == table.classification, "\(table.name)")
            #expect(contents.table(named: table.name)?.classificationSource == .annotation)
        }
        let masked = contents.columns.filter(\.pii.effectiveIsPII)
        #expect(masked.map(\.qualifiedName).sorted() == Self.piiKinds.keys.sorted())
        for column in masked {
            #expect(column.maskingRule == Self.piiKinds[column.qualifiedName]?.defaultMaskingRule, "\(column.qualifiedName)")
        }
        #expect(contents.relationships.count == 16)
        #expect(contents.kpiPatterns.count == 10)
    }

    struct TemplateRun: Decodable {
        var id: String
        var error: String?
        var row_count: Int
        var tables_read: [String]
    }

    struct TemplateReport: Decodable {
        var tables: [String: Int]
        var results: [TemplateRun]
    }

    /// Each template runs in SQLite over the generated demo lake, reads exactly the tables
    /// its pattern lists (as SQLite's authorizer reports them) and returns rows.
    @Test func kpiTemplatesComputeOverTheDemoLake() async throws {
        let lake = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: lake) }
        _ = try await DemoLakeGenerator(store: FolderStore(root: lake.path), options: .init(seed: 42, scale: 1)).generate()

        let patterns = try Annotations.demoLake().kpiPatterns
        let request = try JSONSerialization.data(withJSONObject: patterns.map { ["id": $0.id, "template": $0.template] })
        let output = try Python.runTool("kpi_templates_sqlite.py", arguments: [lake.path], stdin: request)
        let report = try JSONDecoder().decode(TemplateReport.self, from: output)
        #expect(report.tables.count == 14)
        #expect(report.results.map(\.id) == patterns.map(\.id))
        for (pattern, run) in zip(patterns, report.results) {
            #expect(run.error == nil, "\(pattern.id): \(run.error ?? "")")
            #expect(run.row_count >= 1, "\(pattern.id) returned no rows")
            #expect(run.tables_read == pattern.tables.sorted(), "\(pattern.id) reads \(run.tables_read)")
        }
    }
}
