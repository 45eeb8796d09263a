import SluiceCatalog

/// What a column can be in a mart built from column semantics, decided from the catalog's
/// metadata alone: its storage type, semantic domain, PII verdict and distinct count.
///
/// | column | role |
/// |---|---|
/// | text or boolean with at most ``categoryLimit`` values, not PII, not a key | ``category`` |
/// | date | ``date``, by day when it has at most ``rawDateLimit`` values, else by month |
/// | timestamp | ``date``, by day |
/// | `money.amount`, `measure.quantity` | ``summed`` |
/// | `money.price`, `measure.ratio`, `measure.percent`, `measure.score` | ``averaged`` |
/// | anything else (keys, free text, PII in a grouping, numbers of no known meaning) | ``unused`` |
///
/// Amounts and quantities add up (a market value over positions); prices, rates and
/// percentages do not, so they are averaged. Keys are left out of groupings because one
/// group per key is the rows themselves.
enum ColumnRole: Equatable {
    case category(values: Int)
    /// A date dimension; `truncation` is the unit its values are cut to, if any.
    case date(truncation: DateUnit?)
    case summed
    case averaged
    case unused(reason: String)

    /// Most distinct values a grouping column may have.
    static let categoryLimit = 50
    /// Most distinct values a date may have and still be grouped day by day.
    static let rawDateLimit = 62

    static let summedDomains: Set<String> = ["money.amount", "measure.quantity"]
    static let averagedDomains: Set<String> = ["money.price", "measure.ratio", "measure.percent", "measure.score"]
    /// Domains whose values identify rows or other tables' rows rather than describe them.
    static let keyDomains: Set<String> = ["id.key", "id.reference"]
    static let freeTextDomains: Set<String> = ["text.free"]

    /// The role of `column` in a mart whose rows are those of `grainTable` (see ``MartGrain``):
    /// a column unique in its table still groups well when its table is not the grain (the
    /// instrument's name in a mart of orders), but not when it is (one group per row).
    init(_ column: ColumnMetadata, grainTable: String?) {
        let type = StagedColumnType(catalogType: column.dataType)
        let domain = column.domain.name
        let values = column.profile.distinctCount
        if column.pii.effectiveIsPII {
            self = .unused(reason: "PII, not a grouping key (it would group masked values)")
            return
        }
        switch type {
        case .date:
            self = .date(truncation: values <= Self.rawDateLimit ? nil : .month)
        case .timestamp:
            self = .date(truncation: .day)
        case .integer, .real:
            if Self.keyDomains.contains(domain) {
                self = .unused(reason: "a key (\(domain)), not a value to group by or add up")
            } else if Self.summedDomains.contains(domain) {
                self = .summed
            } else if Self.averagedDomains.contains(domain) {
                self = .averaged
            } else {
                self = .unused(reason: "a number of no known meaning (\(domain)): neither an amount to add up nor a rate to average")
            }
        case .text, .boolean:
            if Self.keyDomains.contains(domain) {
                self = .unused(reason: "a key (\(domain)), not a value to group by")
            } else if Self.freeTextDomains.contains(domain) {
                self = .unused(reason: "free text, not a value to group by")
            } else if values > Self.categoryLimit {
                self = .unused(reason: "\(values) distinct values, too many to group by (at most \(Self.categoryLimit))")
            } else if column.profile.isUnique && column.table == grainTable {
                self = .unused(reason: "unique in \(column.table), whose rows the mart counts: one group per row")
            } else {
                self = .category(values: values)
            }
        case .blob:
            self = .unused(reason: "binary data")
        }
    }

    var isDimension: Bool {
        switch self {
        case .category, .date: true
        default: false
        }
    }

    var isMeasure: Bool { self == .summed || self == .averaged }
}
