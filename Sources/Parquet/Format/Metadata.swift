// The Swift form of the structures of parquet.thrift that a reader or writer of
// flat and simply nested files needs. Field names follow the Thrift names in
// lowerCamelCase; the Thrift field ids are given where they are not obvious.
// Decoding and encoding (Thrift compact protocol) live in MetadataCoding.swift.

/// `Type`: the physical type of a leaf column.
public enum PhysicalType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// `ConvertedType`: the legacy annotation, still written by many writers.
public enum ConvertedType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case utf8 = 0, map = 1, mapKeyValue = 2, list = 3, enumeration = 4, decimal = 5, date = 6
    case timeMillis = 7, timeMicros = 8, timestampMillis = 9, timestampMicros = 10
    case uint8 = 11, uint16 = 12, uint32 = 13, uint64 = 14, int8 = 15, int16 = 16, int32 = 17, int64 = 18
    case json = 19, bson = 20, interval = 21

    public var description: String {
        switch self {
        case .utf8: "UTF8"
        case .map: "MAP"
        case .mapKeyValue: "MAP_KEY_VALUE"
        case .list: "LIST"
        case .enumeration: "ENUM"
        case .decimal: "DECIMAL"
        case .date: "DATE"
        case .timeMillis: "TIME_MILLIS"
        case .timeMicros: "TIME_MICROS"
        case .timestampMillis: "TIMESTAMP_MILLIS"
        case .timestampMicros: "TIMESTAMP_MICROS"
        case .uint8: "UINT_8"
        case .uint16: "UINT_16"
        case .uint32: "UINT_32"
        case .uint64: "UINT_64"
        case .int8: "INT_8"
        case .int16: "INT_16"
        case .int32: "INT_32"
        case .int64: "INT_64"
        case .json: "JSON"
        case .bson: "BSON"
        case .interval: "INTERVAL"
        }
    }
}

public enum Repetition: Int32, Sendable, CustomStringConvertible {
    case required = 0, optional = 1, repeated = 2

    public var description: String {
        switch self {
        case .required: "REQUIRED"
        case .optional: "OPTIONAL"
        case .repeated: "REPEATED"
        }
    }
}

public enum TimeUnit: Sendable, Equatable, CustomStringConvertible {
    case millis, micros, nanos

    public var description: String {
        switch self {
        case .millis: "MILLIS"
        case .micros: "MICROS"
        case .nanos: "NANOS"
        }
    }
}

/// `LogicalType`, the union. Members this implementation does not know are kept
/// as ``unrecognized(fieldID:)`` so the column still reads as its physical type.
public enum LogicalType: Sendable, Equatable, CustomStringConvertible {
    case string                                             // 1
    case map                                                // 2
    case list                                               // 3
    case enumeration                                        // 4
    case decimal(scale: Int32, precision: Int32)            // 5
    case date                                               // 6
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)        // 7
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)   // 8
    case integer(bitWidth: Int8, isSigned: Bool)            // 10
    case unknown                                            // 11: NullType, only nulls
    case json                                               // 12
    case bson                                               // 13
    case uuid                                               // 14
    case float16                                            // 15
    case variant                                            // 16
    case geometry(crs: String?)                             // 17
    case geography(crs: String?, algorithm: Int32?)         // 18
    case unrecognized(fieldID: Int16)

    public var description: String {
        switch self {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enumeration: "ENUM"
        case let .decimal(scale, precision): "DECIMAL(\(precision),\(scale))"
        case .date: "DATE"
        case let .time(utc, unit): "TIME(\(unit),utc=\(utc))"
        case let .timestamp(utc, unit): "TIMESTAMP(\(unit),utc=\(utc))"
        case let .integer(bits, signed): "INT(\(bits),\(signed ? "signed" : "unsigned"))"
        case .unknown: "NULL"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .variant: "VARIANT"
        case .geometry: "GEOMETRY"
        case .geography: "GEOGRAPHY"
        case let .unrecognized(id): "UNRECOGNIZED(\(id))"
        }
    }
}

public struct SchemaElement: Sendable, Equatable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetitionType: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    public init(
        type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: Repetition? = nil, name: String,
        numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil,
        precision: Int32? = nil, fieldID: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }
}

/// `Encoding`. Values this implementation does not know are kept by number.
public enum Encoding: Sendable, Hashable, CustomStringConvertible {
    case plain, plainDictionary, rle, bitPacked, deltaBinaryPacked, deltaLengthByteArray
    case deltaByteArray, rleDictionary, byteStreamSplit
    case other(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .plain
        case 2: self = .plainDictionary
        case 3: self = .rle
        case 4: self = .bitPacked
        case 5: self = .deltaBinaryPacked
        case 6: self = .deltaLengthByteArray
        case 7: self = .deltaByteArray
        case 8: self = .rleDictionary
        case 9: self = .byteStreamSplit
        default: self = .other(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .plain: 0
        case .plainDictionary: 2
        case .rle: 3
        case .bitPacked: 4
        case .deltaBinaryPacked: 5
        case .deltaLengthByteArray: 6
        case .deltaByteArray: 7
        case .rleDictionary: 8
        case .byteStreamSplit: 9
        case let .other(value): value
        }
    }

    public var description: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        case let .other(value): value == 10 ? "ALP" : "ENCODING(\(value))"
        }
    }
}

/// `CompressionCodec`.
public enum CompressionCodec: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

    public var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }
}

/// `PageType`. Unknown page types are kept by number so a reader can skip them.
public enum PageType: Sendable, Equatable, CustomStringConvertible {
    case dataPage, indexPage, dictionaryPage, dataPageV2
    case other(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .dataPage
        case 1: self = .indexPage
        case 2: self = .dictionaryPage
        case 3: self = .dataPageV2
        default: self = .other(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .dataPage: 0
        case .indexPage: 1
        case .dictionaryPage: 2
        case .dataPageV2: 3
        case let .other(value): value
        }
    }

    public var description: String {
        switch self {
        case .dataPage: "DATA_PAGE"
        case .indexPage: "INDEX_PAGE"
        case .dictionaryPage: "DICTIONARY_PAGE"
        case .dataPageV2: "DATA_PAGE_V2"
        case let .other(value): "PAGE_TYPE(\(value))"
        }
    }
}

/// `Statistics`. Values are PLAIN-encoded bytes (no length prefix for byte arrays).
public struct Statistics: Sendable, Equatable {
    public var max: [UInt8]?            // 1, deprecated, signed order
    public var min: [UInt8]?            // 2, deprecated, signed order
    public var nullCount: Int64?        // 3
    public var distinctCount: Int64?    // 4
    public var maxValue: [UInt8]?       // 5
    public var minValue: [UInt8]?       // 6
    public var isMaxValueExact: Bool?   // 7
    public var isMinValueExact: Bool?   // 8
    public var nanCount: Int64?         // 9

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil, nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }
}

public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

public struct SortingColumn: Sendable, Equatable {
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

public struct PageEncodingStats: Sendable, Equatable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

public struct ColumnMetaData: Sendable, Equatable {
    public var type: PhysicalType                    // 1
    public var encodings: [Encoding]                 // 2
    public var pathInSchema: [String]                // 3
    public var codec: CompressionCodec               // 4 (an unknown codec number is a decode error)
    public var numValues: Int64                      // 5
    public var totalUncompressedSize: Int64          // 6
    public var totalCompressedSize: Int64            // 7
    public var keyValueMetadata: [KeyValue]?         // 8
    public var dataPageOffset: Int64                 // 9
    public var indexPageOffset: Int64?               // 10
    public var dictionaryPageOffset: Int64?          // 11
    public var statistics: Statistics?              // 12
    public var encodingStats: [PageEncodingStats]?   // 13
    public var bloomFilterOffset: Int64?             // 14
    public var bloomFilterLength: Int32?             // 15
    // 16 size_statistics and 17 geospatial_statistics are skipped on read and not written.

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64, indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil, bloomFilterOffset: Int64? = nil, bloomFilterLength: Int32? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
    }
}

public struct ColumnChunk: Sendable, Equatable {
    public var filePath: String?                 // 1
    public var fileOffset: Int64                 // 2
    public var metaData: ColumnMetaData?         // 3
    public var offsetIndexOffset: Int64?         // 4
    public var offsetIndexLength: Int32?         // 5
    public var columnIndexOffset: Int64?         // 6
    public var columnIndexLength: Int32?         // 7
    /// Field 8 (`crypto_metadata`) or 9 (`encrypted_column_metadata`) was present.
    public var isEncrypted: Bool

    public init(
        filePath: String? = nil, fileOffset: Int64, metaData: ColumnMetaData?, offsetIndexOffset: Int64? = nil,
        offsetIndexLength: Int32? = nil, columnIndexOffset: Int64? = nil, columnIndexLength: Int32? = nil,
        isEncrypted: Bool = false
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
        self.isEncrypted = isEncrypted
    }
}

public struct RowGroup: Sendable, Equatable {
    public var columns: [ColumnChunk]            // 1
    public var totalByteSize: Int64              // 2
    public var numRows: Int64                    // 3
    public var sortingColumns: [SortingColumn]?  // 4
    public var fileOffset: Int64?                // 5
    public var totalCompressedSize: Int64?       // 6
    public var ordinal: Int16?                   // 7

    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

/// `ColumnOrder` union: field 1 TypeDefinedOrder, 2 IEEE754TotalOrder.
public enum ColumnOrder: Sendable, Equatable {
    case typeDefined
    case ieee754TotalOrder
    case unrecognized(fieldID: Int16)
}

public struct FileMetaData: Sendable, Equatable {
    public var version: Int32                    // 1
    public var schema: [SchemaElement]           // 2
    public var numRows: Int64                    // 3
    public var rowGroups: [RowGroup]             // 4
    public var keyValueMetadata: [KeyValue]?     // 5
    public var createdBy: String?                // 6
    public var columnOrders: [ColumnOrder]?      // 7
    /// Field 8 (`encryption_algorithm`) was present: a plaintext footer of an encrypted file.
    public var isEncrypted: Bool

    public init(
        version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil,
        isEncrypted: Bool = false
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
        self.isEncrypted = isEncrypted
    }
}

public struct DataPageHeader: Sendable, Equatable {
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(
        numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding,
        repetitionLevelEncoding: Encoding, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

public struct DictionaryPageHeader: Sendable, Equatable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

public struct DataPageHeaderV2: Sendable, Equatable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    /// Absent means compressed.
    public var isCompressed: Bool
    public var statistics: Statistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding, definitionLevelsByteLength: Int32,
        repetitionLevelsByteLength: Int32, isCompressed: Bool = true, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}

public struct PageHeader: Sendable, Equatable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}
