import SluiceCore

/// A reader that hands out a file's rows as ``RecordBatch``es, one at a time, so memory
/// holds one batch (plus the reader's own buffers), never the file.
///
/// Readers keep their position, so they are classes used from one task at a time.
public protocol RecordBatchReader: AnyObject {
    /// The fields of every batch, in file order.
    var fields: [Field] { get }

    /// The next batch, or `nil` after the last one.
    func next() async throws -> RecordBatch?
}

extension RecordBatchReader {
    /// The remaining batches as an async sequence: `for try await batch in reader.remainingBatches`.
    public var remainingBatches: RecordBatchSequence<Self> { RecordBatchSequence(reader: self) }
}

/// The batches a ``RecordBatchReader`` has left; iterating consumes them from the reader.
public struct RecordBatchSequence<Reader: RecordBatchReader>: AsyncSequence {
    public typealias Element = RecordBatch
    let reader: Reader

    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: Reader

        public mutating func next() async throws -> RecordBatch? {
            try await reader.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
}
