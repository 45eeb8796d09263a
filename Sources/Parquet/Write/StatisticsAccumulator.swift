/// How the values of a column compare, for min/max statistics: the format's
/// "sort order", which follows the logical type, not just the physical one.
///
/// An `INT(32, false)` stored in INT32 compares unsigned; strings, UUIDs and
/// other binaries compare as unsigned bytes; decimals stored as bytes compare as
/// big-endian two's-complement numbers; FLOAT16 compares as the float it holds.
/// A reader that assumed the wrong order would skip row groups that hold the
/// rows it wants, so getting this right matters more than writing statistics at all.
enum ValueOrder: Equatable {
    case boolean, signedInt32, unsignedInt32, signedInt64, unsignedInt64, float, double, float16
    case unsignedBytes, signedDecimalBytes

    init(field: ParquetField) {
        switch (field.physicalType, field.logicalType) {
        case (.boolean, _): self = .boolean
        case (.int32, .integer(_, false)?): self = .unsignedInt32
        case (.int32, _): self = .signedInt32
        case (.int64, .integer(_, false)?): self = .unsignedInt64
        case (.int64, _): self = .signedInt64
        case (.float, _): self = .float
        case (.double, _): self = .double
        case (.fixedLenByteArray, .float16?): self = .float16
        case (.fixedLenByteArray, .decimal?), (.byteArray, .decimal?): self = .signedDecimalBytes
        case (.byteArray, _), (.fixedLenByteArray, _), (.int96, _): self = .unsignedBytes
        }
    }

    /// The deprecated `min`/`max` fields were defined with signed comparisons; like
    /// Arrow, they are written only where that is the column's order, since older
    /// readers use them without looking at the logical type.
    var isSigned: Bool {
        switch self {
        case .unsignedInt32, .unsignedInt64, .unsignedBytes: false
        case .boolean, .signedInt32, .signedInt64, .float, .double, .float16, .signedDecimalBytes: true
        }
    }

    /// Compares two PLAIN-encoded values (without length prefix) that are not NaN.
    func isLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .boolean: a[0] < b[0]
        case .signedInt32: a.loadUnaligned(as: Int32.self) < b.loadUnaligned(as: Int32.self)
        case .unsignedInt32: a.loadUnaligned(as: UInt32.self) < b.loadUnaligned(as: UInt32.self)
        case .signedInt64: a.loadUnaligned(as: Int64.self) < b.loadUnaligned(as: Int64.self)
        case .unsignedInt64: a.loadUnaligned(as: UInt64.self) < b.loadUnaligned(as: UInt64.self)
        case .float: Float(bitPattern: a.loadUnaligned(as: UInt32.self)) < Float(bitPattern: b.loadUnaligned(as: UInt32.self))
        case .double: Double(bitPattern: a.loadUnaligned(as: UInt64.self)) < Double(bitPattern: b.loadUnaligned(as: UInt64.self))
        case .float16: Self.float16Rank(a) < Self.float16Rank(b)
        case .unsignedBytes: a.lexicographicallyPrecedes(b)
        case .signedDecimalBytes: Self.decimalIsLess(a, b)
        }
    }

    /// Whether a value takes part in min/max at all: NaN is unordered, so it is left out.
    func isOrdered(_ value: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .float16: value.loadUnaligned(as: UInt16.self).littleEndian & 0x7FFF <= 0x7C00
        default: true
        }
    }

    /// A half float's bits as an integer in the float's order (sign-magnitude to signed);
    /// both zeros rank 0, like the values they stand for.
    private static func float16Rank(_ value: UnsafeRawBufferPointer) -> Int {
        let bits = UInt16(littleEndian: value.loadUnaligned(as: UInt16.self))
        let magnitude = Int(bits & 0x7FFF)
        return bits & 0x8000 != 0 ? -magnitude : magnitude
    }

    /// Big-endian two's complement of any lengths: a negative number is below any
    /// other; within one sign, the shorter is sign-extended and the bytes compare unsigned.
    private static func decimalIsLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let aNegative = (a.first ?? 0) & 0x80 != 0
        let bNegative = (b.first ?? 0) & 0x80 != 0
        if aNegative != bNegative { return aNegative }
        let pad: UInt8 = aNegative ? 0xFF : 0x00
        let width = max(a.count, b.count)
        for index in 0..<width {
            let x = index < width - a.count ? pad : a[index - (width - a.count)]
            let y = index < width - b.count ? pad : b[index - (width - b.count)]
            if x != y { return x < y }
        }
        return false
    }
}

/// Collects the least and greatest value of a column chunk, as PLAIN bytes.
///
/// The writer feeds it the values of PLAIN pages and, once, the entries of the
/// dictionary: every dictionary entry comes from some value of the chunk, so
/// the result is exact while a dictionary-encoded value is never compared at all.
/// Nulls and NaN are skipped; if nothing is left, ``statistics(nullCount:)``
/// has no min or max, which readers take as "unknown".
struct StatisticsAccumulator {
    let order: ValueOrder
    private(set) var minimum: [UInt8]?
    private(set) var maximum: [UInt8]?

    init(order: ValueOrder) {
        self.order = order
    }

    mutating func include(_ values: [Bool], in ranges: [Range<Int>], validity: [Bool]?) {
        includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { _ in true }, isLess: { !$0 && $1 })
    }

    mutating func include(_ values: [Int32], in ranges: [Range<Int>], validity: [Bool]?) {
        if order == .unsignedInt32 {
            includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { _ in true }) { UInt32(bitPattern: $0) < UInt32(bitPattern: $1) }
        } else {
            includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { _ in true }, isLess: <)
        }
    }

    mutating func include(_ values: [Int64], in ranges: [Range<Int>], validity: [Bool]?) {
        if order == .unsignedInt64 {
            includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { _ in true }) { UInt64(bitPattern: $0) < UInt64(bitPattern: $1) }
        } else {
            includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { _ in true }, isLess: <)
        }
    }

    mutating func include(_ values: [Float], in ranges: [Range<Int>], validity: [Bool]?) {
        includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { !$0.isNaN }, isLess: <)
    }

    mutating func include(_ values: [Double], in ranges: [Range<Int>], validity: [Bool]?) {
        includeFixedWidth(values, in: ranges, validity: validity, isOrdered: { !$0.isNaN }, isLess: <)
    }

    mutating func include(_ values: ByteArrayBuffer, in ranges: [Range<Int>], validity: [Bool]?) {
        values.offsets.withUnsafeBufferPointer { offsets in
            includeBinary(values.bytes, in: ranges, validity: validity) { offsets[$0]..<offsets[$0 + 1] }
        }
    }

    mutating func include(_ values: FixedBuffer, in ranges: [Range<Int>], validity: [Bool]?) {
        let width = values.width
        includeBinary(values.bytes, in: ranges, validity: validity) { ($0 * width)..<(($0 + 1) * width) }
    }

    /// The format's Statistics. A zero minimum is written as -0.0 and a zero maximum as
    /// +0.0, as the format asks, so a reader that compares floats bitwise never prunes a zero of the other sign.
    func statistics(nullCount: Int) -> Statistics {
        var result = Statistics(nullCount: Int64(nullCount))
        guard var minimum, var maximum else { return result }
        switch order {
        case .float:
            if Float(bitPattern: Self.load(minimum)) == 0 { minimum = Self.bytes(of: (-0.0 as Float).bitPattern) }
            if Float(bitPattern: Self.load(maximum)) == 0 { maximum = Self.bytes(of: (0.0 as Float).bitPattern) }
        case .double:
            if Double(bitPattern: Self.load(minimum)) == 0 { minimum = Self.bytes(of: (-0.0 as Double).bitPattern) }
            if Double(bitPattern: Self.load(maximum)) == 0 { maximum = Self.bytes(of: (0.0 as Double).bitPattern) }
        case .float16:
            if minimum[0] == 0 && minimum[1] & 0x7F == 0 { minimum = [0x00, 0x80] }
            if maximum[0] == 0 && maximum[1] & 0x7F == 0 { maximum = [0x00, 0x00] }
        default:
            break
        }
        result.minValue = minimum
        result.maxValue = maximum
        if order.isSigned {
            result.min = minimum
            result.max = maximum
        }
        return result
    }

    /// Folds in one candidate minimum and maximum (PLAIN bytes).
    private mutating func merge(min candidateMin: [UInt8], max candidateMax: [UInt8]) {
        if let minimum {
            if isLess(candidateMin, minimum) { self.minimum = candidateMin }
        } else {
            minimum = candidateMin
        }
        if let maximum {
            if isLess(maximum, candidateMax) { self.maximum = candidateMax }
        } else {
            maximum = candidateMax
        }
    }

    private func isLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in order.isLess(a, b) } }
    }

    /// One typed pass over the non-null values at `ranges`, so the hot loop compares
    /// machine numbers; only the two winners are turned into bytes.
    private mutating func includeFixedWidth<T>(
        _ values: [T], in ranges: [Range<Int>], validity: [Bool]?,
        isOrdered: (T) -> Bool, isLess: (T, T) -> Bool
    ) {
        var least: T?
        var greatest: T?
        values.withUnsafeBufferPointer { values in
            for range in ranges {
                for index in range where validity?[index] ?? true {
                    let value = values[index]
                    guard isOrdered(value) else { continue }
                    if let current = least {
                        if isLess(value, current) { least = value }
                        if isLess(greatest!, value) { greatest = value }
                    } else {
                        least = value
                        greatest = value
                    }
                }
            }
        }
        guard let least, let greatest else { return }
        merge(min: Self.plainBytes(of: least), max: Self.plainBytes(of: greatest))
    }

    /// Like ``includeFixedWidth(_:in:validity:isOrdered:isLess:)`` for values that are byte
    /// ranges of one buffer: tracks where the winners are and copies only them.
    private mutating func includeBinary(
        _ bytes: [UInt8], in ranges: [Range<Int>], validity: [Bool]?, bounds: (Int) -> Range<Int>
    ) {
        let winners: (Range<Int>, Range<Int>)? = bytes.withUnsafeBytes { buffer in
            var least: Range<Int>?
            var greatest: Range<Int>?
            func value(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[range]) }
            for range in ranges {
                for index in range where validity?[index] ?? true {
                    let candidate = bounds(index)
                    guard order.isOrdered(value(candidate)) else { continue }
                    if let current = least {
                        if order.isLess(value(candidate), value(current)) { least = candidate }
                        if order.isLess(value(greatest!), value(candidate)) { greatest = candidate }
                    } else {
                        least = candidate
                        greatest = candidate
                    }
                }
            }
            guard let least, let greatest else { return nil }
            return (least, greatest)
        }
        guard let (least, greatest) = winners else { return }
        merge(min: Array(bytes[least]), max: Array(bytes[greatest]))
    }

    /// The bytes of a fixed-width value as PLAIN writes it (a boolean is one byte). The
    /// value's memory is little-endian, as on every platform this package builds for;
    /// ``ValueOrder/isLess(_:_:)`` reads it back the same way.
    private static func plainBytes<T>(of value: T) -> [UInt8] {
        if let flag = value as? Bool { return [flag ? 1 : 0] }
        return withUnsafeBytes(of: value) { Array($0) }
    }

    private static func bytes<T: FixedWidthInteger>(of value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    private static func load<T: FixedWidthInteger>(_ bytes: [UInt8]) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
    }
}
