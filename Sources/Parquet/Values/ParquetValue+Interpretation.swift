/// One stored value before its logical type is applied: what a column's storage
/// holds at one position, or what a footer statistic's PLAIN bytes decode to.
/// Both paths meet here so that a value and a statistic of the same column always
/// mean the same thing.
enum PhysicalValue {
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case int96(Int96)
    case float(Float)
    case double(Double)
    case bytes(ArraySlice<UInt8>)
}

extension ColumnDescriptor {
    /// Applies this column's logical (or legacy converted) type to a stored value.
    func interpret(_ physical: PhysicalValue) -> ParquetValue {
        let logical = logicalType
        if logical == .unknown { return .null }
        switch physical {
        case let .boolean(value):
            return .bool(value)
        case let .int32(value):
            switch logical {
            case .date: return .date(daysSinceEpoch: Int64(value))
            case let .time(_, unit): return .time(Int64(value), unit: unit)
            case let .decimal(scale, _): return .decimal(ParquetDecimal(unscaled: .integer(Int64(value)), scale: Int(scale)))
            case .integer(_, isSigned: false): return .uint(UInt64(UInt32(bitPattern: value)))
            default: return .int(Int64(value))
            }
        case let .int64(value):
            switch logical {
            case let .timestamp(utc, unit): return .timestamp(value, unit: unit, isAdjustedToUTC: utc)
            case let .time(_, unit): return .time(value, unit: unit)
            case let .decimal(scale, _): return .decimal(ParquetDecimal(unscaled: .integer(value), scale: Int(scale)))
            case .integer(_, isSigned: false): return .uint(UInt64(bitPattern: value))
            default: return .int(value)
            }
        case let .int96(value):
            return .int96(value)
        case let .float(value):
            return .float(value)
        case let .double(value):
            return .double(value)
        case let .bytes(bytes):
            switch logical {
            case .string, .enumeration, .json:
                return .string(String(decoding: bytes, as: UTF8.self))
            case let .decimal(scale, _) where bytes.count <= DecimalText.maximumWidth:
                return .decimal(ParquetDecimal(unscaled: .bigEndian(Array(bytes)), scale: Int(scale)))
            case .float16 where bytes.count == 2:
                return .float16(Self.halfToDouble(UInt16(bytes[bytes.startIndex]) | UInt16(bytes[bytes.startIndex + 1]) << 8))
            case .uuid where bytes.count == 16:
                return .uuid(Array(bytes))
            default:
                return .bytes(Array(bytes))
            }
        }
    }

    /// Decodes a footer statistic (`Statistics.minValue`/`maxValue`, or the legacy
    /// `min`/`max`) of this column. Statistics are PLAIN-encoded without the length
    /// prefix byte arrays get in pages. Returns `nil` when the byte count does not fit
    /// the physical type, which happens only in corrupt footers.
    public func decodeStatistic(_ bytes: [UInt8]) -> ParquetValue? {
        let physical: PhysicalValue
        switch physicalType {
        case .boolean:
            guard bytes.count == 1 else { return nil }
            physical = .boolean(bytes[0] != 0)
        case .int32:
            guard bytes.count == 4 else { return nil }
            physical = .int32(Int32(bitPattern: UInt32(littleEndian: bytes)))
        case .int64:
            guard bytes.count == 8 else { return nil }
            physical = .int64(Int64(bitPattern: UInt64(littleEndian: bytes)))
        case .int96:
            guard bytes.count == 12 else { return nil }
            physical = .int96(Int96(nanosOfDay: UInt64(littleEndian: bytes[0..<8]), julianDay: UInt32(littleEndian: bytes[8..<12])))
        case .float:
            guard bytes.count == 4 else { return nil }
            physical = .float(Float(bitPattern: UInt32(littleEndian: bytes)))
        case .double:
            guard bytes.count == 8 else { return nil }
            physical = .double(Double(bitPattern: UInt64(littleEndian: bytes)))
        case .byteArray:
            physical = .bytes(bytes[...])
        case .fixedLenByteArray:
            guard bytes.count == typeLength else { return nil }
            physical = .bytes(bytes[...])
        }
        return interpret(physical)
    }

    /// IEEE 754 binary16 to Double; exact, since every half value is representable.
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10 & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24 // subnormal (and signed zero)
        case 0x1F: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

extension ParquetColumn {
    /// The value of `row` with the logical type applied: a list for LIST columns,
    /// ``ParquetValue/null`` for null positions.
    public func value(at row: Int) -> ParquetValue {
        guard let lists else { return element(at: row) }
        if let validity = lists.validity, !validity[row] { return .null }
        return .list((lists.offsets[row]..<lists.offsets[row + 1]).map(element(at:)))
    }

    /// The value at one position of ``data`` (a row of a flat column, an element of a list).
    func element(at index: Int) -> ParquetValue {
        if data.isNull(index) { return .null }
        let physical: PhysicalValue
        switch data.storage {
        case let .boolean(values): physical = .boolean(values[index])
        case let .int32(values): physical = .int32(values[index])
        case let .int64(values): physical = .int64(values[index])
        case let .int96(values): physical = .int96(values[index])
        case let .float(values): physical = .float(values[index])
        case let .double(values): physical = .double(values[index])
        case let .byteArray(values): physical = .bytes(values[index])
        case let .fixedLenByteArray(values): physical = .bytes(values[index])
        }
        return descriptor.interpret(physical)
    }
}

extension FixedWidthInteger {
    /// Assembles an integer from little-endian bytes; `bytes.count` must equal the width.
    init<C: Collection>(littleEndian bytes: C) where C.Element == UInt8 {
        var value: Self = 0
        for (shift, byte) in bytes.enumerated() { value |= Self(byte) << (shift * 8) }
        self = value
    }
}
