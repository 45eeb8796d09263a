import Parquet
import SluiceCore

/// How Sluice's ``DataType``s are laid out in Parquet, in both directions.
///
/// Writing picks the narrowest physical type that holds every value and the
/// logical annotation that tells other readers (pyarrow, Spark, DuckDB) what
/// the bits mean. Reading maps each annotation back; a column whose type has no
/// ``DataType`` counterpart is reported by name rather than read as raw bits.
enum ParquetTypeMapping {
    /// The Parquet column that stores `field`.
    ///
    /// Two types do not survive a round trip unchanged: `time(.seconds)` and
    /// `timestamp(.seconds, …)` are written in milliseconds (Parquet has no
    /// seconds unit) and read back as `.millis`.
    static func parquetField(for field: Field) -> ParquetField {
        let (physical, logical, width) = layout(of: field.type)
        return ParquetField(name: field.name, physicalType: physical, logicalType: logical,
                            isNullable: field.isNullable, typeLength: width)
    }

    private static func layout(of type: DataType) -> (PhysicalType, LogicalType?, Int?) {
        switch type {
        case .boolean: (.boolean, nil, nil)
        case .int8: (.int32, .integer(bitWidth: 8, isSigned: true), nil)
        case .int16: (.int32, .integer(bitWidth: 16, isSigned: true), nil)
        case .int32: (.int32, nil, nil)
        case .int64: (.int64, nil, nil)
        case .uint8: (.int32, .integer(bitWidth: 8, isSigned: false), nil)
        case .uint16: (.int32, .integer(bitWidth: 16, isSigned: false), nil)
        case .uint32: (.int32, .integer(bitWidth: 32, isSigned: false), nil)
        case .uint64: (.int64, .integer(bitWidth: 64, isSigned: false), nil)
        case .float32: (.float, nil, nil)
        case .float64: (.double, nil, nil)
        case let .decimal(precision, scale):
            decimalLayout(precision: precision, scale: scale)
        case .string: (.byteArray, .string, nil)
        case .binary: (.byteArray, nil, nil)
        case .json: (.byteArray, .json, nil)
        case let .fixedBinary(width): (.fixedLenByteArray, nil, width)
        case .uuid: (.fixedLenByteArray, .uuid, 16)
        case .date: (.int32, .date, nil)
        case let .time(unit):
            switch unit {
            case .seconds, .millis: (.int32, .time(isAdjustedToUTC: true, unit: .millis), nil)
            case .micros: (.int64, .time(isAdjustedToUTC: true, unit: .micros), nil)
            case .nanos: (.int64, .time(isAdjustedToUTC: true, unit: .nanos), nil)
            }
        case let .timestamp(unit, utc):
            (.int64, .timestamp(isAdjustedToUTC: utc, unit: parquetUnit(unit)), nil)
        }
    }

    private static func decimalLayout(precision: Int, scale: Int) -> (PhysicalType, LogicalType?, Int?) {
        let logical = LogicalType.decimal(scale: Int32(scale), precision: Int32(precision))
        if precision <= 9 { return (.int32, logical, nil) }
        if precision <= DataType.maximumInt64DecimalPrecision { return (.int64, logical, nil) }
        return (.fixedLenByteArray, logical, decimalByteWidth(precision: precision))
    }

    /// The fewest bytes whose two's complement holds every unscaled value of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        // Grow the largest representable magnitude byte by byte until it passes 10^precision - 1;
        // exact integer arithmetic on decimal digit strings would be overkill for p ≤ 76.
        var width = 1
        var digitsHeld = 2.0 // log10(2^7) ≈ 2.1, so one byte holds every 2-digit value
        while Int(digitsHeld) < precision {
            width += 1
            digitsHeld = Double(8 * width - 1) * 0.301_029_995_663_981_2
        }
        return width
    }

    /// Seconds have no Parquet unit; they are written as milliseconds.
    static func parquetUnit(_ unit: SluiceCore.TimeUnit) -> Parquet.TimeUnit {
        switch unit {
        case .seconds, .millis: .millis
        case .micros: .micros
        case .nanos: .nanos
        }
    }

    static func sluiceUnit(_ unit: Parquet.TimeUnit) -> SluiceCore.TimeUnit {
        switch unit {
        case .millis: .millis
        case .micros: .micros
        case .nanos: .nanos
        }
    }

    /// The ``DataType`` of a flat Parquet column, or why there is none.
    static func dataType(of column: ColumnDescriptor) -> Result<DataType, UnsupportedColumn> {
        func unsupported(_ reason: String) -> Result<DataType, UnsupportedColumn> {
            .failure(UnsupportedColumn(name: column.name, reason: reason))
        }
        guard column.shape == .flat else {
            return unsupported(column.shape == .list ? "LIST columns are not read into record batches" : "nested columns are not read into record batches")
        }
        let logical = column.logicalType
        switch (column.physicalType, logical) {
        case (.boolean, nil): return .success(.boolean)
        case (.int32, nil): return .success(.int32)
        case (.int64, nil): return .success(.int64)
        case (.float, nil): return .success(.float32)
        case (.double, nil): return .success(.float64)
        case (.int96, nil): return .success(.timestamp(.nanos, utc: false))
        case (.byteArray, nil), (.byteArray, .bson): return .success(.binary)
        case (.byteArray, .string), (.byteArray, .enumeration): return .success(.string)
        case (.byteArray, .json): return .success(.json)
        case (.fixedLenByteArray, nil): return .success(.fixedBinary(width: column.typeLength))
        case (.fixedLenByteArray, .uuid) where column.typeLength == 16: return .success(.uuid)
        case (.int32, .date): return .success(.date)
        case let (.int32, .integer(bits, signed)) where bits <= 32, let (.int64, .integer(bits, signed)):
            return .success(integerType(bits: bits, signed: signed, physical: column.physicalType))
        case let (.int32, .time(_, unit)) where unit == .millis,
             let (.int64, .time(_, unit)) where unit != .millis:
            return .success(.time(sluiceUnit(unit)))
        case let (.int64, .timestamp(utc, unit)):
            return .success(.timestamp(sluiceUnit(unit), utc: utc))
        case let (.int32, .decimal(scale, precision)) where precision <= 9,
             let (.int64, .decimal(scale, precision)) where precision <= 18,
             let (.byteArray, .decimal(scale, precision)),
             let (.fixedLenByteArray, .decimal(scale, precision)):
            guard precision > 0, scale >= 0, scale <= precision else {
                return unsupported("invalid DECIMAL(\(precision),\(scale))")
            }
            return .success(.decimal(precision: Int(precision), scale: Int(scale)))
        case let (physical, logical?):
            return unsupported("\(physical) annotated \(logical) has no Sluice data type")
        }
    }

    private static func integerType(bits: Int8, signed: Bool, physical: PhysicalType) -> DataType {
        switch (bits, signed) {
        case (8, true): .int8
        case (16, true): .int16
        case (8, false): .uint8
        case (16, false): .uint16
        case (32, false): .uint32
        case (64, false): .uint64
        default: physical == .int32 ? .int32 : .int64
        }
    }
}

/// A Parquet column that has no record-batch form, and why.
public struct UnsupportedColumn: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var reason: String

    public var description: String { "column \"\(name)\": \(reason)" }
}
