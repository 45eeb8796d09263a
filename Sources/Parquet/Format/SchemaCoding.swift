// Thrift coding of `SchemaElement` and the `LogicalType` union it carries.

extension SchemaElement: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var type: PhysicalType?
        var typeLength: Int32?
        var repetitionType: Repetition?
        var name: String?
        var numChildren: Int32?
        var convertedType: ConvertedType?
        var scale: Int32?
        var precision: Int32?
        var fieldID: Int32?
        var logicalType: LogicalType?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): type = try reader.readEnum(PhysicalType.self, "SchemaElement.type", "physical type")
            case (2, .i32): typeLength = try reader.readI32()
            case (3, .i32):
                repetitionType = try reader.readEnum(Repetition.self, "SchemaElement.repetition_type", "repetition type")
            case (4, .binary): name = try reader.readString()
            case (5, .i32): numChildren = try reader.readI32()
            case (6, .i32):
                convertedType = try reader.readEnum(ConvertedType.self, "SchemaElement.converted_type", "converted type")
            case (7, .i32): scale = try reader.readI32()
            case (8, .i32): precision = try reader.readI32()
            case (9, .i32): fieldID = try reader.readI32()
            case (10, .struct): logicalType = try LogicalType(thrift: &reader)
            default: try reader.skip(field)
            }
        }
        self.init(
            type: type, typeLength: typeLength, repetitionType: repetitionType,
            name: try requiredField(name, "SchemaElement.name"), numChildren: numChildren,
            convertedType: convertedType, scale: scale, precision: precision, fieldID: fieldID,
            logicalType: logicalType
        )
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        writer.writeI32(1, type?.rawValue)
        writer.writeI32(2, typeLength)
        writer.writeI32(3, repetitionType?.rawValue)
        writer.writeString(4, name)
        writer.writeI32(5, numChildren)
        writer.writeI32(6, convertedType?.rawValue)
        writer.writeI32(7, scale)
        writer.writeI32(8, precision)
        writer.writeI32(9, fieldID)
        writer.writeStruct(10, logicalType)
    }
}

/// The union's members are structs; most are empty and only their field id
/// matters. A known member of another type is corrupt (its meaning is lost,
/// so it cannot be kept); a member this implementation does not know is kept as
/// ``LogicalType/unrecognized(fieldID:)`` and written back as an empty struct
/// under the same id, which is exact for members without fields (as `FILE`).
extension LogicalType: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var member: LogicalType?
        var field = ThriftField()
        while try reader.nextField(&field) {
            if Self.isKnownMember(field.id) { try field.requireUnionMember("LogicalType") }
            switch field.id {
            case 5: member = try Self.decimal(&reader)
            case 7: member = try Self.temporal(&reader, "TimeType", Self.time)
            case 8: member = try Self.temporal(&reader, "TimestampType", Self.timestamp)
            case 10: member = try Self.integer(&reader)
            case 17: member = try Self.geometry(&reader)
            case 18: member = try Self.geography(&reader)
            default:
                // The remaining members carry no fields we keep (VARIANT's
                // specification version included), so their bodies are skipped.
                try reader.skip(field)
                member = Self.fieldless(field.id) ?? .unrecognized(fieldID: field.id)
            }
        }
        guard let member else { throw ParquetError.corrupt("LogicalType: union has no member") }
        self = member
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        switch self {
        case .string: writer.writeEmptyStruct(1)
        case .map: writer.writeEmptyStruct(2)
        case .list: writer.writeEmptyStruct(3)
        case .enumeration: writer.writeEmptyStruct(4)
        case let .decimal(scale, precision):
            writer.writeStruct(5) {
                $0.writeI32(1, scale)
                $0.writeI32(2, precision)
            }
        case .date: writer.writeEmptyStruct(6)
        case let .time(isAdjustedToUTC, unit): Self.encodeTemporal(7, isAdjustedToUTC, unit, &writer)
        case let .timestamp(isAdjustedToUTC, unit): Self.encodeTemporal(8, isAdjustedToUTC, unit, &writer)
        case let .integer(bitWidth, isSigned):
            writer.writeStruct(10) {
                $0.writeI8(1, bitWidth)
                $0.writeBool(2, isSigned)
            }
        case .unknown: writer.writeEmptyStruct(11)
        case .json: writer.writeEmptyStruct(12)
        case .bson: writer.writeEmptyStruct(13)
        case .uuid: writer.writeEmptyStruct(14)
        case .float16: writer.writeEmptyStruct(15)
        case .variant: writer.writeEmptyStruct(16)
        case let .geometry(crs):
            writer.writeStruct(17) { $0.writeString(1, crs) }
        case let .geography(crs, algorithm):
            writer.writeStruct(18) {
                $0.writeString(1, crs)
                $0.writeI32(2, algorithm)
            }
        case let .unrecognized(fieldID): writer.writeEmptyStruct(fieldID)
        }
    }

    /// Field 9 is reserved (for INTERVAL) and so unrecognized like members added after 18.
    private static func isKnownMember(_ id: Int16) -> Bool {
        (1...18).contains(id) && id != 9
    }

    /// The members whose structs have no fields the model keeps.
    private static func fieldless(_ id: Int16) -> LogicalType? {
        switch id {
        case 1: .string
        case 2: .map
        case 3: .list
        case 4: .enumeration
        case 6: .date
        case 11: .unknown
        case 12: .json
        case 13: .bson
        case 14: .uuid
        case 15: .float16
        case 16: .variant
        default: nil
        }
    }

    private static func decimal(_ reader: inout ThriftCompactReader) throws -> LogicalType {
        var scale: Int32?
        var precision: Int32?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .i32): scale = try reader.readI32()
            case (2, .i32): precision = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        return .decimal(
            scale: try requiredField(scale, "DecimalType.scale"),
            precision: try requiredField(precision, "DecimalType.precision")
        )
    }

    /// `TimeType` and `TimestampType`, which share their fields.
    private static func temporal(
        _ reader: inout ThriftCompactReader, _ name: StaticString, _ make: (Bool, TimeUnit) -> LogicalType
    ) throws -> LogicalType {
        var isAdjustedToUTC: Bool?
        var unit: TimeUnit?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .bool): isAdjustedToUTC = field.boolValue
            case (2, .struct): unit = try TimeUnit(thrift: &reader)
            default: try reader.skip(field)
            }
        }
        guard let isAdjustedToUTC else { throw ParquetError.corrupt("\(name).isAdjustedToUTC: required field missing") }
        guard let unit else { throw ParquetError.corrupt("\(name).unit: required field missing") }
        return make(isAdjustedToUTC, unit)
    }

    private static func encodeTemporal(
        _ id: Int16, _ isAdjustedToUTC: Bool, _ unit: TimeUnit, _ writer: inout ThriftCompactWriter
    ) {
        writer.writeStruct(id) {
            $0.writeBool(1, isAdjustedToUTC)
            $0.writeStruct(2, unit)
        }
    }

    private static func integer(_ reader: inout ThriftCompactReader) throws -> LogicalType {
        var bitWidth: Int8?
        var isSigned: Bool?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .byte): bitWidth = try reader.readI8()
            case (2, .bool): isSigned = field.boolValue
            default: try reader.skip(field)
            }
        }
        return .integer(
            bitWidth: try requiredField(bitWidth, "IntType.bitWidth"),
            isSigned: try requiredField(isSigned, "IntType.isSigned")
        )
    }

    private static func geometry(_ reader: inout ThriftCompactReader) throws -> LogicalType {
        var crs: String?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .binary): crs = try reader.readString()
            default: try reader.skip(field)
            }
        }
        return .geometry(crs: crs)
    }

    private static func geography(_ reader: inout ThriftCompactReader) throws -> LogicalType {
        var crs: String?
        var algorithm: Int32?
        var field = ThriftField()
        while try reader.nextField(&field) {
            switch (field.id, field.type) {
            case (1, .binary): crs = try reader.readString()
            case (2, .i32): algorithm = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        return .geography(crs: crs, algorithm: algorithm)
    }
}

/// The `TimeUnit` union. An unknown unit is an error rather than a skipped
/// member: a time or timestamp whose unit is unknown cannot be read as any value.
extension TimeUnit: ThriftCodable {
    init(thrift reader: inout ThriftCompactReader) throws {
        var unit: TimeUnit?
        var field = ThriftField()
        while try reader.nextField(&field) {
            try field.requireUnionMember("TimeUnit")
            switch field.id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: throw ParquetError.corrupt("TimeUnit: unknown unit \(field.id)")
            }
            try reader.skip(field)
        }
        guard let unit else { throw ParquetError.corrupt("TimeUnit: union has no member") }
        self = unit
    }

    func encode(thrift writer: inout ThriftCompactWriter) {
        switch self {
        case .millis: writer.writeEmptyStruct(1)
        case .micros: writer.writeEmptyStruct(2)
        case .nanos: writer.writeEmptyStruct(3)
        }
    }
}
