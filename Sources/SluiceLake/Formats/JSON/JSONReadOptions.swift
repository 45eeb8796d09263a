/// How ``JSONBatchReader`` reads a file.
public struct JSONReadOptions: Sendable {
    /// How many records type inference and column discovery look at. A later record with
    /// a key not seen in the sample, or a value that does not fit its column's type, is an
    /// error that says to raise this.
    public var sampleRows: Int
    /// The most rows in one ``SluiceCore/RecordBatch``.
    public var batchRows: Int
    /// The size of each ranged read.
    public var chunkSize: Int

    public init(sampleRows: Int = 10_000, batchRows: Int = 65_536, chunkSize: Int = 4 << 20) {
        precondition(sampleRows > 0 && batchRows > 0 && chunkSize > 0, "JSON read options must be positive")
        self.sampleRows = sampleRows
        self.batchRows = batchRows
        self.chunkSize = chunkSize
    }
}
