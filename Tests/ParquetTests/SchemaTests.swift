import Testing
@testable import Parquet

@Suite struct SchemaTests {
    @Test func flatAndListColumnsGetLevelsAndShapes() throws {
        let schema = try ParquetSchema(elements: [
            SchemaElement(name: "schema", numChildren: 3),
            SchemaElement(type: .int64, repetitionType: .required, name: "id"),
            SchemaElement(type: .byteArray, repetitionType: .optional, name: "name", convertedType: .utf8),
            SchemaElement(repetitionType: .optional, name: "tags", numChildren: 1, convertedType: .list, logicalType: .list),
            SchemaElement(repetitionType: .repeated, name: "list", numChildren: 1),
            SchemaElement(type: .byteArray, repetitionType: .optional, name: "element", logicalType: .string),
        ])
        #expect(schema.columns.map(\.name) == ["id", "name", "tags.list.element"])
        #expect(schema.columns.map(\.maxDefinitionLevel) == [0, 1, 3])
        #expect(schema.columns.map(\.maxRepetitionLevel) == [0, 0, 1])
        #expect(schema.columns.map(\.shape) == [.flat, .flat, .list])
        #expect(schema.columns[1].logicalType == .string)
    }

    @Test func structMembersAreNested() throws {
        let schema = try ParquetSchema(elements: [
            SchemaElement(name: "schema", numChildren: 1),
            SchemaElement(repetitionType: .optional, name: "s", numChildren: 2),
            SchemaElement(type: .int32, repetitionType: .optional, name: "a"),
            SchemaElement(type: .int32, repetitionType: .required, name: "b"),
        ])
        #expect(schema.columns.map(\.shape) == [.nested, .nested])
        #expect(schema.columns.map(\.name) == ["s.a", "s.b"])
    }

    @Test func rejectsChildCountsThatOverrun() {
        #expect(throws: ParquetError.self) {
            try ParquetSchema(elements: [SchemaElement(name: "schema", numChildren: 5), SchemaElement(type: .int32, name: "a")])
        }
        #expect(throws: ParquetError.self) { try ParquetSchema(elements: []) }
    }
}

@Suite struct WriterVersionTests {
    @Test func parquetMRBefore129AndUnversionedNeedChunkPadding() {
        #expect(ParquetFileReader.understatesChunkSizes(createdBy: "parquet-mr"))
        #expect(ParquetFileReader.understatesChunkSizes(createdBy: "parquet-mr version 1.2.8"))
        #expect(!ParquetFileReader.understatesChunkSizes(createdBy: "parquet-mr version 1.2.9"))
        #expect(!ParquetFileReader.understatesChunkSizes(createdBy: "parquet-mr version 1.10.0 (build 031a6654)"))
        #expect(!ParquetFileReader.understatesChunkSizes(createdBy: "parquet-cpp-arrow version 14.0.2"))
        #expect(!ParquetFileReader.understatesChunkSizes(createdBy: nil))
    }
}
