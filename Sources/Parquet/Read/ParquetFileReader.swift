public struct ParquetReadOptions: Sendable {
    /// Check page CRCs where the writer stored them; a mismatch is an error.
    public var verifyChecksums = true

    public init(verifyChecksums: Bool = true) {
        self.verifyChecksums = verifyChecksums
    }
}

/// Reads a Parquet file through a ``RandomAccessByteSource``.
///
/// Opening costs one read of the file's tail (64 KiB, or less for smaller files),
/// plus a second when the footer is larger than that. Each column chunk is then
/// fetched with one ranged read of exactly its bytes, so a projection reads only
/// the columns it names.
///
/// ```swift
/// let reader = try await ParquetFileReader.open(path: "trades.parquet")
/// for group in 0..<reader.rowGroupCount {
///     let columns = try await reader.readRowGroup(group, columns: try reader.columnIndices(named: ["price"]))
/// }
/// ```
public final class ParquetFileReader: Sendable {
    public let source: any RandomAccessByteSource
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    public let options: ParquetReadOptions

    static let magic: [UInt8] = Array("PAR1".utf8)
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)
    /// The first read of the tail; most footers fit.
    static let initialTailRead = 64 * 1024

    public var numRows: Int64 { metadata.numRows }
    public var rowGroupCount: Int { metadata.rowGroups.count }
    public var keyValueMetadata: [KeyValue] { metadata.keyValueMetadata ?? [] }

    init(source: any RandomAccessByteSource, metadata: FileMetaData, schema: ParquetSchema, options: ParquetReadOptions) {
        self.source = source
        self.metadata = metadata
        self.schema = schema
        self.options = options
    }

    public static func open(path: String, options: ParquetReadOptions = .init()) async throws -> ParquetFileReader {
        try await open(FileByteSource(path: path), options: options)
    }

    public static func open(_ source: any RandomAccessByteSource, options: ParquetReadOptions = .init()) async throws -> ParquetFileReader {
        try await inContext(source.name) {
            let size = source.size
            guard size >= 12 else {
                throw ParquetError.truncated("file has \(size) bytes, a Parquet file has at least 12")
            }
            let tailLength = min(size, initialTailRead)
            var tail = try await source.read((size - tailLength)..<size)
            guard tail.count == tailLength else { throw ParquetError(.io, "short read of the footer") }
            let trailer = Array(tail[(tailLength - 4)...])
            if trailer == encryptedMagic {
                throw ParquetError.unsupported("encrypted file not supported (footer is encrypted, magic PARE)")
            }
            guard trailer == magic else {
                throw ParquetError.corrupt("not a Parquet file: last 4 bytes are not PAR1")
            }
            var lengthReader = ByteReader(tail, offset: tailLength - 8)
            let footerLength = Int(try lengthReader.readUInt32LE())
            guard footerLength > 0, footerLength <= size - 12 else {
                throw ParquetError.corrupt("footer length \(footerLength) does not fit in a file of \(size) bytes")
            }
            if footerLength + 8 > tailLength {
                let missing = try await source.read((size - 8 - footerLength)..<(size - tailLength))
                tail = missing + tail
            }
            let footerEnd = tail.count - 8
            let metadata = try inContext("footer") {
                try tail.withUnsafeBytes { raw in
                    try FileMetaData(thriftBytes: UnsafeRawBufferPointer(rebasing: raw[(footerEnd - footerLength)..<footerEnd]))
                }
            }
            if metadata.isEncrypted || metadata.rowGroups.contains(where: { $0.columns.contains { $0.isEncrypted } }) {
                throw ParquetError.unsupported("encrypted file not supported (columns are encrypted)")
            }
            let schema = try inContext("schema") { try ParquetSchema(elements: metadata.schema) }
            try validate(metadata, schema: schema, fileSize: size)
            return ParquetFileReader(source: source, metadata: metadata, schema: schema, options: options)
        }
    }

    /// Checks what later reads rely on, so a bad footer fails at open with a precise message.
    private static func validate(_ metadata: FileMetaData, schema: ParquetSchema, fileSize: Int) throws {
        for (groupIndex, group) in metadata.rowGroups.enumerated() {
            try inContext("row group \(groupIndex)") {
                guard group.numRows >= 0 else { throw ParquetError.corrupt("negative row count \(group.numRows)") }
                guard group.columns.count == schema.columns.count else {
                    throw ParquetError.corrupt("has \(group.columns.count) column chunks, schema has \(schema.columns.count) leaves")
                }
                for (columnIndex, chunk) in group.columns.enumerated() {
                    let column = schema.columns[columnIndex]
                    try inContext("column \"\(column.name)\"") {
                        guard let meta = chunk.metaData else { throw ParquetError.corrupt("column chunk has no metadata") }
                        guard meta.type == column.physicalType else {
                            throw ParquetError.corrupt("chunk type \(meta.type) differs from schema type \(column.physicalType)")
                        }
                        if chunk.filePath != nil {
                            throw ParquetError.unsupported("column chunk stored in another file (\(chunk.filePath!))")
                        }
                        let range = try chunkRange(meta)
                        guard range.isEmpty || (range.lowerBound >= 4 && range.upperBound <= fileSize - 8) else {
                            throw ParquetError.corrupt("chunk bytes \(range) lie outside the data region of a \(fileSize)-byte file")
                        }
                    }
                }
            }
        }
    }

    /// The byte range of a column chunk: from the dictionary page (if any) through the compressed size.
    static func chunkRange(_ meta: ColumnMetaData) throws -> Range<Int> {
        // pyarrow writes the chunks of an empty row group with no pages and offset 0.
        if meta.totalCompressedSize == 0 && meta.numValues == 0 { return 0..<0 }
        // Some writers store 0 for an absent dictionary page, others 0 for the data page
        // of a chunk that holds only a dictionary; no page can start inside the magic.
        let candidates = [meta.dictionaryPageOffset, meta.dataPageOffset].compactMap { $0 }.filter { $0 >= 4 }
        guard let start = candidates.min() else {
            throw ParquetError.corrupt("chunk has no valid page offset (data page \(meta.dataPageOffset), dictionary page \(meta.dictionaryPageOffset.map(String.init) ?? "none"))")
        }
        guard meta.totalCompressedSize >= 0, start <= Int64(Int.max) - meta.totalCompressedSize else {
            throw ParquetError.corrupt("invalid chunk offset \(start) or size \(meta.totalCompressedSize)")
        }
        return Int(start)..<Int(start + meta.totalCompressedSize)
    }

    /// Bytes read past a chunk's stated end for writers with PARQUET-816.
    static let parquet816Padding = 100

    /// parquet-mr before 1.2.9 (PARQUET-816) left the dictionary page header out of a
    /// chunk's compressed size. Like Arrow, read a little past the stated end for
    /// files from those versions, and from parquet-mr builds that state no version.
    static func understatesChunkSizes(createdBy: String?) -> Bool {
        guard let createdBy, createdBy.hasPrefix("parquet-mr") else { return false }
        let words = createdBy.split(separator: " ")
        guard words.count >= 3, words[1] == "version" else { return true }
        let numbers = words[2].split(separator: "-")[0].split(separator: ".").map { Int($0) ?? 0 }
        let version = numbers + [Int](repeating: 0, count: max(0, 3 - numbers.count))
        return version.lexicographicallyPrecedes([1, 2, 9])
    }

    /// Leaf indices for column names. A name matches a leaf's dotted path or a top-level field
    /// (which selects all its leaves). `nil` selects every column.
    public func columnIndices(named names: [String]?) throws -> [Int] {
        guard let names else { return schema.columns.map(\.index) }
        var result: [Int] = []
        for name in names {
            let matches = schema.columns.filter { $0.name == name || $0.fieldName == name }
            guard !matches.isEmpty else {
                let available = schema.columns.map(\.name).joined(separator: ", ")
                throw ParquetError.invalidArgument("no column \"\(name)\" in \(source.name) (columns: \(available))")
            }
            for match in matches where !result.contains(match.index) { result.append(match.index) }
        }
        return result
    }

    /// Footer statistics of one column chunk, as stored.
    public func statistics(rowGroup: Int, column: Int) -> Statistics? {
        metadata.rowGroups[rowGroup].columns[column].metaData?.statistics
    }

    /// Reads the given leaf columns (all when `nil`) of one row group.
    public func readRowGroup(_ index: Int, columns: [Int]? = nil) async throws -> [ParquetColumn] {
        try checkRowGroup(index)
        var result: [ParquetColumn] = []
        for column in columns ?? schema.columns.map(\.index) {
            result.append(try await readColumn(rowGroup: index, column: column))
        }
        return result
    }

    /// Reads the given leaf columns of one row group, decoding columns in parallel tasks.
    public func readRowGroupConcurrently(_ index: Int, columns: [Int]? = nil) async throws -> [ParquetColumn] {
        try checkRowGroup(index)
        let wanted = columns ?? schema.columns.map(\.index)
        return try await withThrowingTaskGroup(of: (Int, ParquetColumn).self) { group in
            for (position, column) in wanted.enumerated() {
                group.addTask { (position, try await self.readColumn(rowGroup: index, column: column)) }
            }
            var result = [ParquetColumn?](repeating: nil, count: wanted.count)
            for try await (position, column) in group { result[position] = column }
            return result.map { $0! }
        }
    }

    private func checkRowGroup(_ index: Int) throws {
        guard index >= 0, index < rowGroupCount else {
            throw ParquetError.invalidArgument("row group \(index) does not exist (file has \(rowGroupCount))").within(source.name)
        }
    }

    /// Reads one leaf column of one row group.
    public func readColumn(rowGroup: Int, column: Int) async throws -> ParquetColumn {
        guard column >= 0, column < schema.columns.count else {
            throw ParquetError.invalidArgument("column \(column) does not exist (file has \(schema.columns.count))").within(source.name)
        }
        let descriptor = schema.columns[column]
        return try await inContext(source.name) {
            try await inContext("row group \(rowGroup)") {
                try await inContext("column \"\(descriptor.name)\"") {
                    let group = metadata.rowGroups[rowGroup]
                    let meta = group.columns[column].metaData!
                    var range = try Self.chunkRange(meta)
                    if Self.understatesChunkSizes(createdBy: metadata.createdBy) {
                        range = range.lowerBound..<min(source.size, range.upperBound + Self.parquet816Padding)
                    }
                    let bytes = try await source.read(range)
                    var decoder = ColumnChunkDecoder(
                        descriptor: descriptor, metadata: meta, chunkStart: range.lowerBound,
                        rowCount: Int(group.numRows), verifyChecksums: options.verifyChecksums
                    )
                    return try decoder.decode(bytes)
                }
            }
        }
    }
}
