import SluiceCore

/// Names what a column means — `person.name`, `finance.isin`, `money.amount`,
/// `id.key` — independent of how it is stored, with a confidence and the cues.
///
/// Evidence is weighed in a fixed order, strongest first:
/// 1. the PII verdict (a column of valid IBANs is `finance.iban`, whatever its name);
/// 2. the storage type where it is unambiguous (`timestamp` → `time.timestamp`);
/// 3. validated reference codes in the values (ISIN, LEI, SEDOL, ISO 4217/3166, ratings);
/// 4. key names with uniqueness (`order_id`, unique → `id.key`; repeating → `id.reference`);
/// 5. name words for measures (`market_value` → `money.amount`, `weight_pct` → `measure.percent`);
/// 6. the shape of string values (codes, labels, organisation names, free text).
///
/// Confidence reaches the high band (≥ 0.8) only when values confirm; a guess from
/// the name alone is borderline, a fallback low.
///
/// ```swift
/// let pii = PIIDetector().assess(sample)
/// let domain = DomainInference().domain(of: sample, pii: pii)
/// // domain.name == "finance.isin", domain.band == .high,
/// // domain.evidence == "34 of 34 sampled values are valid ISINs (Luhn check digit)"
/// ```
public struct DomainInference: Sendable {
    public init() {}

    public func domain(of sample: ColumnSample, pii: PIIVerdict) -> SemanticDomain {
        if pii.effectiveIsPII, let kind = pii.kind {
            return SemanticDomain(name: kind.domainName, confidence: max(0.5, min(0.99, pii.score)), evidence: pii.reason)
        }
        let words = ColumnNameCues.words(of: sample.column)
        let values = StringValueProfile(sample.values)

        switch sample.dataType {
        case .boolean:
            return SemanticDomain(name: "flag.boolean", confidence: 0.95, evidence: "type boolean")
        case .timestamp:
            return SemanticDomain(name: "time.timestamp", confidence: 0.95, evidence: "type \(sample.dataType)")
        case .date:
            return SemanticDomain(name: "time.date", confidence: 0.95, evidence: "type date")
        case .time:
            return SemanticDomain(name: "time.time_of_day", confidence: 0.95, evidence: "type \(sample.dataType)")
        default:
            break
        }

        if let key = keyDomain(sample, words: words) { return key }

        if let dominant = values.dominantReferenceCode, values.total > 0 {
            let (code, count) = dominant
            let f = Double(count) / Double(values.total)
            if f >= 0.5 {
                return SemanticDomain(name: code.domainName, confidence: 0.5 + 0.45 * f,
                                      evidence: "\(count) of \(values.total) sampled values are \(code.plural)")
            }
        }
        if values.total > 0, values.timestamps == values.total {
            return SemanticDomain(name: "time.timestamp", confidence: 0.9, evidence: "all \(values.total) sampled values are ISO-8601 timestamps")
        }
        if values.total > 0, values.dates == values.total {
            return SemanticDomain(name: "time.date", confidence: 0.9, evidence: "all \(values.total) sampled values are calendar dates")
        }

        if isNumeric(sample.dataType) || values.isAllNumeric {
            return measureDomain(words: words, column: sample.column, isStoredAsNumber: isNumeric(sample.dataType))
        }
        return textDomain(sample, words: words, values: values)
    }

    private func isNumeric(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .decimal: true
        default: false
        }
    }

    /// `order_id`, `id`, `clientId`: a key when unique and non-null, else a reference to one.
    private func keyDomain(_ sample: ColumnSample, words: [String]) -> SemanticDomain? {
        guard let last = words.last, DomainNameWords.keyWords.contains(last) else { return nil }
        if sample.isUnique, sample.nullCount == 0 {
            return SemanticDomain(name: "id.key", confidence: 0.9, evidence: "name ends in '\(last)'; unique and non-null")
        }
        return SemanticDomain(name: "id.reference", confidence: 0.75,
                              evidence: "name ends in '\(last)'; values repeat: refers to another table's key")
    }

    /// Numbers by the words of their name: money, percentages, ratios, quantities.
    private func measureDomain(words: [String], column: String, isStoredAsNumber: Bool) -> SemanticDomain {
        let typeNote = isStoredAsNumber ? "numeric" : "numbers as text"
        for (domain, vocabulary) in DomainNameWords.measures {
            if let word = words.first(where: vocabulary.contains) {
                return SemanticDomain(name: domain, confidence: 0.8, evidence: "\(typeNote); name word '\(word)'")
            }
        }
        if words.contains("year") {
            return SemanticDomain(name: "time.year", confidence: 0.7, evidence: "\(typeNote); name word 'year'")
        }
        return SemanticDomain(name: "measure.number", confidence: 0.4, evidence: "\(typeNote); no name word for a unit")
    }

    /// Strings that are neither PII nor reference codes: categories, names of
    /// organisations and places, free text.
    private func textDomain(_ sample: ColumnSample, words: [String], values: StringValueProfile) -> SemanticDomain {
        let n = values.total
        guard n > 0 else {
            return SemanticDomain(name: "unknown", confidence: 0, evidence: "no values sampled")
        }
        if values.urls * 2 > n {
            return SemanticDomain(name: "web.url", confidence: 0.85, evidence: "\(values.urls) of \(n) sampled values are URLs")
        }
        if values.timeZones * 2 > n {
            return SemanticDomain(name: "time.zone", confidence: 0.85, evidence: "\(values.timeZones) of \(n) sampled values are IANA time zones")
        }
        if values.averageWords >= 5 {
            return SemanticDomain(name: "text.free", confidence: 0.8,
                                  evidence: "free text: \(Int(values.averageWords.rounded())) words per value on average")
        }
        if let word = words.first(where: DomainNameWords.placeWords.contains) {
            return SemanticDomain(name: word == "country" ? "geo.country" : "geo.city", confidence: 0.7, evidence: "name word '\(word)'")
        }
        if values.organisations * 5 >= n || words.contains(where: DomainNameWords.organisationWords.contains) {
            let cue = words.first(where: DomainNameWords.organisationWords.contains).map { "name word '\($0)'" }
            let marks = values.organisations > 0 ? "\(values.organisations) of \(n) values carry a legal form or organisation word" : nil
            let confidence = (cue != nil && marks != nil) ? 0.85 : 0.6
            return SemanticDomain(name: "org.name", confidence: confidence, evidence: [cue, marks].compactMap { $0 }.joined(separator: "; "))
        }
        if words.last == "name" || words.last == "title" {
            return SemanticDomain(name: "entity.name", confidence: 0.5, evidence: "name word '\(words.last!)' in table \(sample.table)")
        }
        let distinct = max(sample.distinctCount, n)
        let isCategorical = distinct <= 60 && (sample.rowCount >= 2 * distinct || distinct <= 12)
        if isCategorical {
            if values.upperCodes == n {
                return SemanticDomain(name: "category.code", confidence: 0.8, evidence: "\(distinct) distinct upper-case codes")
            }
            return SemanticDomain(name: "category.label", confidence: 0.75, evidence: "\(distinct) distinct labels over \(sample.rowCount) rows")
        }
        if values.upperCodes == n {
            return SemanticDomain(name: "id.code", confidence: 0.55, evidence: "\(distinct) distinct upper-case identifiers")
        }
        return SemanticDomain(name: "text.string", confidence: 0.3, evidence: "no cue beyond type string")
    }
}

extension PIIKind {
    /// The semantic domain of a column holding this kind of data.
    public var domainName: String {
        switch self {
        case .personName: "person.name"
        case .email: "contact.email"
        case .phone: "contact.phone"
        case .iban: "finance.iban"
        case .cardNumber: "finance.card_number"
        case .ahvNumber: "id.ahv_number"
        case .dateOfBirth: "person.birth_date"
        case .postalAddress: "contact.address"
        case .nationalID: "id.national"
        }
    }
}
