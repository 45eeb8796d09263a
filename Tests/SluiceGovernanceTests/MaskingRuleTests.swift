import Crypto
import Foundation
import SluiceGovernance
import SluiceTestSupport
import Testing

/// The exact outputs of `../shared/spec/governance.md`, which every backend must reproduce.
@Suite struct MaskingRuleTests {
    @Test(arguments: MaskingCases.all)
    func exactOutputs(_ example: MaskingCase) throws {
        let rule = try MaskingRule(parsing: example.function)
        #expect(rule.apply(example.input, key: SymmetricKey(data: MaskingCases.hashKey)) == example.output, "\(example)")
    }

    @Test func theSharedCasesCoverEveryRule() {
        #expect(Set(MaskingCases.all.map(\.function)) == Set(MaskingRule.allCases.map(\.rawValue)))
    }

    /// Every example of the spec's masking table is a row of the shared cases, so the
    /// table every backend is tested on cannot drift from `../shared/spec/governance.md`.
    @Test func theSharedCasesHoldEverySpecExample() throws {
        let spec = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/governance.md"), encoding: .utf8)
        var examples: [(String, String, String)] = []
        for line in spec.split(separator: "\n") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("mask_"), cells[1].hasPrefix("`"), cells[2].hasPrefix("`") else { continue }
            examples.append((cells[0], cells[1].trimmingCharacters(in: ["`"]), cells[2].trimmingCharacters(in: ["`"])))
        }
        #expect(examples.count == 4)
        for (function, input, output) in examples {
            #expect(MaskingCases.all.contains { $0.function == function && $0.input == input && $0.output == output }, "\(function)(\(input))")
        }
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
