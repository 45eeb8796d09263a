import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceSQLite
import Testing

/// The whole scan on the demo lake, checked against `../shared/spec/demo-lake.md`.
@Suite struct DemoLakeScanTests {
    @Test func scanFindsWhatTheSpecSays() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        let spec = try DemoLakeSpecText.load()
        let (summary, catalog) = try await fixture.scan()

        #expect(summary.added.sorted() == fixture.summary.tables.map(\.table).sorted())
        #expect(summary.annotations?.contains("demo-lake") == true)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        for table in fixture.summary.tables {
            #expect(catalog.table(named: table.table)?.rowCount == table.rows, "\(table.table)")
        }
        #expect(Dictionary(uniqueKeysWithValues: catalog.tables.map { ($0.name, $0.classification.rawValue) }) == spec.classifications)
        #expect(catalog.piiColumnNames == spec.piiColumns)
        #expect(catalog.relationshipNames == spec.relationships)
        #expect(Set(catalog.kpiPatterns.map(\.id)) == spec.kpiIDs)
        #expect(summary.piiColumns == spec.piiColumns.count)
        for column in catalog.columns where column.pii.effectiveIsPII {
            #expect(column.maskingRule != nil, "\(column.qualifiedName) has no masking rule")
            #expect(column.keySketch == nil, "\(column.qualifiedName) keeps hashes of PII values")
        }
        for table in catalog.tables {
            #expect(!table.detailAgent.isEmpty && table.metadataText.contains(table.name), "\(table.name)")
            #expect(table.needsEmbedding)
        }
    }

    @Test func detectionAloneFindsThePIIAndTheRelationships() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        let spec = try DemoLakeSpecText.load()
        let (summary, catalog) = try await fixture.scan(ScanOptions(applyDemoAnnotations: false))

        #expect(summary.annotations == nil)
        #expect(catalog.kpiPatterns.isEmpty)
        #expect(catalog.piiColumnNames == spec.piiColumns)
        #expect(catalog.columns.filter(\.pii.effectiveIsPII).allSatisfy { $0.pii.status == .suggested })
        #expect(catalog.relationshipNames == spec.relationships)
        #expect(catalog.relationships.allSatisfy { $0.source == .inferred })
        for table in catalog.tables {
            #expect(table.classificationSource == .suggested)
            if catalog.columns(of: table.name).contains(where: \.pii.effectiveIsPII) {
                #expect(table.classification >= .internal, "\(table.name): PII present ⇒ at least internal")
            }
        }
    }

    /// The catalog files must not contain one raw value of a PII column, in any form SQLite keeps.
    @Test func catalogFilesHoldNoRawPII() async throws {
        let fixture = try await ScanFixture.demoLake()
        defer { fixture.remove() }
        let spec = try DemoLakeSpecText.load()
        let (_, catalog) = try await fixture.scan()

        let raw = try await rawValues(of: spec.piiColumns, in: fixture.lake)
        #expect(raw.count > 100)
        var stored = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.catalogDirectory) {
            stored.append(try Data(contentsOf: URL(fileURLWithPath: fixture.catalogDirectory).appendingPathComponent(file)))
        }
        let storedText = String(decoding: stored, as: UTF8.self)
        // Values too short to be telling (a 3-letter surname) could match unrelated text; names are checked whole.
        let leaks = raw.filter { $0.count >= 6 && storedText.contains($0) }
        #expect(leaks.isEmpty, "raw PII in the catalog files: \(leaks.sorted().prefix(10))")

        let email = try #require(catalog.columns.first { $0.qualifiedName == "clients.email" })
        #expect(email.maskingRule == .maskEmail)
        #expect(!email.profile.samples.isEmpty)
        #expect(email.profile.samples.allSatisfy { $0.contains("*") && $0.contains("@") })
        let birth = try #require(catalog.columns.first { $0.qualifiedName == "clients.date_of_birth" })
        #expect(birth.profile.samples.isEmpty && birth.profile.min == nil && birth.profile.topValues.isEmpty)
    }
}
