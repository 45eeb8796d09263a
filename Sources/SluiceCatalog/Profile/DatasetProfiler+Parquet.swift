import Parquet
import SluiceCore
import SluiceLake

extension DatasetProfiler {
    /// Footers first (every file), then row groups in key order until the sample is reached.
    func profileParquet(_ dataset: DiscoveredDataset) async throws -> DatasetProfile {
        let readers = try await openFooters(of: dataset)
        for (object, reader) in zip(dataset.objects, readers).dropFirst() {
            try checkFields(reader.fields, of: object.key, against: readers[0].fields, firstFile: dataset.objects[0].key, dataset: dataset)
        }
        guard let first = readers.first else {
            return DatasetProfile(dataset: dataset, rowCount: 0, columns: [], rowsRead: 0)
        }
        let fields = first.fields
        let footers = fields.map { field in footerStatistics(of: field, in: readers) }
        let rowCount = readers.reduce(0) { $0 + $1.rowCount }

        var accumulators = fields.map { ColumnAccumulators.make(for: $0.type, options: options) }
        var partitions = PartitionAccumulators(fields: partitionFields(of: dataset, fileFields: fields), options: options)
        var rowsRead = 0
        for (object, reader) in zip(dataset.objects, readers) {
            partitions.add(rows: reader.rowCount, of: object.key, in: dataset)
            for group in 0..<reader.rowGroupCount {
                if let limit = options.sampleRows, rowsRead >= limit { break }
                let batch = try await unreadable(dataset, object.key) { try await reader.readRowGroup(group) }
                for index in accumulators.indices { accumulators[index].add(batch.columns[index]) }
                rowsRead += batch.rowCount
            }
        }

        var columns = zip(fields, zip(accumulators, footers)).map { field, state in
            ColumnProfileAssembly.column(field: field, isPartitionKey: false, table: dataset.name, rowCount: rowCount,
                                         data: state.0.statistics(), footer: state.1)
        }
        columns += partitions.columns(table: dataset.name, rowCount: rowCount)
        var unsupported: [String] = []
        for reader in readers {
            for column in reader.skippedColumns where !unsupported.contains(column.description) {
                unsupported.append(column.description)
            }
        }
        return DatasetProfile(dataset: dataset, rowCount: rowCount, columns: columns, rowsRead: rowsRead,
                              isRowCountExact: true, unsupportedColumns: unsupported)
    }

    /// Footers opened at once: on S3 each is a round trip, and a dataset may have hundreds of parts.
    static let footerConcurrency = 8

    /// Every part's footer, in the order of the dataset's objects.
    private func openFooters(of dataset: DiscoveredDataset) async throws -> [ParquetBatchReader] {
        try await withThrowingTaskGroup(of: (Int, ParquetBatchReader).self) { group in
            var readers = [ParquetBatchReader?](repeating: nil, count: dataset.objects.count)
            for (index, object) in dataset.objects.enumerated() {
                if index >= Self.footerConcurrency, let (done, reader) = try await group.next() { readers[done] = reader }
                group.addTask {
                    let reader = try await unreadable(dataset, object.key) {
                        try await ParquetBatchReader.open(try await byteSource(for: object, in: dataset), options: .init(skipUnsupportedColumns: true))
                    }
                    return (index, reader)
                }
            }
            for try await (done, reader) in group { readers[done] = reader }
            return readers.map { $0! }
        }
    }

    /// Opening a Parquet file reads its last 64 KiB for the footer, so a file that small is
    /// read whole by that first read anyway: fetch it once and serve row groups from memory
    /// rather than fetch their bytes a second time. Larger files are read by ranges. The
    /// listing gave the size either way, so no HEAD request is needed.
    ///
    /// Every part's reader lives until the dataset is profiled, so files are kept in memory
    /// only while the whole dataset fits ``wholeDatasetMemoryBudget``; past it (thousands of
    /// tiny parts) small files are read by ranges like large ones.
    private func byteSource(for object: LakeObjectRef, in dataset: DiscoveredDataset) async throws -> any RandomAccessByteSource {
        let remote = ObjectByteSource(store: store, key: object.key, size: object.size)
        guard object.size <= Self.wholeObjectReadLimit, dataset.totalSize <= Self.wholeDatasetMemoryBudget else { return remote }
        return InMemoryByteSource(try await store.get(object.key), name: remote.name)
    }

    /// The Parquet reader's first footer read (`ParquetFileReader.initialTailRead`).
    static let wholeObjectReadLimit = 64 * 1024
    static let wholeDatasetMemoryBudget = 64 << 20

    /// The footer statistics of `field` over every row group of every file.
    private func footerStatistics(of field: Field, in readers: [ParquetBatchReader]) -> FooterColumnStatistics {
        var statistics = FooterColumnStatistics(type: field.type)
        for reader in readers {
            // Batch fields are named by the leaf's dotted path and checked equal across files.
            guard let leaf = reader.file.schema.columns.first(where: { $0.name == field.name }) else { continue }
            for (group, rowGroup) in reader.file.metadata.rowGroups.enumerated() {
                statistics.add(reader.file.statistics(rowGroup: group, column: leaf.index), rows: rowGroup.numRows, descriptor: leaf)
            }
        }
        return statistics
    }

    /// Runs `body`, turning any error into ``DatasetProfileError/unreadable(dataset:file:reason:)``.
    func unreadable<T>(_ dataset: DiscoveredDataset, _ file: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatasetProfileError {
            throw error
        } catch {
            throw DatasetProfileError.unreadable(dataset: dataset.name, file: file, reason: String(describing: error))
        }
    }
}
