/// How ``CSVBatchReader`` reads a file.
public struct CSVReadOptions: Sendable {
    /// The field separator; `nil` detects it among `,` `;` tab `|` from the first lines
    /// (see ``CSVDelimiterDetection``).
    public var delimiter: UInt8?
    /// How many data rows (after the header) type inference looks at. A later value that
    /// does not fit the inferred type is an error that says to raise this.
    public var sampleRows: Int
    /// The most rows in one ``SluiceCore/RecordBatch``.
    public var batchRows: Int
    /// The size of each ranged read; the reader holds about one chunk plus the sample.
    public var chunkSize: Int
    /// How many bytes from the start of the file delimiter detection looks at.
    public var detectionBytes: Int

    public init(delimiter: UInt8? = nil, sampleRows: Int = 10_000, batchRows: Int = 65_536,
                chunkSize: Int = 4 << 20, detectionBytes: Int = 64 << 10) {
        precondition(sampleRows > 0 && batchRows > 0 && chunkSize > 0 && detectionBytes > 0, "CSV read options must be positive")
        self.delimiter = delimiter
        self.sampleRows = sampleRows
        self.batchRows = batchRows
        self.chunkSize = chunkSize
        self.detectionBytes = detectionBytes
    }
}
