/// The one error type of the `Parquet` module.
///
/// Every failure names what was being read when it happened: the file, the row
/// group, the column path and the page offset are pushed onto ``context`` as the
/// error travels up, so a message reads like
/// `data.parquet: row group 2: column "price": page at offset 4096: snappy: literal runs past end of input`.
public struct ParquetError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The bytes do not follow the format (bad magic, bad Thrift, impossible sizes, ...).
        case corrupt
        /// The input ends before the structure it describes.
        case truncated
        /// Valid Parquet that this implementation does not handle (a codec, an encoding, encryption, ...).
        case unsupported
        /// A page checksum does not match its bytes.
        case checksumMismatch
        /// The caller asked for something that does not exist or cannot be done (unknown column, bad option).
        case invalidArgument
        /// The byte source or sink failed.
        case io
    }

    public var kind: Kind
    public var message: String
    /// Outermost first: `["file.parquet", "row group 0", "column \"a\"", "page at offset 4"]`.
    public var context: [String]

    public init(_ kind: Kind, _ message: String, context: [String] = []) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    public static func corrupt(_ message: String) -> ParquetError { ParquetError(.corrupt, message) }
    public static func truncated(_ message: String) -> ParquetError { ParquetError(.truncated, message) }
    public static func unsupported(_ message: String) -> ParquetError { ParquetError(.unsupported, message) }
    public static func invalidArgument(_ message: String) -> ParquetError { ParquetError(.invalidArgument, message) }

    /// The same error, one level further out (`"row group 3"` around `"page at offset 12"`).
    public func within(_ outer: String) -> ParquetError {
        var copy = self
        copy.context.insert(outer, at: 0)
        return copy
    }

    public var description: String {
        context.isEmpty ? message : context.joined(separator: ": ") + ": " + message
    }
}

/// Runs `body`, adding `label` to the context of any error it throws.
///
/// Errors that are not ``ParquetError`` (for instance from a byte source) become
/// `.io` errors so that callers see one type with the full path to the failure.
@inline(__always)
func inContext<T>(_ label: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ParquetError {
        throw error.within(label())
    } catch {
        throw ParquetError(.io, String(describing: error), context: [label()])
    }
}

/// The `async` form of ``inContext(_:_:)``.
func inContext<T>(_ label: @autoclosure () -> String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ParquetError {
        throw error.within(label())
    } catch {
        throw ParquetError(.io, String(describing: error), context: [label()])
    }
}
