import SluiceCore

/// The types one value could be read as; a column's type is the narrowest type in the
/// intersection over its sampled values.
struct TypeCandidates: OptionSet, Sendable {
    let rawValue: UInt8

    static let boolean = TypeCandidates(rawValue: 1 << 0)
    static let int64 = TypeCandidates(rawValue: 1 << 1)
    static let float64 = TypeCandidates(rawValue: 1 << 2)
    static let date = TypeCandidates(rawValue: 1 << 3)
    static let localTimestamp = TypeCandidates(rawValue: 1 << 4)
    static let zonedTimestamp = TypeCandidates(rawValue: 1 << 5)
    static let json = TypeCandidates(rawValue: 1 << 6)
    static let string = TypeCandidates(rawValue: 1 << 7)

    static let all = TypeCandidates(rawValue: .max)

    /// From narrowest to widest: the first one every value allows wins.
    private static let preference: [(TypeCandidates, DataType)] = [
        (.boolean, .boolean),
        (.int64, .int64),
        (.float64, .float64),
        (.date, .date),
        (.localTimestamp, .timestamp(.micros, utc: false)),
        (.zonedTimestamp, .timestamp(.micros, utc: true)),
        (.json, .json),
        (.string, .string),
    ]

    /// What a piece of text could be: the spellings of ``TextScalar``, and always a string.
    ///
    /// An integer is also a float (a column mixing `1` and `1.5` is float64), and a date
    /// is also a timestamp without a zone (midnight), so `2024-01-31` and
    /// `2024-01-31 10:00:00` make a timestamp column. A date never joins a zoned
    /// column: which zone its midnight is in would be a guess.
    static func of<C: Collection<UInt8>>(text: C) -> TypeCandidates {
        if TextScalar.boolean(text) != nil { return [.boolean, .string] }
        if TextScalar.int64(text) != nil { return [.int64, .float64, .string] }
        if TextScalar.float64(text) != nil { return [.float64, .string] }
        return temporal(text)
    }

    /// What a JSON string could be: a string, or a date or timestamp spelled in it.
    static func temporal<C: Collection<UInt8>>(_ text: C) -> TypeCandidates {
        if TextScalar.date(text) != nil { return [.date, .localTimestamp, .string] }
        if let timestamp = TextScalar.timestamp(text) { return [timestamp.zoned ? .zonedTimestamp : .localTimestamp, .string] }
        return .string
    }

    /// The narrowest type allowed, or `nil` when nothing is (values of incompatible kinds).
    var narrowestType: DataType? {
        Self.preference.first { contains($0.0) }?.1
    }
}

/// Accumulates the candidates of one column over the sample.
struct ColumnTypeInference: Sendable {
    private var candidates = TypeCandidates.all
    private var sawValue = false

    mutating func observe(_ valueCandidates: TypeCandidates) {
        candidates.formIntersection(valueCandidates)
        sawValue = true
    }

    /// The inferred type: a column with no non-null value in the sample is a string
    /// column, and one whose values share no type is `fallback`.
    func type(fallback: DataType = .string) -> DataType {
        guard sawValue else { return .string }
        return candidates.narrowestType ?? fallback
    }
}
