/// The generated description of one column, from its profile and PII verdict:
/// `string, 3 distinct, no nulls. Values: BUY (260), SELL (200), SHRT (55).`
///
/// A column that counts as PII never shows values, not even masked ones: the text is
/// embedded and may be sent to an embedding provider, which must see metadata only.
struct ColumnDescription {
    /// Columns with at most this many distinct values list them all.
    static let categoricalLimit = 10

    let column: ColumnMetadata

    var typeClass: ColumnTypeClass { ColumnTypeClass(column.dataType) }

    var isPII: Bool { column.pii.effectiveIsPII }

    /// Every distinct value with its count, when there are few enough to list and the
    /// profile holds them all; `nil` for PII and for columns of many values.
    var categoricalValues: [ValueFrequency]? {
        let profile = column.profile
        guard !isPII, typeClass == .categorical, !profile.isUnique,
              (1...Self.categoricalLimit).contains(profile.distinctCount),
              profile.topValues.count == profile.distinctCount else { return nil }
        return profile.topValues
    }

    /// `PII (person_name)`, or `PII` when the kind is unknown.
    var piiLabel: String {
        column.pii.kind.map { "PII (\($0.rawValue))" } ?? "PII"
    }

    /// Whether the column identifies its rows: unique, non-null and not personal data.
    var isKeyCandidate: Bool {
        column.profile.isUnique && column.profile.nullCount == 0 && !isPII
    }

    var detailAgent: String {
        let profile = column.profile
        var sentences: [String] = []
        let distinct: String = if profile.isUnique {
            "unique"
        } else if profile.distinctMethod == .hyperLogLog {
            "about \(ReadableText.count(profile.distinctCount)) distinct"
        } else {
            "\(ReadableText.count(profile.distinctCount)) distinct"
        }
        let nulls = profile.nullCount == 0
            ? "no nulls"
            : "\(ReadableText.counted(profile.nullCount, "null")) (\(ReadableText.percent(profile.nullFraction)))"
        sentences.append("\(column.dataType), \(distinct), \(nulls)")

        if isPII {
            let masking = column.maskingRule.map { "masked with \($0.rawValue)" } ?? "no masking rule set"
            sentences.append("\(piiLabel), \(column.pii.status.rawValue); \(masking)")
        } else {
            if typeClass.hasMeaningfulRange, let min = profile.min, let max = profile.max {
                let low = ReadableText.value(min, dataType: column.dataType)
                let high = ReadableText.value(max, dataType: column.dataType)
                sentences.append(low == high ? "All values \(low)" : "Range \(low) to \(high)")
            }
            if let values = categoricalValues {
                let listed = values.map { "\(ReadableText.clipped($0.value)) (\(ReadableText.count($0.count)))" }
                sentences.append("Values: \(listed.joined(separator: ", "))")
            } else if !profile.samples.isEmpty {
                let examples = profile.samples.prefix(3).map { ReadableText.value($0, dataType: column.dataType) }
                sentences.append("Examples: \(examples.joined(separator: ", "))")
            }
            if column.pii.status == .rejected {
                sentences.append("Reviewed: not PII")
            }
        }
        if column.domain.name != SemanticDomain.unknown.name, column.domain.band != .low {
            sentences.append("Domain: \(column.domain.name)")
        }
        return sentences.map { $0 + "." }.joined(separator: " ")
    }
}
