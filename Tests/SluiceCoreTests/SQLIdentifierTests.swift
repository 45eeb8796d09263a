import Testing
@testable import SluiceCore

@Suite struct SQLIdentifierTests {
    @Test func quotesPlainNames() throws {
        #expect(try SQLIdentifier("positions").quoted == "\"positions\"")
    }

    @Test func doublesEmbeddedQuotesSoInjectionStaysOneIdentifier() throws {
        let hostile = try SQLIdentifier("x\"; DROP TABLE clients; --")
        #expect(hostile.quoted == "\"x\"\"; DROP TABLE clients; --\"")
    }

    @Test func keepsUnicode() throws {
        #expect(try SQLIdentifier("Zürich_ümsatz").quoted == "\"Zürich_ümsatz\"")
    }

    @Test func rejectsEmptyNulAndOverlongNames() {
        #expect(throws: SluiceError.invalidIdentifier("", reason: "it is empty")) { try SQLIdentifier("") }
        #expect(throws: SluiceError.self) { try SQLIdentifier("a\u{0}b") }
        #expect(throws: SluiceError.self) { try SQLIdentifier(String(repeating: "é", count: 32)) }
        #expect(throws: Never.self) { try SQLIdentifier(String(repeating: "a", count: 63)) }
    }

    @Test func qualifiesWithSchema() throws {
        #expect(try QualifiedName(schema: "data_mart", name: "dm_x").quoted == "\"data_mart\".\"dm_x\"")
    }
}
