import Foundation
import SluiceCore
import Testing
@testable import SluiceLake

@Suite struct CSVReaderTests {
    static func read(_ text: String, key: String = "data.csv", bom: Bool = false, options: CSVReadOptions = .init()) async throws -> ReadTable {
        let bytes = (bom ? TextPrefix.byteOrderMark : []) + Array(text.utf8)
        return try await ReadTable.read(try await CSVBatchReader.open(key, in: memoryStore(key, bytes), options: options))
    }

    /// Opens and reads everything, returning the error it must throw.
    static func failure(_ text: String, key: String = "bad.csv", options: CSVReadOptions = .init()) async -> LakeError? {
        await lakeError {
            _ = try await ReadTable.read(try await CSVBatchReader.open(key, in: memoryStore(key, Array(text.utf8)), options: options))
        }
    }

    /// A file with most of what goes wrong in real exports: a byte order mark, CRLF line
    /// ends, `;` as delimiter, quoted fields holding the delimiter, quotes and line ends,
    /// non-ASCII text, empty fields and no line end after the last record.
    static let awkward = """
        id;name;note;amount;active;opened\r
        1;"Lefèvre; Zoë";"said ""hi""\r
        then left";12.5;TRUE;2024-01-31\r
        2;Ærø;;-3;false;\r
        3;"";"multi\nline";1e3;true;2023-12-01\r
        \r
        4;北京;plain;;False;2020-02-29
        """

    @Test func readsAnAwkwardFile() async throws {
        let table = try await Self.read(Self.awkward, bom: true)
        #expect(table.fields.map(\.name) == ["id", "name", "note", "amount", "active", "opened"])
        #expect(table.fields.map(\.type) == [.int64, .string, .string, .float64, .boolean, .date])
        #expect(table.ints("id") == [1, 2, 3, 4])
        #expect(table.strings("name") == ["Lefèvre; Zoë", "Ærø", nil, "北京"])
        #expect(table.strings("note") == ["said \"hi\"\r\nthen left", nil, "multi\nline", "plain"])
        #expect(table.doubles("amount") == [12.5, -3, 1000, nil])
        #expect(table.bools("active") == [true, false, true, false])
        #expect(table.ints("opened") == [19_753, nil, 19_692, 18_321])
    }

    @Test func agreesWithPyArrowOnTheAwkwardFile() async throws {
        let bytes = TextPrefix.byteOrderMark + Array(Self.awkward.utf8)
        let table = try await ReadTable.read(try await CSVBatchReader.open("a.csv", in: memoryStore("a.csv", bytes)))
        let compared = try PyArrowCrossCheck.compare(table, bytes: bytes, name: "a.csv", mode: .csv, delimiter: UInt8(ascii: ";"))
        #expect(compared.count == 6, "compared \(compared)")
    }

    @Test(arguments: [(",", "a,b,c\n1,\"x,y\",3\n"), (";", "a;b;c\n1;\"x;y\";2,5\n"), ("\t", "a\tb\tc\n1\tx, y; z\t3\n"), ("|", "a|b|c\n1|x,y;z|3\n")])
    func detectsTheDelimiter(delimiter: String, text: String) async throws {
        let reader = try await CSVBatchReader.open("d.csv", in: memoryStore("d.csv", Array(text.utf8)))
        #expect(reader.delimiter == delimiter.utf8.first!)
        #expect(reader.fields.map(\.name) == ["a", "b", "c"])
    }

    @Test func anExplicitDelimiterWins() async throws {
        let table = try await Self.read("a;b,c\n1;2,3\n", options: CSVReadOptions(delimiter: UInt8(ascii: ";")))
        #expect(table.fields.map(\.name) == ["a", "b,c"])
        #expect(table.strings("b,c") == ["2,3"])
    }

    /// A chunk boundary can fall anywhere: inside a quoted field, between CR and LF,
    /// inside a doubled quote or a multi-byte character. Every chunk size gives the same table.
    @Test func chunkBoundariesFallAnywhere() async throws {
        let text = "k,v\r\n1,\"a\r\nb\"\"c\"\r\n2,é€\r\n3,\"\",\r\n"
        let whole = try await Self.read("k,v\r\n1,\"a\r\nb\"\"c\"\r\n2,é€\r\n", options: CSVReadOptions(chunkSize: 1 << 20))
        #expect(whole.strings("v") == ["a\r\nb\"c", "é€"])
        for chunkSize in 1...12 {
            let options = CSVReadOptions(delimiter: UInt8(ascii: ","), chunkSize: chunkSize)
            let table = try await Self.read("k,v\r\n1,\"a\r\nb\"\"c\"\r\n2,é€\r\n", options: options)
            #expect(table.strings("v") == whole.strings("v"), "chunk size \(chunkSize)")
            #expect(table.ints("k") == [1, 2], "chunk size \(chunkSize)")
            // The ragged last record is reported on its own line at every chunk size.
            let error = await Self.failure(text, options: options)
            #expect(error?.message == "line 5: record has 3 fields, the header has 2", "chunk size \(chunkSize)")
        }
    }

    /// Old Mac exports end lines with a lone CR; spreadsheets write `5" disk` unquoted.
    @Test func loneCarriageReturnsAndStrayQuotes() async throws {
        let table = try await Self.read("a,b,c\r1,5\" disk,\r2,x,y")
        #expect(table.ints("a") == [1, 2])
        #expect(table.strings("b") == ["5\" disk", "x"])
        #expect(table.strings("c") == [nil, "y"])
        let error = await Self.failure("a,b\r1,\"x\ry\"\r3\r", options: CSVReadOptions(delimiter: UInt8(ascii: ",")))
        #expect(error?.message == "line 4: record has 1 field, the header has 2")
    }

    @Test func infersTypesFromTheSample() async throws {
        let table = try await Self.read("""
            flag,count,ratio,sci,day,local,zoned,mixed,empty,code,nan
            true,1,1,1e-3,2024-02-29,2024-02-29 10:00:00,2024-02-29T10:00:00Z,1,,007,NaN
            FALSE,-9223372036854775808,2.5,-2.5E+2,1970-01-01,1970-01-01,2024-02-29T12:30:00.25+02:30,x,,012,inf
            ,,,,,2024-02-29T10:00:00.123456,,true,,,-1.5
            """)
        #expect(table.fields.map(\.type) == [
            .boolean, .int64, .float64, .float64, .date, .timestamp(.micros, utc: false), .timestamp(.micros, utc: true),
            .string, .string, .string, .float64,
        ])
        #expect(table.ints("count") == [1, .min, nil])
        #expect(table.doubles("ratio") == [1, 2.5, nil])
        #expect(table.doubles("sci") == [0.001, -250, nil])
        #expect(table.ints("day") == [19_782, 0, nil])
        #expect(table.ints("local") == [1_709_200_800_000_000, 0, 1_709_200_800_123_456])
        // 12:30:00.25 at +02:30 is 10:00:00.25 UTC.
        #expect(table.ints("zoned") == [1_709_200_800_000_000, 1_709_200_800_250_000, nil])
        #expect(table.strings("mixed") == ["1", "x", "true"])
        #expect(table.strings("empty") == [nil, nil, nil])
        #expect(table.strings("code") == ["007", "012", nil])
        let nan = table.doubles("nan")
        #expect(nan[0]!.isNaN && nan[1] == .infinity && nan[2] == -1.5)
    }

    @Test func aValueAfterTheSampleThatDoesNotFitIsAnError() async throws {
        let error = await Self.failure("id,qty\n1,2\n2,3\n3,lots\n", options: CSVReadOptions(sampleRows: 2))
        #expect(error?.kind == .malformedData)
        #expect(error?.key == "bad.csv")
        #expect(error?.message.hasPrefix(#"line 4: column "qty" value "lots" is not int64, the type inferred from the first 2 rows"#) == true)
        #expect(error?.description.contains("memory://test/bad.csv: line 4") == true)
        // A larger sample widens the type instead.
        let table = try await Self.read("id,qty\n1,2\n2,3\n3,lots\n", options: CSVReadOptions(sampleRows: 3))
        #expect(table.strings("qty") == ["2", "3", "lots"])
    }

    @Test func aRaggedRowNamesItsLineAfterAMultiLineField() async throws {
        let error = await Self.failure("a,b\n1,\"one\ntwo\nthree\"\n2,x,extra\n")
        #expect(error?.kind == .malformedData)
        #expect(error?.key == "bad.csv")
        #expect(error?.message == "line 5: record has 3 fields, the header has 2")
        let short = await Self.failure("a,b\r\n1,2\r\n3\r\n", options: CSVReadOptions(delimiter: UInt8(ascii: ",")))
        #expect(short?.message == "line 3: record has 1 field, the header has 2")
    }

    @Test func anUnterminatedQuoteNamesTheLineWhereItOpened() async throws {
        let error = await Self.failure("a,b\n1,2\n3,\"never\nclosed\n")
        #expect(error?.message == "line 3: quoted field 2 is never closed")
        let stray = await Self.failure("a,b\n1,\"x\"y\n")
        #expect(stray?.message.hasPrefix("line 2: field 2 has 'y' after its closing quote") == true)
    }

    @Test func headerNamesAreCheckedAndFilledIn() async throws {
        let table = try await Self.read("id,,name\n1,2,x\n")
        #expect(table.fields.map(\.name) == ["id", "column_2", "name"])
        let error = await Self.failure("id,name,id\n1,2,3\n")
        #expect(error?.message == #"line 1: header names column "id" twice (fields 1 and 3)"#)
        let empty = await Self.failure("")
        #expect(empty?.message.hasPrefix("no header row") == true)
        let headerOnly = try await Self.read("a,b\r\n")
        #expect(headerOnly.rowCount == 0 && headerOnly.fields.map(\.type) == [.string, .string])
    }

    @Test func batchesHoldAtMostBatchRows() async throws {
        let text = "n\n" + (1...10).map(String.init).joined(separator: "\n")
        let table = try await Self.read(text, options: CSVReadOptions(sampleRows: 3, batchRows: 4, chunkSize: 5))
        #expect(table.batchSizes == [4, 4, 2])
        #expect(table.ints("n") == (1...10).map { Int64($0) })
    }

    /// Memory stays bounded: after the first read every GET is a range of at most one chunk.
    @Test func readsInRangedChunks() async throws {
        let text = "id,text\n" + (1...300).map { "\($0),\"row \($0), with a comma\"" }.joined(separator: "\n")
        let store = RequestCountingStore(base: memoryStore("big.csv", Array(text.utf8)))
        let options = CSVReadOptions(sampleRows: 10, batchRows: 100, chunkSize: 256, detectionBytes: 256)
        let table = try await ReadTable.read(try await CSVBatchReader.open("big.csv", in: store, options: options))
        #expect(table.rowCount == 300 && table.batchSizes == [100, 100, 100])
        let ranges = store.getRanges
        #expect(ranges.allSatisfy { $0 != nil && $0!.count <= 256 })
        #expect(ranges.compactMap { $0?.count }.reduce(0, +) == text.utf8.count)
    }

    @Test func readsFromAFolderStore() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            try await store.put("in/trades.TSV", bytes: Array("sym\tpx\nAAPL\t1.5\n".utf8))
            let reader = try await LakeFileReader.open("in/trades.TSV", in: store)
            #expect(reader.format == .tsv)
            let table = try await ReadTable.read(reader)
            #expect(table.strings("sym") == ["AAPL"] && table.doubles("px") == [1.5])
            let error = await lakeError { _ = try await CSVBatchReader.open("in/missing.csv", in: store) }
            #expect(error?.kind == .notFound)
        }
    }
}
