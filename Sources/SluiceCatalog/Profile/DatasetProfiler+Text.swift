import SluiceCore
import SluiceLake

extension DatasetProfiler {
    /// CSV, TSV and JSON: parts in key order, batch by batch, until the sample is reached.
    /// Types are what ``SluiceLake/LakeFileReader`` infers, per file; parts must agree.
    func profileText(_ dataset: DiscoveredDataset) async throws -> DatasetProfile {
        var readOptions = options.textReadOptions
        if let limit = options.sampleRows {
            // Smaller batches keep a small sample from parsing a whole default batch.
            readOptions.csv.batchRows = min(readOptions.csv.batchRows, max(limit, 1))
            readOptions.json.batchRows = min(readOptions.json.batchRows, max(limit, 1))
        }
        var fields: [Field] = []
        var accumulators: [any ColumnAccumulator] = []
        var partitions = PartitionAccumulators(fields: [], options: options)
        var rowsRead = 0
        var readEverything = true

        for (position, object) in dataset.objects.enumerated() {
            if let limit = options.sampleRows, rowsRead >= limit, position > 0 {
                readEverything = false
                break
            }
            let reader = try await unreadable(dataset, object.key) {
                try await LakeFileReader.open(object.key, in: store, options: readOptions)
            }
            if position == 0 {
                fields = reader.fields
                accumulators = fields.map { ColumnAccumulators.make(for: $0.type, options: options) }
                partitions = PartitionAccumulators(fields: partitionFields(of: dataset, fileFields: fields), options: options)
            } else {
                try checkFields(reader.fields, of: object.key, against: fields, firstFile: dataset.objects[0].key, dataset: dataset)
            }
            var fileRows = 0
            while true {
                if let limit = options.sampleRows, rowsRead >= limit {
                    // Whether rows remain is unknown without reading on, so the count is a lower bound.
                    readEverything = false
                    break
                }
                guard let batch = try await unreadable(dataset, object.key, { try await reader.next() }) else { break }
                for index in accumulators.indices { accumulators[index].add(batch.columns[index]) }
                fileRows += batch.rowCount
                rowsRead += batch.rowCount
            }
            partitions.add(rows: fileRows, of: object.key, in: dataset)
        }

        var columns = zip(fields, accumulators).map { field, accumulator in
            ColumnProfileAssembly.column(field: field, isPartitionKey: false, table: dataset.name, rowCount: rowsRead,
                                         data: accumulator.statistics(), footer: nil)
        }
        columns += partitions.columns(table: dataset.name, rowCount: rowsRead)
        return DatasetProfile(dataset: dataset, rowCount: rowsRead, columns: columns, rowsRead: rowsRead,
                              isRowCountExact: readEverything)
    }
}
