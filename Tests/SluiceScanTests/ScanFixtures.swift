import Foundation
import SluiceCatalog
import SluiceLake
import SluiceSQLite
import SluiceTestSupport

/// A demo lake in a temporary folder and an empty catalog beside it.
struct ScanFixture {
    let root: URL
    let lake: FolderStore
    let catalogDirectory: String
    let summary: DemoLakeSummary

    static func demoLake(scale: Int = 1, rowGroupSize: Int? = nil) async throws -> ScanFixture {
        let root = try Python.temporaryDirectory()
        let lakeFolder = root.appendingPathComponent("lake").path
        try FileManager.default.createDirectory(atPath: lakeFolder, withIntermediateDirectories: true)
        let lake = FolderStore(root: lakeFolder)
        var options = DemoLakeGenerator.Options(seed: 42, scale: scale)
        if let rowGroupSize { options.parquet.rowGroupSize = rowGroupSize }
        let summary = try await DemoLakeGenerator(store: lake, options: options).generate()
        return ScanFixture(root: root, lake: lake, catalogDirectory: root.appendingPathComponent("state").path, summary: summary)
    }

    func store() throws -> SQLiteCatalogStore {
        try SQLiteCatalogStore(directory: catalogDirectory)
    }

    func scan(_ options: ScanOptions = .init()) async throws -> (ScanSummary, CatalogContents) {
        let catalog = try store()
        let summary = try await CatalogScanner(lake: lake, store: catalog, options: options).scan()
        return (summary, try await catalog.load())
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

extension CatalogContents {
    /// `table.column` of every column that counts as PII now.
    var piiColumnNames: Set<String> {
        Set(columns.filter(\.pii.effectiveIsPII).map(\.qualifiedName))
    }

    /// Relationships that are not rejected, as `from.col → to.col`.
    var relationshipNames: Set<String> {
        Set(relationships.filter { $0.status != .rejected }.map(\.description))
    }
}

/// Every raw string value of the given columns, read from the lake: what must never reach the catalog.
func rawValues(of columns: Set<String>, in lake: any ObjectStore) async throws -> Set<String> {
    var values = Set<String>()
    let byTable = Dictionary(grouping: columns.map { try! ColumnReference(parsing: $0) }, by: \.table)
    for (table, references) in byTable {
        let reader = try await LakeFileReader.open("\(table).parquet", in: lake)
        for try await batch in reader.remainingBatches {
            for reference in references {
                guard let column = batch.column(named: reference.column) else { continue }
                switch column.values {
                case let .bytes(strings):
                    for row in 0..<strings.count where !column.isNull(row) { values.insert(strings.string(at: row)) }
                case let .int(days) where column.field.type == .date:
                    for row in 0..<days.count where !column.isNull(row) {
                        let date = Date(timeIntervalSince1970: TimeInterval(days[row]) * 86_400)
                        values.insert(date.formatted(.iso8601.year().month().day()))
                    }
                default:
                    continue
                }
            }
        }
    }
    return values
}
