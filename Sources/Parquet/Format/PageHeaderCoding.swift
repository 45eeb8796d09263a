// Thrift coding of `PageHeader`, the struct in front of every page, and the
// per-type headers it holds. A column chunk can have tens of thousands of
// pages, so these decoders allocate nothing beyond the statistics they return.
// `Statistics`, which column chunks share with pages, is coded here too.

extension PageHeader: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var type: PageType?
        var uncompressedPageSize: Int32?
        var compressedPageSize: Int32?
        var crc: Int32?
        var dataPageHeader: DataPageHeader?
        var dictionaryPageHeader: DictionaryPageHeader?
        var dataPageHeaderV2: DataPageHeaderV2?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): type = PageType(rawValue: try reader.readI32())
            case (2, .i32): uncompressedPageSize = try reader.readI32()
            case (3, .i32): compressedPageSize = try reader.readI32()
            case (4, .i32): crc = try reader.readI32()
            case (5, .struct): dataPageHeader = try DataPageHeader(thrift: &reader)
            case (7, .struct): dictionaryPageHeader = try DictionaryPageHeader(thrift: &reader)
            case (8, .struct): dataPageHeaderV2 = try DataPageHeaderV2(thrift: &reader)
            // 6, the index page header, has no fields.
            default: try reader.skip(field)
            }
        }
        self.init(
            type: try requiredField(type, "PageHeader.type"),
            uncompressedPageSize: try requiredField(uncompressedPageSize, "PageHeader.uncompressed_page_size"),
            compressedPageSize: try requiredField(compressedPageSize, "PageHeader.compressed_page_size"),
            crc: crc, dataPageHeader: dataPageHeader, dictionaryPageHeader: dictionaryPageHeader,
            dataPageHeaderV2: dataPageHeaderV2
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, type.rawValue)
        writer.writeI32(2, uncompressedPageSize)
        writer.writeI32(3, compressedPageSize)
        writer.writeI32(4, crc)
        writer.writeStruct(5, dataPageHeader)
        writer.writeStruct(7, dictionaryPageHeader)
        writer.writeStruct(8, dataPageHeaderV2)
    }
}

extension DataPageHeader: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var numValues: Int32?
        var encoding: Encoding?
        var definitionLevelEncoding: Encoding?
        var repetitionLevelEncoding: Encoding?
        var statistics: Statistics?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): definitionLevelEncoding = Encoding(rawValue: try reader.readI32())
            case (4, .i32): repetitionLevelEncoding = Encoding(rawValue: try reader.readI32())
            case (5, .struct): statistics = try Statistics(thrift: &reader)
            default: try reader.skip(field)
            }
        }
        self.init(
            numValues: try requiredField(numValues, "DataPageHeader.num_values"),
            encoding: try requiredField(encoding, "DataPageHeader.encoding"),
            definitionLevelEncoding: try requiredField(definitionLevelEncoding, "DataPageHeader.definition_level_encoding"),
            repetitionLevelEncoding: try requiredField(repetitionLevelEncoding, "DataPageHeader.repetition_level_encoding"),
            statistics: statistics
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, numValues)
        writer.writeI32(2, encoding.rawValue)
        writer.writeI32(3, definitionLevelEncoding.rawValue)
        writer.writeI32(4, repetitionLevelEncoding.rawValue)
        writer.writeStruct(5, statistics)
    }
}

extension DictionaryPageHeader: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var numValues: Int32?
        var encoding: Encoding?
        var isSorted: Bool?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .bool): isSorted = field.boolValue
            default: try reader.skip(field)
            }
        }
        self.init(
            numValues: try requiredField(numValues, "DictionaryPageHeader.num_values"),
            encoding: try requiredField(encoding, "DictionaryPageHeader.encoding"),
            isSorted: isSorted
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, numValues)
        writer.writeI32(2, encoding.rawValue)
        writer.writeBool(3, isSorted)
    }
}

extension DataPageHeaderV2: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: Encoding?
        var definitionLevelsByteLength: Int32?
        var repetitionLevelsByteLength: Int32?
        var isCompressed = true  // the Thrift default
        var statistics: Statistics?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): numNulls = try reader.readI32()
            case (3, .i32): numRows = try reader.readI32()
            case (4, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (5, .i32): definitionLevelsByteLength = try reader.readI32()
            case (6, .i32): repetitionLevelsByteLength = try reader.readI32()
            case (7, .bool): isCompressed = field.boolValue
            case (8, .struct): statistics = try Statistics(thrift: &reader)
            default: try reader.skip(field)
            }
        }
        self.init(
            numValues: try requiredField(numValues, "DataPageHeaderV2.num_values"),
            numNulls: try requiredField(numNulls, "DataPageHeaderV2.num_nulls"),
            numRows: try requiredField(numRows, "DataPageHeaderV2.num_rows"),
            encoding: try requiredField(encoding, "DataPageHeaderV2.encoding"),
            definitionLevelsByteLength: try requiredField(
                definitionLevelsByteLength, "DataPageHeaderV2.definition_levels_byte_length"),
            repetitionLevelsByteLength: try requiredField(
                repetitionLevelsByteLength, "DataPageHeaderV2.repetition_levels_byte_length"),
            isCompressed: isCompressed, statistics: statistics
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, numValues)
        writer.writeI32(2, numNulls)
        writer.writeI32(3, numRows)
        writer.writeI32(4, encoding.rawValue)
        writer.writeI32(5, definitionLevelsByteLength)
        writer.writeI32(6, repetitionLevelsByteLength)
        // Written even when true, so no reader depends on knowing the default.
        writer.writeBool(7, isCompressed)
        writer.writeStruct(8, statistics)
    }
}

extension Statistics: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        self.init()
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, .bool): isMaxValueExact = field.boolValue
            case (8, .bool): isMinValueExact = field.boolValue
            case (9, .i64): nanCount = try reader.readI64()
            default: try reader.skip(field)
            }
        }
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeBinary(1, max)
        writer.writeBinary(2, min)
        writer.writeI64(3, nullCount)
        writer.writeI64(4, distinctCount)
        writer.writeBinary(5, maxValue)
        writer.writeBinary(6, minValue)
        writer.writeBool(7, isMaxValueExact)
        writer.writeBool(8, isMinValueExact)
        writer.writeI64(9, nanCount)
    }
}
