import SluiceCatalog
import SluiceCore

/// One column's exact statistics, computed from all its values as text: hand-made
/// columns for focused inference cases (see ``SyntheticLake``).
struct ExactColumnProfile: Sendable {
    let column: ColumnMetadata
    /// Distinct non-null values in first-seen order, for a sketch of any capacity; `nil` for PII
    /// columns and types that hold no keys, which get no sketch.
    let keyValues: [String]?

    /// Profiles `values` (`nil` is null), rendered as ``ColumnProfile`` renders them.
    /// A PII column keeps no min, max, samples or top values.
    init(table: String, name: String, position: Int, type: DataType, values: [String?], isPII: Bool = false) {
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []
        for case let value? in values {
            if counts[value] == nil { firstSeen.append(value) }
            counts[value, default: 0] += 1
        }
        let nullCount = values.count - counts.values.reduce(0, +)
        let ordered = Self.orderedForMinMax(firstSeen, type: type)
        let top = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { ValueFrequency(value: $0.key, count: $0.value) }
        let profile = ColumnProfile(
            rowCount: values.count, profiledRows: values.count, nullCount: nullCount, distinctCount: counts.count, distinctMethod: .exact,
            min: isPII ? nil : ordered.first, max: isPII ? nil : ordered.last, minMaxSource: .data,
            samples: isPII ? [] : Array(firstSeen.prefix(5)), topValues: isPII ? [] : Array(top),
            isUnique: nullCount == 0 && counts.count == values.count)
        let pii = isPII ? PIIVerdict(isPII: true, score: 1, matchedFraction: 1, reason: "PII by test fixture") : .notPII
        let holdsKeys: Bool = switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .string, .date: true
        default: false
        }
        column = ColumnMetadata(table: table, name: name, position: position, dataType: type.description,
                                isNullable: nullCount > 0, profile: profile, pii: pii)
        keyValues = holdsKeys && !isPII ? firstSeen : nil
    }

    /// The column with a sketch of `capacity` over its distinct values.
    func sketched(capacity: Int = KeySketch.defaultCapacity) -> ColumnMetadata {
        var sketched = column
        sketched.keySketch = keyValues.map { KeySketch(values: $0, capacity: capacity) }
        return sketched
    }

    /// Integers by value, everything else by text (ISO dates sort as text).
    private static func orderedForMinMax(_ values: [String], type: DataType) -> [String] {
        switch type.storage {
        case .int where type != .date: values.sorted { (Int64($0) ?? 0) < (Int64($1) ?? 0) }
        case .double: values.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        default: values.sorted()
        }
    }
}
