import Foundation
import SluiceTestSupport
import Testing
import Parquet

/// The README's "Reading and writing Parquet from Swift" example, run as written.
@Suite struct ReadmeExampleTests {
    @Test func writeThenReadAsInTheReadme() async throws {
        let folder = try Python.temporaryDirectory()
        let path = folder.appendingPathComponent("people.parquet").path

        let writer = try ParquetWriter(
            fields: [ParquetField(name: "id", physicalType: .int64, isNullable: false),
                     ParquetField(name: "name", physicalType: .byteArray, logicalType: .string)],
            sink: try FileByteSink(path: path))
        try await writer.write([
            ColumnData(storage: .int64([1, 2])),
            ColumnData(storage: .byteArray(ByteArrayBuffer(["Lefèvre", ""].map { Array($0.utf8) })), validity: [true, false]),
        ])
        try await writer.close()

        let reader = try await ParquetFileReader.open(path: path)
        let columns = try reader.columnIndices(named: ["id", "name"])
        var rendered: [String] = []
        for group in 0..<reader.rowGroupCount {
            #expect(reader.statistics(rowGroup: group, column: columns[1])?.nullCount == 1)
            for column in try await reader.readRowGroup(group, columns: columns) {
                rendered.append("\(column.descriptor.name)=\(column.value(at: 0).json)|\(column.value(at: 1).json)")
            }
        }
        #expect(rendered == ["id=1|2", "name=\"Lefèvre\"|null"])
    }
}
