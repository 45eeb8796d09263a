import Foundation
import SluiceCore
import Testing
@testable import SluiceLake

@Suite struct JSONReaderTests {
    static func read(_ text: String, key: String = "data.json", options: JSONReadOptions = .init()) async throws -> (JSONBatchReader.Layout, ReadTable) {
        let reader = try await JSONBatchReader.open(key, in: memoryStore(key, Array(text.utf8)), options: options)
        return (reader.layout, try await ReadTable.read(reader))
    }

    static func failure(_ text: String, key: String = "bad.json", options: JSONReadOptions = .init()) async -> LakeError? {
        await lakeError { _ = try await read(text, key: key, options: options) }
    }

    /// Nested objects, arrays, missing keys, nulls, escapes and non-ASCII text, one object per line.
    static let lines = #"""
        {"id": 1, "name": "Zoë \"Z\" Lefèvre", "address": {"city": "Oslo", "geo": {"lat": 59.9}}, "tags": ["a", "b"], "score": 1, "joined": "2024-01-31"}

        {"id": 2, "name": "北京\n\u00e9\ud83d\ude00", "address": {"city": null}, "score": 2.5, "joined": "2023-12-01", "vip": true}
        {"id": 3, "address": {"geo": {"lat": -1e2}}, "tags": [], "score": -4, "vip": false}
        """#

    @Test func readsNewlineDelimitedRecords() async throws {
        let (layout, table) = try await Self.read(Self.lines, key: "people.ndjson")
        #expect(layout == .lines)
        #expect(table.fields.map(\.name) == ["id", "name", "address.city", "address.geo.lat", "tags", "score", "joined", "vip"])
        #expect(table.fields.map(\.type) == [.int64, .string, .string, .float64, .json, .float64, .date, .boolean])
        #expect(table.ints("id") == [1, 2, 3])
        #expect(table.strings("name") == ["Zoë \"Z\" Lefèvre", "北京\né😀", nil])
        #expect(table.strings("address.city") == ["Oslo", nil, nil])
        #expect(table.doubles("address.geo.lat") == [59.9, nil, -100])
        #expect(table.strings("tags") == [#"["a","b"]"#, nil, "[]"])
        #expect(table.doubles("score") == [1, 2.5, -4])
        #expect(table.ints("joined") == [19_753, 19_692, nil])
        #expect(table.bools("vip") == [nil, true, false])
    }

    @Test func agreesWithPyArrowOnNewlineDelimitedRecords() async throws {
        let bytes = Array(Self.lines.utf8)
        let (_, table) = try await Self.read(Self.lines, key: "p.jsonl")
        let compared = try PyArrowCrossCheck.compare(table, bytes: bytes, name: "p.jsonl", mode: .ndjson)
        #expect(compared.count >= 6, "compared \(compared)")
    }

    @Test func skipsAByteOrderMarkAndCarriageReturns() async throws {
        let good = TextPrefix.byteOrderMark + Array("{\"a\": 1}\r\n\r\n{\"a\": 2, \"b\": \"é\"}\r\n".utf8)
        let bad = good + Array("{\"a\": }\r\n".utf8)
        let error = await lakeError { _ = try await ReadTable.read(try await JSONBatchReader.open("b.json", in: memoryStore("b.json", bad))) }
        #expect(error?.message == "line 4: invalid JSON: unexpected '}' where a value should be")
        let table = try await ReadTable.read(try await JSONBatchReader.open("b.json", in: memoryStore("b.json", good)))
        #expect(table.ints("a") == [1, 2] && table.strings("b") == [nil, "é"])
    }

    static let array = """
        [
          {"id": 1, "when": "2024-02-29T10:00:00Z",
           "payload": {"kind": "buy", "qty": 10}},
          {"id": 2, "when": "2024-02-29T12:30:00+02:30", "payload": {"kind": "sell, \\"short\\"", "qty": 2.5}},
          {"id": 3, "when": null, "payload": {"kind": "]}[{", "qty": null}}
        ]

        """

    @Test func readsATopLevelArrayAtEveryChunkSize() async throws {
        let (layout, whole) = try await Self.read(Self.array)
        #expect(layout == .array)
        #expect(whole.fields.map(\.name) == ["id", "when", "payload.kind", "payload.qty"])
        #expect(whole.fields.map(\.type) == [.int64, .timestamp(.micros, utc: true), .string, .float64])
        #expect(whole.ints("when") == [1_709_200_800_000_000, 1_709_200_800_000_000, nil])
        #expect(whole.strings("payload.kind") == ["buy", "sell, \"short\"", "]}[{"])
        #expect(whole.doubles("payload.qty") == [10, 2.5, nil])
        for chunkSize in 1...9 {
            let (_, table) = try await Self.read(Self.array, options: JSONReadOptions(batchRows: 2, chunkSize: chunkSize))
            #expect(table.batchSizes == [2, 1])
            for field in whole.fields {
                #expect(table.columns[field.name].map { "\($0)" } == whole.columns[field.name].map { "\($0)" }, "chunk size \(chunkSize)")
            }
        }
        let compared = try PyArrowCrossCheck.compare(whole, bytes: Array(Self.array.utf8), name: "a.json", mode: .jsonArray)
        #expect(compared.count >= 3, "compared \(compared)")
    }

    @Test func infersTypesAcrossRecords() async throws {
        let (_, table) = try await Self.read("""
            {"i": 1, "f": 1, "mixed": 1, "nulls": null, "day": "2024-01-31", "local": "2024-01-31", "text": "2024-01-31", "list": [1]}
            {"i": -2, "f": 0.5, "mixed": "x", "nulls": null, "day": "1970-01-01", "local": "2024-01-31 08:00:00", "text": "soon", "list": {"a": 1}}
            {"i": 9223372036854775807, "f": 1e400, "mixed": [true], "day": null, "local": null, "text": null, "list": null}
            """)
        #expect(table.fields.map(\.name) == ["i", "f", "mixed", "nulls", "day", "local", "text", "list", "list.a"])
        #expect(table.fields.map(\.type) == [.int64, .float64, .string, .string, .date, .timestamp(.micros, utc: false), .string, .json, .int64])
        #expect(table.ints("i") == [1, -2, .max])
        #expect(table.doubles("f") == [1, 0.5, .infinity])
        #expect(table.strings("mixed") == ["1", "x", "[true]"])
        #expect(table.strings("nulls") == [nil, nil, nil])
        #expect(table.ints("local") == [1_706_659_200_000_000, 1_706_688_000_000_000, nil])
        #expect(table.strings("list") == ["[1]", nil, nil])
        #expect(table.ints("list.a") == [nil, 1, nil])
    }

    @Test func aBadLineNamesItsLine() async throws {
        let error = await Self.failure("{\"a\": 1}\n\n{\"a\": 2,}\n{\"a\": 3}\n", key: "events.ndjson")
        #expect(error?.kind == .malformedData)
        #expect(error?.key == "events.ndjson")
        #expect(error?.message == "line 3: invalid JSON: expected a quoted key, found '}'")
        let truncated = await Self.failure("{\"a\": 1}\n{\"a\": \"open\n")
        #expect(truncated?.message == "line 2: invalid JSON: a string is never closed")
    }

    @Test func aRecordThatIsNotAnObjectIsAnError() async throws {
        let error = await Self.failure("{\"a\": 1}\n[1, 2]\n")
        #expect(error?.message == "line 2: expected a JSON object as a record, found an array")
        let scalar = await Self.failure("[{\"a\": 1},\n 42]")
        #expect(scalar?.message == "line 2: expected a JSON object as a record, found a number")
        let start = await Self.failure("\n\n\"text\"")
        #expect(start?.message.hasPrefix("line 3: a JSON file of records starts with") == true)
    }

    @Test func anArrayErrorNamesTheLineOfTheOffendingByte() async throws {
        let error = await Self.failure("[\n {\"a\": 1},\n {\"a\":\n   tru}\n]")
        #expect(error?.message == "line 4: invalid JSON: unexpected 't' where a value should be")
        let unclosed = await Self.failure("\n[{\"a\": 1},\n{\"a\": 2}")
        #expect(unclosed?.message == "line 2: the top-level array opened here is never closed")
        let trailingComma = await Self.failure("[{\"a\": 1},\n]")
        #expect(trailingComma?.message == "line 2: expected an array element, found ']'")
        let after = await Self.failure("[{\"a\": 1}]\n\n{}")
        #expect(after?.message == "line 3: unexpected text after the closing ']' of the top-level array")
    }

    @Test func theSampleSetsColumnsAndTypes() async throws {
        let newKey = await Self.failure("{\"a\": 1}\n{\"a\": 2, \"b\": 3}\n", options: JSONReadOptions(sampleRows: 1))
        #expect(newKey?.message.hasPrefix(#"line 2: key "b" is not in the first 1 records"#) == true)
        let wider = await Self.failure("{\"a\": 1}\n{\"a\": 2.5}\n", options: JSONReadOptions(sampleRows: 1))
        #expect(wider?.message.hasPrefix(#"line 2: key "a" value 2.5 is not int64"#) == true)
        let (_, empty) = try await Self.read("")
        #expect(empty.fields.isEmpty && empty.rowCount == 0)
        let (_, emptyArray) = try await Self.read(" [ ] ")
        #expect(emptyArray.fields.isEmpty && emptyArray.rowCount == 0)
    }
}
