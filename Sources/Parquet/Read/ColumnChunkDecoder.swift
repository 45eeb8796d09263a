// OWNED BY: lead. Being written.
struct ColumnChunkDecoder {
    let descriptor: ColumnDescriptor
    let metadata: ColumnMetaData
    let chunkStart: Int
    let rowCount: Int
    let verifyChecksums: Bool

    mutating func decode(_ bytes: [UInt8]) throws -> ParquetColumn { fatalError("unmerged") }
}
