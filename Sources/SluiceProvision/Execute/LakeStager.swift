import SluiceCatalog
import SluiceCore
import SluiceGovernance
import SluiceLake

/// Copies one source table's needed columns from the lake into its staging table, object by
/// object and batch by batch, so memory holds one batch. Partition key columns, which live in
/// `key=value` folder names rather than in the files, are added as text from each object's key.
///
/// Before reading an object it checks that the object is still the one the catalog scanned
/// (same size, and same ETag when the store gives one): the classification and PII flags
/// the compiler relied on were judged on that version, and lineage records it.
struct LakeStager {
    let warehouse: any Warehouse
    let openLake: ProvisionExecutor.LakeOpener
    let progress: ProvisionExecutor.Progress?
    /// The catalog's row count, for progress.
    let expectedRows: Int

    /// Creates the staging table and fills it; returns the rows staged and one lineage source per object.
    ///
    /// - Throws: ``StagingError`` naming the object and what went wrong; `CancellationError`
    ///   between batches when the task is cancelled.
    func stage(_ table: StagingTable) async throws -> (rows: Int, sources: [LineageSource]) {
        try await warehouse.createStagingTable(table)
        let store: any ObjectStore
        do {
            store = try openLake(table.lakeURI)
        } catch {
            throw StagingError(message: "\(table.sourceTable): cannot open its lake \(table.lakeURI): \(error)")
        }
        var rows = 0
        var sources: [LineageSource] = []
        for object in table.objects {
            try Task.checkCancellation()
            let uri = Self.uri(of: object.key, in: table.lakeURI)
            do {
                let info = try await store.head(object.key)
                guard info.size == object.size, object.etag == nil || info.etag == object.etag else {
                    throw StagingError(message: "it changed since the catalog scanned it (now \(info.size) bytes, ETag \(info.etag ?? "none"); scanned \(object.size) bytes, ETag \(object.etag ?? "none")): run `sluice scan` and ask again")
                }
                let reader = try await LakeFileReader.open(object.key, in: store)
                let projection = try Projection(table: table, fileFields: reader.fields, objectKey: object.key)
                while let batch = try await reader.next() {
                    try Task.checkCancellation()
                    rows += try await warehouse.appendStaging(table, batch: try projection.apply(to: batch))
                    progress?(.staged(table: table.sourceTable, rows: rows, expected: expectedRows))
                }
                sources.append(LineageSource(table: table.sourceTable, uri: uri, etag: info.etag ?? object.etag,
                                             contentHash: table.contentHash, size: info.size, columns: table.columns.map(\.name)))
            } catch let error as CancellationError {
                throw error
            } catch {
                throw StagingError(message: "\(table.sourceTable) from \(uri): \(error)")
            }
        }
        return (rows, sources)
    }

    /// The lake location joined with an object key: `file:///data/lake/positions.parquet`.
    static func uri(of key: String, in lakeURI: String) -> String {
        lakeURI.hasSuffix("/") ? lakeURI + key : lakeURI + "/" + key
    }

    /// Where each staging column comes from in one object: a column of the file, or a
    /// partition value from the object's key (the file wins when it has the column, as in the catalog).
    private struct Projection {
        enum Source {
            case file(index: Int)
            case partition(value: String?)
        }

        let fields: [Field]
        let sources: [Source]

        init(table: StagingTable, fileFields: [Field], objectKey: String) throws {
            let partitionValues = Self.partitionValues(of: objectKey, keys: table.partitionKeys)
            var fields: [Field] = []
            var sources: [Source] = []
            for column in table.columns {
                if let index = fileFields.firstIndex(where: { $0.name == column.name }) {
                    fields.append(fileFields[index])
                    sources.append(.file(index: index))
                } else if let position = table.partitionKeys.firstIndex(of: column.name) {
                    fields.append(Field(column.name, .string, nullable: true))
                    sources.append(.partition(value: partitionValues[position]))
                } else {
                    let available = fileFields.map(\.name) + table.partitionKeys
                    throw StagingError(message: "it has no column \(column.name) (it has \(available.joined(separator: ", "))): run `sluice scan` if the file changed")
                }
            }
            self.fields = fields
            self.sources = sources
        }

        func apply(to batch: RecordBatch) throws -> RecordBatch {
            try RecordBatch(columns: zip(fields, sources).map { field, source in
                switch source {
                case let .file(index):
                    return batch.columns[index]
                case let .partition(value):
                    let values = ByteColumn(strings: repeatElement(value ?? "", count: batch.rowCount))
                    return try Column(field: field, values: .bytes(values),
                                      validity: value == nil ? Array(repeating: false, count: batch.rowCount) : nil)
                }
            })
        }

        /// The values of `keys` in the `key=value` folders of `objectKey`, read by the catalog's
        /// own rule (percent-decoded; Hive's default partition is null).
        private static func partitionValues(of objectKey: String, keys: [String]) -> [String?] {
            guard !keys.isEmpty else { return [] }
            let dataset = DiscoveredDataset(name: "staging", lakePath: "", format: .parquet, objects: [], partitionKeys: keys)
            return dataset.partitionValues(of: objectKey)
        }
    }
}

/// Why staging a lake object failed, naming the table and the object.
struct StagingError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
