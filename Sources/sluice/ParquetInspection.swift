import Parquet

/// What `sluice parquet inspect` reports about one column chunk, shared by the
/// text and JSON forms so both always say the same thing.
struct ChunkSummary {
    let column: ColumnDescriptor
    let codec: CompressionCodec
    let encodings: [Encoding]
    let compressedSize: Int64
    let uncompressedSize: Int64
    let min: ParquetValue?
    let max: ParquetValue?
    let nullCount: Int64?
    let distinctCount: Int64?

    init(column: ColumnDescriptor, metadata: ColumnMetaData) {
        self.column = column
        codec = metadata.codec
        encodings = metadata.encodings
        compressedSize = metadata.totalCompressedSize
        uncompressedSize = metadata.totalUncompressedSize
        let bounds = metadata.statistics.map(column.statisticsBounds)
        min = bounds?.min
        max = bounds?.max
        nullCount = metadata.statistics?.nullCount
        distinctCount = metadata.statistics?.distinctCount
    }

    /// Summaries of every chunk of a row group that has metadata (the reader rejects files where one lacks it).
    static func all(in group: RowGroup, schema: ParquetSchema) -> [ChunkSummary] {
        zip(schema.columns, group.columns).compactMap { column, chunk in
            chunk.metaData.map { ChunkSummary(column: column, metadata: $0) }
        }
    }
}

/// The type facts of one schema element, in the words of the Parquet spec.
struct SchemaNodeFacts {
    let element: SchemaElement
    let isGroup: Bool

    var repetition: String? { element.repetitionType?.description }

    var physicalType: String? {
        guard !isGroup, let type = element.type else { return nil }
        return type == .fixedLenByteArray ? "\(type)(\(element.typeLength ?? 0))" : type.description
    }

    var logicalType: String? { element.logicalType?.description }

    var convertedType: String? {
        guard let converted = element.convertedType else { return nil }
        if converted == .decimal { return "DECIMAL(\(element.precision ?? 0),\(element.scale ?? 0))" }
        return converted.description
    }
}
