import SluiceCore

extension ColumnBuilder {
    /// Appends `text` read as the builder's type; `false` (and nothing appended) when
    /// it does not read as that type.
    ///
    /// Dates join a timestamp column without a zone as midnight, mirroring
    /// ``TypeCandidates/of(text:)``. Text that is not valid UTF-8 is stored with the
    /// bad sequences replaced by U+FFFD, so a string column always holds UTF-8.
    mutating func append<C: Collection<UInt8>>(text: C) -> Bool {
        switch field.type {
        case .boolean:
            guard let value = TextScalar.boolean(text) else { return false }
            append(value)
        case .int64:
            guard let value = TextScalar.int64(text) else { return false }
            append(value)
        case .float64:
            guard let value = TextScalar.float64(text) else { return false }
            append(value)
        case .date:
            guard let value = TextScalar.date(text) else { return false }
            append(value)
        case let .timestamp(_, utc):
            if let value = TextScalar.timestamp(text), value.zoned == utc {
                append(value.micros)
            } else if !utc, let days = TextScalar.date(text) {
                append(days * 86_400_000_000)
            } else {
                return false
            }
        default:
            if text.allSatisfy({ $0 < 0x80 }) {
                append(bytes: text)
            } else {
                append(bytes: String(decoding: text, as: UTF8.self).utf8)
            }
        }
        return true
    }
}
