// Thrift coding of `FileMetaData`, the footer, and the row group and column
// chunk structs under it. The schema's coding is in SchemaCoding.swift.

/// Field 8, `encryption_algorithm`, is only noted: this implementation reads no
/// encrypted files, but must tell them apart to refuse them clearly. When
/// ``FileMetaData/isEncrypted`` is set, the encoder writes an empty `AES_GCM_V1`
/// member there, which keeps the flag through a round trip.
extension FileMetaData: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var version: Int32?
        var schema: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [RowGroup]?
        var keyValueMetadata: [KeyValue]?
        var createdBy: String?
        var columnOrders: [ColumnOrder]?
        var isEncrypted = false
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list): schema = try reader.readList(of: .struct, "FileMetaData.schema") { try SchemaElement(thrift: &$0) }
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): rowGroups = try reader.readList(of: .struct, "FileMetaData.row_groups") { try RowGroup(thrift: &$0) }
            case (5, .list): keyValueMetadata = try reader.readList(of: .struct, "FileMetaData.key_value_metadata") { try KeyValue(thrift: &$0) }
            case (6, .binary): createdBy = try reader.readString()
            case (7, .list): columnOrders = try reader.readList(of: .struct, "FileMetaData.column_orders") { try ColumnOrder(thrift: &$0) }
            case (8, _):
                try reader.skip(field)
                isEncrypted = true
            default: try reader.skip(field)
            }
        }
        self.init(
            version: try requiredField(version, "FileMetaData.version"),
            schema: try requiredField(schema, "FileMetaData.schema"),
            numRows: try requiredField(numRows, "FileMetaData.num_rows"),
            rowGroups: try requiredField(rowGroups, "FileMetaData.row_groups"),
            keyValueMetadata: keyValueMetadata, createdBy: createdBy, columnOrders: columnOrders,
            isEncrypted: isEncrypted
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, version)
        writer.writeList(2, schema)
        writer.writeI64(3, numRows)
        writer.writeList(4, rowGroups)
        writer.writeList(5, keyValueMetadata)
        writer.writeString(6, createdBy)
        writer.writeList(7, columnOrders)
        if isEncrypted { writer.writeStruct(8) { $0.writeEmptyStruct(1) } }
    }
}

extension RowGroup: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var columns: [ColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        var sortingColumns: [SortingColumn]?
        var fileOffset: Int64?
        var totalCompressedSize: Int64?
        var ordinal: Int16?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .list): columns = try reader.readList(of: .struct, "RowGroup.columns") { try ColumnChunk(thrift: &$0) }
            case (2, .i64): totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): sortingColumns = try reader.readList(of: .struct, "RowGroup.sorting_columns") { try SortingColumn(thrift: &$0) }
            case (5, .i64): fileOffset = try reader.readI64()
            case (6, .i64): totalCompressedSize = try reader.readI64()
            case (7, .i16): ordinal = try reader.readI16()
            default: try reader.skip(field)
            }
        }
        self.init(
            columns: try requiredField(columns, "RowGroup.columns"),
            totalByteSize: try requiredField(totalByteSize, "RowGroup.total_byte_size"),
            numRows: try requiredField(numRows, "RowGroup.num_rows"),
            sortingColumns: sortingColumns, fileOffset: fileOffset, totalCompressedSize: totalCompressedSize,
            ordinal: ordinal
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeList(1, columns)
        writer.writeI64(2, totalByteSize)
        writer.writeI64(3, numRows)
        writer.writeList(4, sortingColumns)
        writer.writeI64(5, fileOffset)
        writer.writeI64(6, totalCompressedSize)
        writer.writeI16(7, ordinal)
    }
}

/// Fields 8 (`crypto_metadata`) and 9 (`encrypted_column_metadata`) are only
/// noted, as for the footer. When ``ColumnChunk/isEncrypted`` is set, the
/// encoder writes an `ENCRYPTION_WITH_FOOTER_KEY` member in field 8.
extension ColumnChunk: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var filePath: String?
        var fileOffset: Int64?
        var metaData: ColumnMetaData?
        var offsetIndexOffset: Int64?
        var offsetIndexLength: Int32?
        var columnIndexOffset: Int64?
        var columnIndexLength: Int32?
        var isEncrypted = false
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .binary): filePath = try reader.readString()
            case (2, .i64): fileOffset = try reader.readI64()
            case (3, .struct): metaData = try ColumnMetaData(thrift: &reader)
            case (4, .i64): offsetIndexOffset = try reader.readI64()
            case (5, .i32): offsetIndexLength = try reader.readI32()
            case (6, .i64): columnIndexOffset = try reader.readI64()
            case (7, .i32): columnIndexLength = try reader.readI32()
            case (8, _), (9, _):
                try reader.skip(field)
                isEncrypted = true
            default: try reader.skip(field)
            }
        }
        self.init(
            filePath: filePath, fileOffset: try requiredField(fileOffset, "ColumnChunk.file_offset"),
            metaData: metaData, offsetIndexOffset: offsetIndexOffset, offsetIndexLength: offsetIndexLength,
            columnIndexOffset: columnIndexOffset, columnIndexLength: columnIndexLength, isEncrypted: isEncrypted
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeString(1, filePath)
        writer.writeI64(2, fileOffset)
        writer.writeStruct(3, metaData)
        writer.writeI64(4, offsetIndexOffset)
        writer.writeI32(5, offsetIndexLength)
        writer.writeI64(6, columnIndexOffset)
        writer.writeI32(7, columnIndexLength)
        if isEncrypted { writer.writeStruct(8) { $0.writeEmptyStruct(1) } }
    }
}

/// Fields 16 (`size_statistics`) and 17 (`geospatial_statistics`) are skipped.
extension ColumnMetaData: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var type: PhysicalType?
        var encodings: [Encoding]?
        var pathInSchema: [String]?
        var codec: CompressionCodec?
        var numValues: Int64?
        var totalUncompressedSize: Int64?
        var totalCompressedSize: Int64?
        var keyValueMetadata: [KeyValue]?
        var dataPageOffset: Int64?
        var indexPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: Statistics?
        var encodingStats: [PageEncodingStats]?
        var bloomFilterOffset: Int64?
        var bloomFilterLength: Int32?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): type = try reader.readEnum(PhysicalType.self, "ColumnMetaData.type", "physical type")
            case (2, .list):
                encodings = try reader.readList(of: .i32, "ColumnMetaData.encodings") { Encoding(rawValue: try $0.readI32()) }
            case (3, .list): pathInSchema = try reader.readList(of: .binary, "ColumnMetaData.path_in_schema") { try $0.readString() }
            case (4, .i32): codec = try reader.readEnum(CompressionCodec.self, "ColumnMetaData.codec", "compression codec")
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): totalUncompressedSize = try reader.readI64()
            case (7, .i64): totalCompressedSize = try reader.readI64()
            case (8, .list):
                keyValueMetadata = try reader.readList(of: .struct, "ColumnMetaData.key_value_metadata") { try KeyValue(thrift: &$0) }
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (10, .i64): indexPageOffset = try reader.readI64()
            case (11, .i64): dictionaryPageOffset = try reader.readI64()
            case (12, .struct): statistics = try Statistics(thrift: &reader)
            case (13, .list):
                encodingStats = try reader.readList(of: .struct, "ColumnMetaData.encoding_stats") { try PageEncodingStats(thrift: &$0) }
            case (14, .i64): bloomFilterOffset = try reader.readI64()
            case (15, .i32): bloomFilterLength = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        self.init(
            type: try requiredField(type, "ColumnMetaData.type"),
            encodings: try requiredField(encodings, "ColumnMetaData.encodings"),
            pathInSchema: try requiredField(pathInSchema, "ColumnMetaData.path_in_schema"),
            codec: try requiredField(codec, "ColumnMetaData.codec"),
            numValues: try requiredField(numValues, "ColumnMetaData.num_values"),
            totalUncompressedSize: try requiredField(totalUncompressedSize, "ColumnMetaData.total_uncompressed_size"),
            totalCompressedSize: try requiredField(totalCompressedSize, "ColumnMetaData.total_compressed_size"),
            keyValueMetadata: keyValueMetadata,
            dataPageOffset: try requiredField(dataPageOffset, "ColumnMetaData.data_page_offset"),
            indexPageOffset: indexPageOffset, dictionaryPageOffset: dictionaryPageOffset, statistics: statistics,
            encodingStats: encodingStats, bloomFilterOffset: bloomFilterOffset, bloomFilterLength: bloomFilterLength
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, type.rawValue)
        writer.writeList(2, encodings.map(\.rawValue))
        writer.writeList(3, pathInSchema)
        writer.writeI32(4, codec.rawValue)
        writer.writeI64(5, numValues)
        writer.writeI64(6, totalUncompressedSize)
        writer.writeI64(7, totalCompressedSize)
        writer.writeList(8, keyValueMetadata)
        writer.writeI64(9, dataPageOffset)
        writer.writeI64(10, indexPageOffset)
        writer.writeI64(11, dictionaryPageOffset)
        writer.writeStruct(12, statistics)
        writer.writeList(13, encodingStats)
        writer.writeI64(14, bloomFilterOffset)
        writer.writeI32(15, bloomFilterLength)
    }
}

extension KeyValue: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var key: String?
        var value: String?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field)
            }
        }
        self.init(key: try requiredField(key, "KeyValue.key"), value: value)
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeString(1, key)
        writer.writeString(2, value)
    }
}

extension SortingColumn: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var columnIndex: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): columnIndex = try reader.readI32()
            case (2, .bool): descending = field.boolValue
            case (3, .bool): nullsFirst = field.boolValue
            default: try reader.skip(field)
            }
        }
        self.init(
            columnIndex: try requiredField(columnIndex, "SortingColumn.column_idx"),
            descending: try requiredField(descending, "SortingColumn.descending"),
            nullsFirst: try requiredField(nullsFirst, "SortingColumn.nulls_first")
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, columnIndex)
        writer.writeBool(2, descending)
        writer.writeBool(3, nullsFirst)
    }
}

extension PageEncodingStats: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var pageType: PageType?
        var encoding: Encoding?
        var count: Int32?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): pageType = PageType(rawValue: try reader.readI32())
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        self.init(
            pageType: try requiredField(pageType, "PageEncodingStats.page_type"),
            encoding: try requiredField(encoding, "PageEncodingStats.encoding"),
            count: try requiredField(count, "PageEncodingStats.count")
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, pageType.rawValue)
        writer.writeI32(2, encoding.rawValue)
        writer.writeI32(3, count)
    }
}

/// A union of empty structs; members this implementation does not know become
/// ``ColumnOrder/unrecognized(fieldID:)``, whose statistics a reader must then ignore.
extension ColumnOrder: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var order: ColumnOrder?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch field.id {
            case 1:
                try field.requireUnionMember("ColumnOrder")
                order = .typeDefined
            case 2:
                try field.requireUnionMember("ColumnOrder")
                order = .ieee754TotalOrder
            default: order = .unrecognized(fieldID: field.id)
            }
            try reader.skip(field)
        }
        guard let order else { throw ParquetError.corrupt("ColumnOrder: union has no member") }
        self = order
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        switch self {
        case .typeDefined: writer.writeEmptyStruct(1)
        case .ieee754TotalOrder: writer.writeEmptyStruct(2)
        case let .unrecognized(fieldID): writer.writeEmptyStruct(fieldID)
        }
    }
}
