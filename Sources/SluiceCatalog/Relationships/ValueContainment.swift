/// How many of a foreign key's distinct values were found among a key's values, and how
/// that was established.
///
/// The sketches (``KeySketch``) decide when they can: below their capacity they hold every
/// value and the answer is exact; above it, the hashes of the referencing column that fall
/// within the key sketch's range are a uniform sample, and the share found among them
/// estimates the containment (the rule of ``KeySketch/containment(in:)``).
///
/// A small foreign key against a large key samples few hashes in that range (25 client ids
/// against a 64-hash sketch of 250 clients sample about 6). When fewer than
/// ``minimumSample`` land there and the key is a gap-free integer range (`1…N`, unique),
/// the profile's min and max decide instead: every integer between them is a key.
struct ValueContainment: Sendable {
    enum Method: Sendable {
        /// Both sides' sketches hold every distinct value.
        case exact
        /// From the hashes of the referencing column within the key sketch's range.
        case estimated
        /// The referencing values lie inside a key that is every integer from its min to its max.
        case denseRange
    }

    /// Estimates from fewer sampled hashes than this defer to a dense key range when there is one.
    static let minimumSample = 8

    let method: Method
    /// Distinct values checked: all of them (exact, dense range) or the sampled ones.
    let considered: Int
    let found: Int

    /// The share of checked values found in the key, 0…1.
    var fraction: Double { considered == 0 ? 0 : Double(found) / Double(considered) }

    /// The fraction as evidence for a confidence: an estimate counts as if one more sampled
    /// value had been missing, so that a handful of lucky hashes cannot give full certainty,
    /// while 60 sampled hashes all found still give 0.98.
    var strength: Double {
        switch method {
        case .exact, .denseRange: fraction
        case .estimated: Double(found) / Double(considered + 1)
        }
    }
}

/// A candidate key prepared for many containment checks: its hash set is built once.
struct KeySketchIndex: Sendable {
    let hashes: Set<UInt64>
    /// Hashes above this cannot be judged: the key sketch dropped values there.
    let limit: UInt64

    init(_ sketch: KeySketch) {
        hashes = Set(sketch.hashes)
        limit = sketch.isComplete ? UInt64.max : (sketch.hashes.last ?? 0)
    }

    /// The same estimate as ``KeySketch/containment(in:)``, with the count of hashes it rests on.
    func containment(of sketch: KeySketch) -> (considered: Int, found: Int) {
        var considered = 0
        var found = 0
        // Ascending hashes: the first one above the limit ends the comparable range.
        for hash in sketch.hashes {
            guard hash <= limit else { break }
            considered += 1
            if hashes.contains(hash) { found += 1 }
        }
        return (considered, found)
    }
}

/// An integer column's range from its profile, and whether it is gap-free.
struct IntegerRange: Sendable {
    let lower: Int64
    let upper: Int64
    /// Unique, non-null, and as many rows as integers in `lower…upper`: every one is present.
    let isDense: Bool

    init?(_ profile: ColumnProfile) {
        guard let min = profile.min.flatMap(Int64.init), let max = profile.max.flatMap(Int64.init), min <= max else { return nil }
        lower = min
        upper = max
        let (span, overflow) = max.subtractingReportingOverflow(min)
        isDense = !overflow && profile.isUnique && profile.nullCount == 0
            && profile.profiledRows == profile.rowCount && span + 1 == Int64(profile.rowCount)
    }

    func contains(_ other: IntegerRange) -> Bool { lower <= other.lower && other.upper <= upper }
    func overlaps(_ other: IntegerRange) -> Bool { lower <= other.upper && other.lower <= upper }
}
