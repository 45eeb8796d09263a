import SluiceCore

/// Columns stored as bytes: strings, JSON, binary, fixed-width binary, UUIDs and decimals
/// above precision 18. Each value is read in place from the column's byte buffer.
///
/// Minimum and maximum follow Parquet's sort orders (``ByteOrder``): unsigned bytes,
/// which for UTF-8 strings is code point order, and numeric order for decimals. JSON
/// columns get none, since the order of JSON texts means nothing. Strings also get their
/// average length in characters (Unicode scalars, as Python's `len` counts them).
struct ByteColumnAccumulator: ColumnAccumulator {
    let type: DataType
    private let detectionLimit: Int
    private let hasOrder: Bool
    private let isDecimal: Bool
    private let isString: Bool
    private var counter: ByteValueCounter
    private var rows = 0
    private var nulls = 0
    private var characters = 0
    private var hasValue = false
    private var minimum: [UInt8] = []
    private var maximum: [UInt8] = []

    init(type: DataType, options: ProfileOptions) {
        self.type = type
        self.detectionLimit = options.detectionSampleLimit
        self.hasOrder = type != .json
        self.isString = type == .string
        if case .decimal = type { isDecimal = true } else { isDecimal = false }
        self.counter = ByteValueCounter(exactLimit: options.exactDistinctLimit,
                                        firstSeenCapacity: ColumnAccumulators.firstSeenCapacity(options),
                                        sketchCapacity: options.keySketchCapacity, sketchHashing: Self.sketchHashing(for: type))
    }

    /// Strings and UUIDs may be join keys; a string's bytes are its text, a UUID's text is its hex form.
    private static func sketchHashing(for type: DataType) -> ByteValueCounter.SketchHashing {
        switch type {
        case .string: .valueBytes
        case .uuid: .text { bytes in ValueText.withUTF8(uuid: bytes) { ValueHash.text($0) } }
        default: .none
        }
    }

    mutating func add(_ column: Column) {
        guard case let .bytes(values) = column.values else {
            preconditionFailure("column \(column.field.name) is not stored as bytes")
        }
        rows += values.count
        let validity = column.validity
        values.bytes.withUnsafeBytes { bytes in
            values.offsets.withUnsafeBufferPointer { offsets in
                for row in 0..<values.count {
                    if let validity, !validity[row] {
                        nulls += 1
                        continue
                    }
                    observe(UnsafeRawBufferPointer(rebasing: bytes[offsets[row]..<offsets[row + 1]]))
                }
            }
        }
    }

    /// Adds `occurrences` rows holding `value` (`nil`: null) at once; partition columns,
    /// whose value is the same for every row of a file, are counted this way.
    mutating func add(repeated value: [UInt8]?, occurrences: Int) {
        guard occurrences > 0 else { return }
        rows += occurrences
        guard let value else {
            nulls += occurrences
            return
        }
        value.withUnsafeBytes { observe($0, occurrences: occurrences) }
    }

    @inline(__always)
    private mutating func observe(_ value: UnsafeRawBufferPointer, occurrences: Int = 1) {
        counter.add(value, occurrences: occurrences)
        if isString {
            var count = 0
            // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a scalar.
            for byte in value where byte & 0xC0 != 0x80 { count += 1 }
            characters += count * occurrences
        }
        guard hasOrder else { return }
        if !hasValue {
            hasValue = true
            minimum = Array(value)
            maximum = Array(value)
            return
        }
        if isLess(value, minimum) { Self.replace(&minimum, with: value) }
        if isLess(maximum, value) { Self.replace(&maximum, with: value) }
    }

    @inline(__always)
    private func isLess(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        b.withUnsafeBytes { isDecimal ? ByteOrder.signedBigEndianLess(a, $0) : ByteOrder.unsignedLess(a, $0) }
    }

    @inline(__always)
    private func isLess(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.withUnsafeBytes { isDecimal ? ByteOrder.signedBigEndianLess($0, b) : ByteOrder.unsignedLess($0, b) }
    }

    private static func replace(_ bound: inout [UInt8], with value: UnsafeRawBufferPointer) {
        bound.removeAll(keepingCapacity: true)
        bound.append(contentsOf: value)
    }

    func statistics() -> DataStatistics {
        let summary = counter.summary()
        let type = type, isDecimal = isDecimal
        let render = { (value: [UInt8]) in ValueText.bytes(value, as: type) }
        let isLess = { (a: [UInt8], b: [UInt8]) -> Bool in
            a.withUnsafeBytes { a in
                b.withUnsafeBytes { b in isDecimal ? ByteOrder.signedBigEndianLess(a, b) : ByteOrder.unsignedLess(a, b) }
            }
        }
        var statistics = DataStatistics(profiledRows: rows, nullCount: nulls, distinctCount: summary.distinctCount,
                                        distinctMethod: summary.method, keySketch: summary.keySketch)
        if hasValue {
            statistics.min = render(minimum)
            statistics.max = render(maximum)
        }
        let nonNull = rows - nulls
        if isString && nonNull > 0 { statistics.averageLength = Double(characters) / Double(nonNull) }
        ColumnAccumulators.setSamples(&statistics, firstSeen: summary.firstSeen, detectionLimit: detectionLimit, render: render)
        statistics.topValues = ColumnAccumulators.topValues(summary.frequentCandidates, isLess: isLess, render: render)
        return statistics
    }
}
