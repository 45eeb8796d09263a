import Testing
@testable import SluiceCore

@Suite struct RecordBatchTests {
    @Test func storageFollowsType() {
        #expect(DataType.decimal(precision: 18, scale: 2).storage == .int)
        #expect(DataType.decimal(precision: 19, scale: 2).storage == .bytes)
        #expect(DataType.timestamp(.micros, utc: true).storage == .int)
        #expect(DataType.uuid.storage == .bytes)
        #expect(DataType.float32.storage == .double)
    }

    @Test func columnRejectsMismatchedStorageAndNullsInRequiredField() {
        #expect(throws: SluiceError.self) { try Column(field: Field("a", .string), values: .int([1])) }
        #expect(throws: SluiceError.self) {
            try Column(field: Field("a", .int64, nullable: false), values: .int([1, 2]), validity: [true, false])
        }
        #expect(throws: SluiceError.self) { try Column(field: Field("a", .int64), values: .int([1, 2]), validity: [true]) }
    }

    @Test func allValidFlagsCollapseToNil() throws {
        let column = try Column(field: Field("a", .int64), values: .int([1, 2]), validity: [true, true])
        #expect(column.validity == nil)
        #expect(!column.isNull(1))
    }

    @Test func batchRequiresEqualLengthsAndDistinctNames() throws {
        let a = try Column(field: Field("a", .int64), values: .int([1, 2]))
        let b = try Column(field: Field("b", .string), values: .bytes(ByteColumn(strings: ["x"])))
        #expect(throws: SluiceError.self) { try RecordBatch(columns: [a, b]) }
        #expect(throws: SluiceError.self) { try RecordBatch(columns: [a, a]) }
        let batch = try RecordBatch(columns: [a])
        #expect(batch.rowCount == 2)
        #expect(batch.column(named: "a") == a)
    }

    @Test func byteColumnKeepsUnicode() {
        let column = ByteColumn(strings: ["Lefèvre", "", "東京"])
        #expect(column.count == 3)
        #expect(column.string(at: 0) == "Lefèvre")
        #expect(column.string(at: 1) == "")
        #expect(column.string(at: 2) == "東京")
    }
}
