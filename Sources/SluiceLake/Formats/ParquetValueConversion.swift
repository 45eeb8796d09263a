import Parquet
import SluiceCore

/// Moves values between ``ColumnValues`` and Parquet's ``ColumnStorage``.
///
/// Where the two layouts agree (64-bit integers, doubles, byte arrays with
/// offsets) the arrays are handed over as they are, so the copy-on-write
/// buffers are shared rather than copied; only narrowing (Int64 → Int32,
/// Double → Float) and fixed-width padding touch each value.
enum ParquetValueConversion {
    /// The Parquet values of `column`, laid out as `field` says.
    static func columnData(_ column: Column, as field: ParquetField) throws -> ColumnData {
        let storage: ColumnStorage
        switch (column.values, field.physicalType) {
        case let (.boolean(values), .boolean):
            storage = .boolean(values)
        case let (.int(values), .int64):
            let factor = unitWidening(column.field.type)
            storage = .int64(factor == 1 ? values : values.map { $0 &* factor })
        case let (.int(values), .int32):
            let factor = unitWidening(column.field.type)
            let range = int32Range(column.field.type)
            // Narrowing must not wrap silently: a value outside the type is the caller's error.
            if let row = values.firstIndex(where: { !range.contains($0 &* factor) }) {
                throw SluiceError.invalidColumn(column.field.name, reason: "row \(row) holds \(values[row]), outside \(column.field.type)")
            }
            // Unsigned 32-bit values keep their bit pattern, as Parquet's UINT_32 asks.
            storage = .int32(values.map { Int32(truncatingIfNeeded: $0 &* factor) })
        case let (.double(values), .double):
            storage = .double(values)
        case let (.double(values), .float):
            storage = .float(values.map { Float($0) })
        case let (.bytes(values), .byteArray):
            storage = .byteArray(ByteArrayBuffer(offsets: values.offsets, bytes: values.bytes))
        case let (.bytes(values), .fixedLenByteArray):
            storage = .fixedLenByteArray(try fixedWidth(values, column: column, width: field.typeLength ?? 0))
        default:
            throw SluiceError.invalidColumn(column.field.name, reason: "\(column.values.kind) values cannot be written as \(field.physicalType)")
        }
        return ColumnData(storage: storage, validity: column.validity)
    }

    /// The values a type stored as INT32 can hold.
    private static func int32Range(_ type: DataType) -> ClosedRange<Int64> {
        switch type {
        case .int8: -128...127
        case .int16: -32_768...32_767
        case .uint8: 0...255
        case .uint16: 0...65_535
        case .uint32: 0...Int64(UInt32.max)
        default: Int64(Int32.min)...Int64(Int32.max)
        }
    }

    /// 1000 for the types counted in seconds, which Parquet stores in milliseconds; else 1.
    private static func unitWidening(_ type: DataType) -> Int64 {
        switch type {
        case .time(.seconds), .timestamp(.seconds, _): 1_000
        default: 1
        }
    }

    /// Fixed-width slots for FLBA columns: null placeholders become zeros, and
    /// wide decimals are sign-extended to the column width.
    private static func fixedWidth(_ values: ByteColumn, column: Column, width: Int) throws -> FixedBuffer {
        let offsets = values.offsets
        let alreadyFixed = (0..<values.count).allSatisfy { offsets[$0 + 1] - offsets[$0] == width }
        if alreadyFixed { return FixedBuffer(width: width, bytes: values.bytes) }
        let isDecimal = if case .decimal = column.field.type { true } else { false }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * width)
        for row in 0..<values.count {
            let value = values[row]
            if column.isNull(row) {
                bytes.append(contentsOf: repeatElement(0, count: width))
            } else if value.count == width {
                bytes.append(contentsOf: value)
            } else if isDecimal, let extended = signExtended(value, to: width) {
                bytes.append(contentsOf: extended)
            } else {
                throw SluiceError.invalidColumn(column.field.name, reason: "row \(row) holds \(value.count) bytes, the column is \(width) wide")
            }
        }
        return FixedBuffer(width: width, bytes: bytes)
    }

    /// Big-endian two's complement `value` in exactly `width` bytes, or nil if it does not fit.
    private static func signExtended(_ value: ArraySlice<UInt8>, to width: Int) -> [UInt8]? {
        let negative = (value.first ?? 0) & 0x80 != 0
        let fill: UInt8 = negative ? 0xFF : 0x00
        var trimmed = value
        // Leading fill bytes are redundant as long as the next byte keeps the sign.
        while trimmed.count > width, trimmed.first == fill,
              let next = trimmed.dropFirst().first, (next & 0x80 != 0) == negative {
            trimmed = trimmed.dropFirst()
        }
        guard trimmed.count <= width else { return nil }
        return Array(repeating: fill, count: width - trimmed.count) + trimmed
    }

    /// The Sluice values of a Parquet column read as `type`.
    static func columnValues(_ data: ColumnData, as type: DataType, name: String) throws -> ColumnValues {
        switch (data.storage, type.storage) {
        case let (.boolean(values), .boolean):
            return .boolean(values)
        case let (.int32(values), .int):
            let unsigned = [.uint8, .uint16, .uint32].contains(type)
            return .int(values.map { unsigned ? Int64(UInt32(bitPattern: $0)) : Int64($0) })
        case let (.int64(values), .int):
            return .int(values)
        case let (.int96(values), .int):
            // Null slots keep the 0 placeholder rather than the epoch offset of Julian day 0.
            return .int(values.indices.map { data.isNull($0) ? 0 : nanosSinceEpoch(values[$0]) })
        case let (.float(values), .double):
            return .double(values.map { Double($0) })
        case let (.double(values), .double):
            return .double(values)
        case let (.byteArray(buffer), .bytes):
            return .bytes(ByteColumn(offsets: buffer.offsets, bytes: buffer.bytes))
        case let (.fixedLenByteArray(buffer), .bytes):
            return .bytes(byteColumn(buffer, validity: data.validity))
        case let (.byteArray(buffer), .int):
            return .int(try (0..<buffer.count).map { try unscaledDecimal(buffer[$0], row: $0, name: name) })
        case let (.fixedLenByteArray(buffer), .int):
            return .int(try (0..<buffer.count).map { try unscaledDecimal(buffer[$0], row: $0, name: name) })
        default:
            throw SluiceError.invalidColumn(name, reason: "\(data.storage.physicalType) values cannot be read as \(type)")
        }
    }

    /// Julian day 2440588 is 1970-01-01; INT96 counts nanoseconds within the day.
    private static func nanosSinceEpoch(_ value: Int96) -> Int64 {
        (Int64(value.julianDay) - 2_440_588) &* 86_400_000_000_000 &+ Int64(bitPattern: value.nanosOfDay)
    }

    /// Fixed-width values as variable-length ones. Null slots become empty (the
    /// ``ColumnValues`` placeholder); without nulls the byte buffer is shared as is.
    private static func byteColumn(_ buffer: FixedBuffer, validity: [Bool]?) -> ByteColumn {
        guard let validity, validity.contains(false) else {
            return ByteColumn(offsets: Array(stride(from: 0, through: buffer.count * buffer.width, by: max(buffer.width, 1)).prefix(buffer.count + 1)),
                              bytes: buffer.bytes)
        }
        var column = ByteColumn()
        column.reserveCapacity(values: buffer.count, bytes: buffer.bytes.count)
        for row in 0..<buffer.count {
            column.append(validity[row] ? buffer[row] : [])
        }
        return column
    }

    /// A big-endian two's-complement decimal that fits in 64 bits.
    private static func unscaledDecimal(_ bytes: ArraySlice<UInt8>, row: Int, name: String) throws -> Int64 {
        guard !bytes.isEmpty else { return 0 }
        let negative = bytes.first! & 0x80 != 0
        var significant = bytes
        while significant.count > 8, significant.first == (negative ? 0xFF : 0x00) {
            significant = significant.dropFirst()
        }
        guard significant.count <= 8 else {
            throw SluiceError.invalidColumn(name, reason: "row \(row): decimal of \(bytes.count) bytes exceeds 64 bits")
        }
        var value: Int64 = negative ? -1 : 0
        for byte in significant { value = (value << 8) | Int64(byte) }
        return value
    }
}
