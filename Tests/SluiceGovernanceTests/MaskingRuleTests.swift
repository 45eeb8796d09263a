import Crypto
import Foundation
import SluiceGovernance
import Testing

/// The exact outputs of `../shared/spec/governance.md`, which every backend must reproduce.
@Suite struct MaskingRuleTests {
    @Test(arguments: [
        (MaskingRule.maskName, "Dr. Elena Brunner", "D** E**** B******"),
        (.maskName, "Lefèvre", "L******"),
        (.maskName, "Zoë  Ó Briain", "Z**  Ó B*****"),
        (.maskAccount, "CH9300010001", "CH93********"),
        (.maskAccount, "CH93 0001", "CH93*****"),
        (.maskAccount, "CH9", "CH9"),
        (.maskISIN, "CH0012032048", "CH00*****048"),
        (.maskEmail, "elena.brunner@example.ch", "e***********@example.ch"),
        (.maskEmail, "é@exämple.ch", "é@exämple.ch"),
        (.maskEmail, "zoë.lefèvre@bank.fr", "z*********@bank.fr"),
        (.maskEmail, "@example.ch", "@example.ch"),
        (.maskEmail, "no-at-sign", "n*********"),
    ])
    func exactOutputs(rule: MaskingRule, input: String, expected: String) {
        #expect(rule.apply(input) == expected)
    }

    @Test func nullGivesNullForEveryRule() {
        let key = SymmetricKey(size: .bits256)
        for rule in MaskingRule.allCases {
            #expect(rule.apply(nil, key: key) == nil, "\(rule)")
        }
        #expect(MaskingRule.null.apply("anything") == nil)
    }

    @Test func hashIsAKeyedPseudonymOf16HexCharacters() throws {
        let key = SymmetricKey(data: Data("deployment-secret".utf8))
        let first = try #require(MaskingRule.hash.apply("CH9300762011623852957", key: key))
        #expect(first.count == 16)
        #expect(first.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(MaskingRule.hash.apply("CH9300762011623852957", key: key) == first)
        #expect(MaskingRule.hash.apply("CH9300762011623852958", key: key) != first)
        #expect(MaskingRule.hash.apply("CH9300762011623852957", key: SymmetricKey(data: Data("other".utf8))) != first)
        #expect(MaskingRule.hash.apply("x") == nil, "no key: nothing, never an unkeyed digest")
    }

    @Test func hashMatchesAnIndependentHMAC() throws {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog") from RFC 2104 test usage.
        let key = SymmetricKey(data: Data("key".utf8))
        #expect(MaskingRule.hash.apply("The quick brown fox jumps over the lazy dog", key: key) == "f7bc83f430538424")
    }

    @Test func classificationOrderAndParsing() throws {
        #expect(Classification.public < .internal && .internal < .confidential && .confidential < .restricted)
        #expect([Classification.internal, .restricted, .public].max() == .restricted)
        #expect(try Classification(parsing: "Confidential") == .confidential)
        #expect(throws: GovernanceError.unknownClassification("secret")) { try Classification(parsing: "secret") }
        #expect(try MaskingRule(parsing: "MASK_EMAIL") == .maskEmail)
    }
}
