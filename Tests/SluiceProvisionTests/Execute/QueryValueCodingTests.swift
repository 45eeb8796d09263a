import Foundation
import SluiceProvision
import Testing

/// `QueryValue` reads and writes the plain JSON its documentation promises, so `--json`
/// consumers see `[1, 2.5, "x", null]` rather than Swift's enum encoding.
@Suite struct QueryValueCodingTests {
    @Test func cellsEncodeAsPlainJSONValues() throws {
        let result = QueryResult(columns: ["a", "b", "c", "d", "e"],
                                 rows: [[.integer(7), .real(2.5), .text("Lefèvre"), .null, .blob([0, 255])]], truncated: false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(result), as: UTF8.self)
        #expect(text == #"{"columns":["a","b","c","d","e"],"rows":[[7,2.5,"Lefèvre",null,{"base64":"AP8="}]],"truncated":false}"#)
        #expect(try JSONDecoder().decode(QueryResult.self, from: Data(text.utf8)) == result)
    }

    @Test func aBlobObjectWithoutBase64IsAnError() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([QueryValue].self, from: Data(#"[{"base64":"%%%"}]"#.utf8))
        }
    }
}
