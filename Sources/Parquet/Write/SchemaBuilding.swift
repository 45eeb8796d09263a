/// The footer's schema for a list of flat fields.
///
/// Parquet stores the schema as a depth-first list: a root group (by convention
/// named `schema`) announcing its child count, then one element per column.
/// Each column carries its logical type twice: as `logicalType` for current
/// readers, and as the legacy `convertedType` (with scale and precision for
/// decimals) for readers written before logical types existed. Types with no
/// legacy equivalent (UUID, FLOAT16, local or nanosecond times) get only the
/// first, as Arrow and parquet-mr do.
extension ParquetField {
    static func schemaElements(for fields: [ParquetField]) -> [SchemaElement] {
        [SchemaElement(name: "schema", numChildren: Int32(fields.count))] + fields.map(\.schemaElement)
    }

    var schemaElement: SchemaElement {
        var element = SchemaElement(
            type: physicalType,
            typeLength: physicalType == .fixedLenByteArray ? typeLength.map { Int32($0) } : nil,
            repetitionType: isNullable ? .optional : .required,
            name: name,
            convertedType: logicalType.flatMap(Self.convertedType),
            logicalType: logicalType
        )
        if case let .decimal(scale, precision) = logicalType {
            element.scale = scale
            element.precision = precision
        }
        return element
    }

    /// The legacy annotation that means the same as `logical`, if there is one.
    /// Legacy TIME and TIMESTAMP always meant UTC-adjusted millis or micros.
    static func convertedType(_ logical: LogicalType) -> ConvertedType? {
        switch logical {
        case .string: .utf8
        case .enumeration: .enumeration
        case .json: .json
        case .bson: .bson
        case .date: .date
        case .decimal: .decimal
        case .time(true, .millis): .timeMillis
        case .time(true, .micros): .timeMicros
        case .timestamp(true, .millis): .timestampMillis
        case .timestamp(true, .micros): .timestampMicros
        case let .integer(bitWidth, isSigned):
            switch (bitWidth, isSigned) {
            case (8, true): .int8
            case (16, true): .int16
            case (32, true): .int32
            case (64, true): .int64
            case (8, false): .uint8
            case (16, false): .uint16
            case (32, false): .uint32
            case (64, false): .uint64
            default: nil
            }
        case .time, .timestamp, .uuid, .float16, .map, .list, .unknown, .variant, .geometry, .geography, .unrecognized:
            nil
        }
    }
}
