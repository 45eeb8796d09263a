import Foundation
import NIOCore
import SluiceCore
import SluiceProvision

/// Turns lake record batches into the rows of `COPY … FROM STDIN` in PostgreSQL's text
/// format, straight into the buffer that goes on the wire: no file, no CSV, and no string
/// per value on the paths that carry most data (integers, dates, timestamps, plain text).
///
/// ```swift
/// let encoder = CopyTextEncoder(table: "lake.r1a2b_1_positions", columns: staging.columns)
/// var buffer = ByteBuffer()
/// let rows = try encoder.encode(batch, into: &buffer)     // tab-separated lines, \N for null
/// ```
///
/// Values take the forms PostgreSQL reads exactly for the column types of ``sqlType(of:)``:
/// integers in decimal, doubles in Swift's shortest round-trip form, dates `YYYY-MM-DD`,
/// timestamps `YYYY-MM-DD HH:MM:SS.ffffff` (UTC; nanoseconds floored to microseconds, as the
/// embedded backend does), booleans `t`/`f`, binary `\\x…` hex, text with backslash, tab,
/// newline and carriage return escaped. As in the embedded backend a float NaN stages as
/// null, and a decimal as the double nearest its exact value.
public struct CopyTextEncoder: Sendable {
    public let table: String
    public let columns: [StagedColumn]

    /// - Parameter table: the staging table's name, for error messages.
    public init(table: String, columns: [StagedColumn]) {
        self.table = table
        self.columns = columns
    }

    /// The PostgreSQL column type each staged type is created with. Dates and timestamps
    /// are text in the embedded backend's forms (see `PostgreSQLDialect`), so that a spec
    /// gives the same rows on both backends.
    public static func sqlType(of type: StagedColumnType) -> String {
        switch type {
        case .integer: "bigint"
        case .real: "double precision"
        case .text, .date, .timestamp: "text"
        case .boolean: "boolean"
        case .blob: "bytea"
        }
    }

    /// Appends the rows of `batch` (its columns named and ordered as ``columns``) to
    /// `buffer`; returns how many rows were written. On error `buffer` may hold part of the
    /// batch: callers send nothing of a failed batch.
    ///
    /// - Throws: `WarehouseError` naming the table, the column and the row when a value
    ///   cannot be staged as its column's type.
    public func encode(_ batch: RecordBatch, into buffer: inout ByteBuffer) throws -> Int {
        guard batch.columns.count == columns.count else {
            throw WarehouseError(.failed, "\(table): a batch of \(batch.columns.count) columns for \(columns.count) staging columns")
        }
        let writers = try zip(batch.columns, columns).map { column, staged in try writer(for: column, staged: staged) }
        buffer.reserveCapacity(minimumWritableBytes: batch.rowCount * columns.count * 12)
        for row in 0..<batch.rowCount {
            for (index, write) in writers.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                if batch.columns[index].isNull(row) {
                    buffer.writeStaticString("\\N")
                    continue
                }
                do {
                    try write(row, &buffer)
                } catch let problem as ValueProblem {
                    throw WarehouseError(.failed, "\(table) column \(columns[index].name), row \(row + 1) of the batch: \(problem.message)")
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        return batch.rowCount
    }

    /// Why one value cannot be staged; ``encode(_:into:)`` adds where it is.
    struct ValueProblem: Error {
        let message: String
    }

    typealias ValueWriter = (Int, inout ByteBuffer) throws -> Void

    private func writer(for column: SluiceCore.Column, staged: StagedColumn) throws -> ValueWriter {
        let type = column.field.type
        let produced = StagedColumnType(catalogType: type.description)
        guard produced == staged.type || (produced == .integer && staged.type == .real) else {
            throw WarehouseError(.failed, "\(table) column \(staged.name): the lake file holds \(type) values, which do not stage as \(staged.type.rawValue) (the catalog says \(staged.catalogType)); scan the lake again if the file changed")
        }
        switch (type, column.values) {
        case let (.boolean, .boolean(flags)):
            return { row, buffer in buffer.writeInteger(flags[row] ? UInt8(ascii: "t") : UInt8(ascii: "f")) }
        case let (.uint64, .int(numbers)):
            return { row, buffer in
                guard numbers[row] >= 0 else {
                    throw ValueProblem(message: "uint64 value \(UInt64(bitPattern: numbers[row])) does not fit PostgreSQL's bigint")
                }
                Self.writeDecimal(numbers[row], into: &buffer)
            }
        case let (.int8, .int(numbers)), let (.int16, .int(numbers)), let (.int32, .int(numbers)), let (.int64, .int(numbers)),
             let (.uint8, .int(numbers)), let (.uint16, .int(numbers)), let (.uint32, .int(numbers)):
            return { row, buffer in Self.writeDecimal(numbers[row], into: &buffer) }
        case let (.float32, .double(numbers)), let (.float64, .double(numbers)):
            // NaN stages as null (the embedded backend has no NaN, and both must agree).
            return { row, buffer in
                let value = numbers[row]
                if value.isNaN {
                    buffer.writeStaticString("\\N")
                } else if value.isInfinite {
                    buffer.writeString(value < 0 ? "-Infinity" : "Infinity")
                } else {
                    buffer.writeString(value.description)
                }
            }
        case let (.decimal(_, scale), .int(unscaled)):
            return { row, buffer in try Self.writeDecimal(digits: String(unscaled[row]), scale: scale, into: &buffer) }
        case let (.decimal(_, scale), .bytes(bytes)):
            return { row, buffer in
                try Self.writeDecimal(digits: DecimalDigits.signed(bigEndianTwosComplement: bytes[row]), scale: scale, into: &buffer)
            }
        case let (.string, .bytes(bytes)), let (.json, .bytes(bytes)):
            return { row, buffer in try Self.writeText(bytes[row], into: &buffer) }
        case let (.binary, .bytes(bytes)), let (.fixedBinary, .bytes(bytes)):
            return { row, buffer in Self.writeHex(bytes[row], into: &buffer) }
        case let (.uuid, .bytes(bytes)):
            return { row, buffer in
                let raw = bytes[row]
                guard raw.count == 16 else { throw ValueProblem(message: "a UUID of \(raw.count) bytes (16 expected)") }
                Self.writeUUID(raw, into: &buffer)
            }
        case let (.date, .int(days)):
            return { row, buffer in try Self.writeDate(days: days[row], into: &buffer) }
        case let (.timestamp(unit, _), .int(instants)):
            return { row, buffer in try Self.writeTimestamp(instants[row], unit: unit, into: &buffer) }
        case let (.time(unit), .int(times)):
            return { row, buffer in try Self.writeTime(times[row], unit: unit, into: &buffer) }
        default:
            throw WarehouseError(.failed, "\(table) column \(staged.name): a \(type) column holds \(column.values.kind) values, which no lake reader produces")
        }
    }
}
