import SluiceGovernance

/// Redacts values of PII columns where they turn up inside other columns' stored text:
/// an AML narrative that names "Dmitri Volkov", a note that quotes an e-mail address.
///
/// The catalog masks PII columns, but free text in a column that is not PII can still
/// carry a client's name. Each PII value the scan read (the detector's sample, up to
/// ``ProfileOptions/detectionSampleLimit`` distinct values per column) is replaced,
/// where it stands as whole words, by its masked form (`D***** V*****`), or by
/// `[redacted]` when its rule keeps nothing. Values the scan did not read this time
/// (unchanged datasets) are not known, so `sluice scan --full` redacts with all of them.
struct PIIRedaction {
    /// First word of a PII value → the values starting with it and their replacements, longest first.
    private var byFirstWord: [Substring: [(value: String, replacement: String)]] = [:]

    /// Values shorter than this are not redacted inside text: "Li" or "AG" would hit ordinary words.
    static let minimumLength = 4

    var isEmpty: Bool { byFirstWord.isEmpty }

    mutating func add(values: [String], rule: MaskingRule) {
        for value in values where value.count >= Self.minimumLength {
            guard let first = Self.words(of: value).first else { continue }
            let replacement = rule.apply(value) ?? "[redacted]"
            byFirstWord[value[first], default: []].append((value, replacement))
        }
        for key in byFirstWord.keys {
            byFirstWord[key]?.sort { $0.value.count > $1.value.count }
        }
    }

    /// `profile` with every PII value inside its samples, top values and min/max redacted.
    func redact(_ profile: ColumnProfile) -> ColumnProfile {
        var copy = profile
        copy.min = profile.min.map(redact)
        copy.max = profile.max.map(redact)
        copy.samples = profile.samples.map(redact)
        copy.topValues = profile.topValues.map { ValueFrequency(value: redact($0.value), count: $0.count) }
        return copy
    }

    func redact(_ text: String) -> String {
        var result = ""
        var position = text.startIndex
        for word in Self.words(of: text) where word.lowerBound >= position {
            guard let candidates = byFirstWord[text[word]] else { continue }
            for candidate in candidates where text[word.lowerBound...].hasPrefix(candidate.value) {
                let end = text.index(word.lowerBound, offsetBy: candidate.value.count)
                guard end == text.endIndex || !Self.isWordCharacter(text[end]) else { continue }
                result += text[position..<word.lowerBound] + candidate.replacement
                position = end
                break
            }
        }
        return position == text.startIndex ? text : result + text[position...]
    }

    /// The ranges of the runs of letters and digits in `text`.
    private static func words(of text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            if isWordCharacter(text[index]) {
                if start == nil { start = index }
            } else if let begun = start {
                ranges.append(begun..<index)
                start = nil
            }
            index = text.index(after: index)
        }
        if let begun = start { ranges.append(begun..<text.endIndex) }
        return ranges
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
