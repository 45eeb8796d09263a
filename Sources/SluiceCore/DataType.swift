/// Units of time-of-day and timestamp values.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case seconds, millis, micros, nanos

    /// How many of this unit make one second.
    public var perSecond: Int64 {
        switch self {
        case .seconds: 1
        case .millis: 1_000
        case .micros: 1_000_000
        case .nanos: 1_000_000_000
        }
    }
}

/// The logical type of a column, independent of any file format or database.
///
/// Readers map their formats onto these (Parquet's logical types, CSV inference,
/// JSON values); warehouses map these onto SQL types. How each is stored in a
/// ``ColumnValues`` is given per case.
public enum DataType: Sendable, Hashable, CustomStringConvertible {
    /// Stored as ``ColumnValues/boolean(_:)``.
    case boolean
    /// Stored as ``ColumnValues/int(_:)``; unsigned 64-bit values keep their bit pattern.
    case int8, int16, int32, int64, uint8, uint16, uint32, uint64
    /// Stored as ``ColumnValues/double(_:)``.
    case float32, float64
    /// Precision ≤ 18: the unscaled value in ``ColumnValues/int(_:)``.
    /// Larger: big-endian two's-complement unscaled bytes in ``ColumnValues/bytes(_:)``.
    case decimal(precision: Int, scale: Int)
    /// UTF-8 in ``ColumnValues/bytes(_:)``.
    case string
    /// Raw bytes in ``ColumnValues/bytes(_:)``.
    case binary
    /// Raw bytes of this width in ``ColumnValues/bytes(_:)``.
    case fixedBinary(width: Int)
    /// 16 raw bytes in ``ColumnValues/bytes(_:)``.
    case uuid
    /// Days since 1970-01-01 in ``ColumnValues/int(_:)``.
    case date
    /// Time since midnight in the unit, in ``ColumnValues/int(_:)``.
    case time(TimeUnit)
    /// Time since 1970-01-01T00:00:00 in the unit, in ``ColumnValues/int(_:)``; `utc` when the instant is UTC-normalised.
    case timestamp(TimeUnit, utc: Bool)
    /// JSON text (UTF-8) in ``ColumnValues/bytes(_:)``.
    case json

    /// Decimals up to this precision fit an `Int64` unscaled value.
    public static let maximumInt64DecimalPrecision = 18

    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .float32: "float32"
        case .float64: "float64"
        case let .decimal(precision, scale): "decimal(\(precision),\(scale))"
        case .string: "string"
        case .binary: "binary"
        case let .fixedBinary(width): "fixed_binary(\(width))"
        case .uuid: "uuid"
        case .date: "date"
        case let .time(unit): "time(\(unit.rawValue))"
        case let .timestamp(unit, utc): utc ? "timestamp(\(unit.rawValue), UTC)" : "timestamp(\(unit.rawValue))"
        case .json: "json"
        }
    }

    /// The storage this type uses in a ``ColumnValues``.
    public var storage: ColumnValues.Kind {
        switch self {
        case .boolean: .boolean
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .date, .time, .timestamp: .int
        case let .decimal(precision, _): precision <= Self.maximumInt64DecimalPrecision ? .int : .bytes
        case .float32, .float64: .double
        case .string, .binary, .fixedBinary, .uuid, .json: .bytes
        }
    }
}
