import NIOCore
import SluiceCore
import SluiceProvision

/// Turns lake record batches into the rows of `COPY … FROM STDIN` in PostgreSQL's text
/// format, for staging columns of the given types, straight into the buffer that goes on
/// the wire (no file, no intermediate strings per value).
public struct CopyTextEncoder: Sendable {
    public let table: String
    public let columns: [StagedColumn]

    /// - Parameter table: the staging table's name, for error messages.
    public init(table: String, columns: [StagedColumn]) {
        self.table = table
        self.columns = columns
    }

    /// The PostgreSQL column type each staged type is created with (`bigint`, `double precision`, …).
    public static func sqlType(of type: StagedColumnType) -> String { fatalError("contract") }

    /// Appends the rows of `batch` (its columns named and ordered as ``columns``) to
    /// `buffer`; returns how many rows were written.
    ///
    /// - Throws: `WarehouseError` naming the table, the column and the row when a value
    ///   cannot be staged as its column's type.
    public func encode(_ batch: RecordBatch, into buffer: inout ByteBuffer) throws -> Int { fatalError("contract") }
}
