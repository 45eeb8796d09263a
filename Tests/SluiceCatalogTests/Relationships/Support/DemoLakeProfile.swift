import Foundation
import SluiceCatalog
import SluiceCore
import SluiceLake
import SluiceTestSupport

/// A test-only stand-in for the profiler: generates the demo lake, reads every table and
/// computes the statistics relationship inference relies on (exact distinct counts,
/// uniqueness, min/max, top values, the distinct values for key sketches). It will give way
/// to the real profiler; tests use only the fields the inference contract names.
struct DemoLakeProfile: Sendable {
    /// The spec's PII columns (`../shared/spec/demo-lake.md`): no sketch, no top values.
    static let piiColumns: Set<String> = [
        "clients.legal_name", "clients.short_name", "clients.date_of_birth", "clients.email", "clients.phone",
        "clients.relationship_manager", "accounts.account_number", "aml_alerts.assigned_to",
    ]

    let tables: [TableMetadata]
    let columns: [ProfiledColumn]

    /// The catalog with key sketches of `capacity` (the default is the product's).
    func catalog(sketchCapacity capacity: Int = KeySketch.defaultCapacity) -> (tables: [TableMetadata], columns: [ColumnMetadata]) {
        (tables, columns.map { $0.sketched(capacity: capacity) })
    }

    /// The demo lake of seed 42 at `scale`, generated and profiled once per test process.
    static func load(scale: Int) async throws -> DemoLakeProfile {
        try await cache.profile(scale: scale)
    }

    private static let cache = Cache()

    private actor Cache {
        var tasks: [Int: Task<DemoLakeProfile, any Error>] = [:]

        func profile(scale: Int) async throws -> DemoLakeProfile {
            if let task = tasks[scale] { return try await task.value }
            let task = Task { try await DemoLakeProfile.generate(scale: scale) }
            tasks[scale] = task
            return try await task.value
        }
    }

    private static func generate(scale: Int) async throws -> DemoLakeProfile {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = FolderStore(root: folder.path)
        _ = try await DemoLakeGenerator(store: store, options: .init(seed: 42, scale: scale)).generate()
        var objectsByTable: [String: [ObjectInfo]] = [:]
        for try await object in store.list(prefix: "") where object.key.hasSuffix(".parquet") {
            let table = String(object.key.split(separator: "/").first ?? "").replacingOccurrences(of: ".parquet", with: "")
            objectsByTable[table, default: []].append(object)
        }
        var tables: [TableMetadata] = []
        var columns: [ProfiledColumn] = []
        for (name, objects) in objectsByTable.sorted(by: { $0.key < $1.key }) {
            let (table, tableColumns) = try await profileTable(name, objects: objects, store: store)
            tables.append(table)
            columns += tableColumns
        }
        return DemoLakeProfile(tables: tables, columns: columns)
    }

    private static func profileTable(_ name: String, objects: [ObjectInfo], store: FolderStore) async throws -> (TableMetadata, [ProfiledColumn]) {
        var fields: [Field] = []
        var values: [[String?]] = []
        for object in objects {
            let reader = try await LakeFileReader.open(object.key, in: store)
            if fields.isEmpty {
                fields = reader.fields
                values = Array(repeating: [], count: fields.count)
            }
            for try await batch in reader.remainingBatches {
                for (index, column) in batch.columns.enumerated() {
                    values[index] += (0..<column.count).map { column.isNull($0) ? nil : text(column, row: $0) }
                }
            }
        }
        let rowCount = values.first?.count ?? 0
        let table = TableMetadata(
            name: name, lakePath: objects.count == 1 && !objects[0].key.contains("/") ? objects[0].key : "\(name)/",
            lakeURI: store.location, format: "parquet", rowCount: rowCount, fileSize: objects.reduce(0) { $0 + $1.size },
            objects: objects.map { LakeObjectRef(key: $0.key, size: $0.size, etag: $0.etag) },
            contentHash: objects.map { "\($0.key):\($0.size)" }.joined(separator: ","), scannedAt: Date())
        let columns = fields.enumerated().map { position, field in
            ProfiledColumn(table: name, name: field.name, position: position, type: field.type,
                           values: values[position], isPII: piiColumns.contains("\(name).\(field.name)"))
        }
        return (table, columns)
    }

    /// Integers and dates as ``ColumnProfile`` renders them (`42`, `2024-01-31`); the other
    /// types need text only for min/max, which relationship inference reads for integers alone.
    private static func text(_ column: Column, row: Int) -> String {
        switch column.values {
        case let .int(values): column.field.type == .date ? isoDate(daysSinceEpoch: values[row]) : String(values[row])
        case let .double(values): String(values[row])
        case let .boolean(values): String(values[row])
        case let .bytes(values): values.string(at: row)
        }
    }

    /// `2024-01-31` for days since 1970-01-01 (the civil-from-days algorithm of H. Hinnant).
    private static func isoDate(daysSinceEpoch days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", Int(year), Int(month), Int(day))
    }
}
