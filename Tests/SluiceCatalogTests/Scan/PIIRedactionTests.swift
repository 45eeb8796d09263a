@testable import SluiceCatalog
import SluiceGovernance
import Testing

@Suite struct PIIRedactionTests {
    private var redaction: PIIRedaction {
        var redaction = PIIRedaction()
        redaction.add(values: ["Dmitri Volkov", "Amélie Lefèvre", "Li", "Volkov"], rule: .maskName)
        redaction.add(values: ["anna.keller@bank.ch"], rule: .maskEmail)
        redaction.add(values: ["1985-03-02"], rule: .null)
        return redaction
    }

    @Test func replacesWholeWordsWithTheMaskedForm() {
        #expect(redaction.redact("Beneficial owner Dmitri Volkov matches a list") == "Beneficial owner D***** V***** matches a list")
        #expect(redaction.redact("Amélie Lefèvre: transfers") == "A***** L******: transfers")
        #expect(redaction.redact("Mr Volkov again") == "Mr V***** again", "the longest known value wins, shorter ones still apply")
        #expect(redaction.redact("mail anna.keller@bank.ch now") == "mail a*********@bank.ch now")
        #expect(redaction.redact("born 1985-03-02.") == "born [redacted].")
    }

    @Test func leavesOtherTextAlone() {
        #expect(redaction.redact("Liquid large caps, Volkovich Ltd") == "Liquid large caps, Volkovich Ltd", "no partial words, no short values")
        #expect(redaction.redact("") == "")
        #expect(PIIRedaction().isEmpty)
    }

    @Test func redactsEveryStoredValueOfAProfile() {
        let profile = ColumnProfile(rowCount: 2, profiledRows: 2, nullCount: 0, distinctCount: 2, distinctMethod: .exact,
                                    min: "Dmitri Volkov: alert", max: "Zeta", samples: ["Dmitri Volkov: alert", "Zeta"],
                                    topValues: [ValueFrequency(value: "Dmitri Volkov: alert", count: 1)])
        let redacted = redaction.redact(profile)
        #expect(redacted.min == "D***** V*****: alert" && redacted.max == "Zeta")
        #expect(redacted.samples == ["D***** V*****: alert", "Zeta"])
        #expect(redacted.topValues == [ValueFrequency(value: "D***** V*****: alert", count: 1)])
    }
}
