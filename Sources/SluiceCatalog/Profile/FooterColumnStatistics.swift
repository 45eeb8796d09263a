import Parquet
import SluiceCore

/// What the footers of a Parquet dataset say about one column, over every row group of
/// every file: a statistic counts only when every chunk that needs it has it.
///
/// - Null count: the sum, when every chunk states its count.
/// - Minimum and maximum: decoded with ``Parquet/ColumnDescriptor/statisticsBounds(_:)``,
///   which keeps only bounds written in the column's sort order, and used only when every
///   chunk holding a non-null value has both, none of them flagged inexact (writers may
///   truncate long strings and say so). A chunk whose rows are all null needs none.
/// - Distinct count: only a single chunk's, since distinct counts do not add up.
struct FooterColumnStatistics {
    let type: DataType
    private(set) var nullCount: Int? = 0
    private(set) var boundsAreComplete = true
    private(set) var minimum: BoundValue?
    private(set) var maximum: BoundValue?
    private var chunks = 0
    private var singleChunkDistinctCount: Int?

    init(type: DataType) {
        self.type = type
    }

    /// The distinct count a footer states, when the whole column is one chunk.
    var distinctCount: Int? { chunks == 1 ? singleChunkDistinctCount : nil }

    /// Adds one column chunk of `rows` rows.
    mutating func add(_ statistics: Statistics?, rows: Int64, descriptor: ColumnDescriptor) {
        guard rows > 0 else { return }
        chunks += 1
        guard let statistics else {
            nullCount = nil
            boundsAreComplete = false
            return
        }
        singleChunkDistinctCount = statistics.distinctCount.map(Int.init)
        if let chunkNulls = statistics.nullCount, let total = nullCount {
            nullCount = total + Int(chunkNulls)
        } else {
            nullCount = nil
        }
        if statistics.nullCount == rows { return }
        guard type != .json, statistics.isMinValueExact != false, statistics.isMaxValueExact != false else {
            boundsAreComplete = false
            return
        }
        let bounds = descriptor.statisticsBounds(statistics)
        guard let low = bounds.min.flatMap({ BoundValue($0, as: type) }),
              let high = bounds.max.flatMap({ BoundValue($0, as: type) }) else {
            boundsAreComplete = false
            return
        }
        if minimum.map({ low.isLess(than: $0, as: type) }) ?? true { minimum = low }
        if maximum.map({ $0.isLess(than: high, as: type) }) ?? true { maximum = high }
    }
}

/// A footer minimum or maximum in the storage form of the column's ``DataType``, so it
/// compares and renders exactly like values read from data.
enum BoundValue: Equatable {
    case boolean(Bool)
    case int(Int64)
    case double(Double)
    case bytes([UInt8])

    /// `nil` for values with no storage form here (INT96, FLOAT16, lists) and for NaN.
    init?(_ value: ParquetValue, as type: DataType) {
        switch value {
        case let .bool(flag): self = .boolean(flag)
        case let .int(number): self = .int(number)
        case let .uint(number): self = .int(Int64(bitPattern: number))
        case let .date(days): self = .int(days)
        case let .time(number, _): self = .int(number)
        case let .timestamp(number, _, _): self = .int(number)
        case let .float(number) where !number.isNaN: self = .double(Double(number))
        case let .double(number) where !number.isNaN: self = .double(number)
        case let .string(text): self = .bytes(Array(text.utf8))
        case let .bytes(bytes), let .uuid(bytes): self = .bytes(bytes)
        case let .decimal(decimal):
            guard let bound = Self.decimal(decimal.unscaled, storage: type.storage) else { return nil }
            self = bound
        default: return nil
        }
    }

    /// A decimal's unscaled value as the column stores it: `Int64` up to precision 18,
    /// big-endian two's complement above.
    private static func decimal(_ unscaled: ParquetDecimal.Unscaled, storage: ColumnValues.Kind) -> BoundValue? {
        switch (unscaled, storage) {
        case let (.integer(number), .int):
            return .int(number)
        case let (.integer(number), .bytes):
            return .bytes(withUnsafeBytes(of: number.bigEndian) { Array($0) })
        case let (.bigEndian(bytes), .bytes):
            return .bytes(bytes)
        case let (.bigEndian(bytes), .int):
            // Sign-extend into 64 bits; wider encodings of a precision-18 value carry only sign bytes in front.
            guard let first = bytes.first else { return nil }
            let fill: UInt8 = first & 0x80 != 0 ? 0xFF : 0x00
            let significant = bytes.drop { $0 == fill }
            guard significant.count <= 8 else { return nil }
            var number: UInt64 = fill == 0xFF ? .max : 0
            for byte in bytes.suffix(8) { number = number << 8 | UInt64(byte) }
            return .int(Int64(bitPattern: number))
        default:
            return nil
        }
    }

    func isLess(than other: BoundValue, as type: DataType) -> Bool {
        switch (self, other) {
        case let (.boolean(a), .boolean(b)): return !a && b
        case let (.int(a), .int(b)): return type == .uint64 ? UInt64(bitPattern: a) < UInt64(bitPattern: b) : a < b
        case let (.double(a), .double(b)): return a < b
        case let (.bytes(a), .bytes(b)):
            if case .decimal = type {
                return a.withUnsafeBytes { a in b.withUnsafeBytes { b in ByteOrder.signedBigEndianLess(a, b) } }
            }
            return a.withUnsafeBytes { a in b.withUnsafeBytes { b in ByteOrder.unsignedLess(a, b) } }
        default: return false
        }
    }

    func text(as type: DataType) -> String {
        switch self {
        case let .boolean(flag): ValueText.boolean(flag)
        case let .int(number): ValueText.integer(number, as: type)
        case let .double(number): ValueText.double(number, as: type)
        case let .bytes(bytes): ValueText.bytes(bytes, as: type)
        }
    }
}
