import Foundation
import GRDB
import SluiceCore
import SluiceProvision

/// Turns a batch column into the SQLite values of a staging column, in the storage forms
/// ``SluiceProvision/StagedColumnType`` fixes: integers (booleans as 0/1) `INTEGER`, floats and
/// decimals `REAL`, strings, JSON and UUIDs `TEXT`, dates `YYYY-MM-DD`, timestamps
/// `YYYY-MM-DD HH:MM:SS.ffffff` (UTC when the type is), times `HH:MM:SS[.fff…]` with the
/// digits of their unit, binary `BLOB`.
///
/// Where SQLite cannot hold a value exactly the value is refused rather than changed, except
/// in two documented cases: nanosecond timestamps keep microseconds (the stored form has six
/// digits, floored like a truncating clock), and a float NaN becomes NULL (SQLite has no NaN).
/// Decimals become the nearest double of their exact decimal value.
enum StagedValues {
    /// The values of `column`, one per row, for the staging column `staged` of `table`.
    ///
    /// - Throws: ``SluiceProvision/WarehouseError`` naming the table, the column and the row,
    ///   when the column's type does not stage as `staged.type` or a value cannot be stored.
    static func values(of column: SluiceCore.Column, as staged: StagedColumn, table: String) throws -> [DatabaseValue] {
        let type = column.field.type
        let produced = StagedColumnType(catalogType: type.description)
        guard produced == staged.type || (produced == .integer && staged.type == .real) else {
            throw WarehouseError(.failed, "\(table) column \(staged.name): the lake file holds \(type) values, which do not stage as \(staged.type.rawValue) (the catalog says \(staged.catalogType)); scan the lake again if the file changed")
        }
        var result: [DatabaseValue] = []
        result.reserveCapacity(column.count)
        let convert = try converter(for: type, values: column.values)
        for row in 0..<column.count {
            if column.isNull(row) {
                result.append(.null)
                continue
            }
            do {
                result.append(try convert(row))
            } catch let problem as ValueProblem {
                throw WarehouseError(.failed, "\(table) column \(staged.name), row \(row + 1) of the batch: \(problem.message)")
            }
        }
        return result
    }

    /// Why one value cannot be stored; ``values(of:as:table:)`` adds where it is.
    struct ValueProblem: Error {
        let message: String
    }

    private static func converter(for type: DataType, values: ColumnValues) throws -> (Int) throws -> DatabaseValue {
        switch (type, values) {
        case let (.boolean, .boolean(flags)):
            return { flags[$0] ? 1.databaseValue : 0.databaseValue }
        case let (.uint64, .int(numbers)):
            return { row in
                guard numbers[row] >= 0 else {
                    throw ValueProblem(message: "uint64 value \(UInt64(bitPattern: numbers[row])) does not fit SQLite's signed 64-bit INTEGER")
                }
                return numbers[row].databaseValue
            }
        case let (.int8, .int(numbers)), let (.int16, .int(numbers)), let (.int32, .int(numbers)), let (.int64, .int(numbers)),
             let (.uint8, .int(numbers)), let (.uint16, .int(numbers)), let (.uint32, .int(numbers)):
            return { numbers[$0].databaseValue }
        case let (.float32, .double(numbers)), let (.float64, .double(numbers)):
            return { numbers[$0].isNaN ? .null : numbers[$0].databaseValue }
        case let (.decimal(_, scale), .int(unscaled)):
            return { row in try decimal(digits: String(unscaled[row]), scale: scale) }
        case let (.decimal(_, scale), .bytes(bytes)):
            return { row in try decimal(digits: DecimalDigits.signed(bigEndianTwosComplement: bytes[row]), scale: scale) }
        case let (.string, .bytes(bytes)), let (.json, .bytes(bytes)):
            return { bytes.string(at: $0).databaseValue }
        case let (.binary, .bytes(bytes)), let (.fixedBinary, .bytes(bytes)):
            return { Data(bytes[$0]).databaseValue }
        case let (.uuid, .bytes(bytes)):
            return { row in
                let raw = bytes[row]
                guard raw.count == 16 else { throw ValueProblem(message: "a UUID of \(raw.count) bytes (16 expected)") }
                return uuidText(raw).databaseValue
            }
        case let (.date, .int(days)):
            return { row in try dateText(days: days[row]).databaseValue }
        case let (.timestamp(unit, _), .int(instants)):
            return { row in try timestampText(instants[row], unit: unit).databaseValue }
        case let (.time(unit), .int(times)):
            return { row in try timeText(times[row], unit: unit).databaseValue }
        default:
            throw WarehouseError(.failed, "a \(type) column holds \(values.kind) values, which no lake reader produces")
        }
    }

    // MARK: Decimals

    /// The double nearest to `digits` × 10^-scale, through the correctly rounded text parser
    /// (dividing a converted integer would round twice).
    private static func decimal(digits: String, scale: Int) throws -> DatabaseValue {
        guard let value = Double(scale == 0 ? digits : digits + "e-\(scale)"), value.isFinite else {
            throw ValueProblem(message: "decimal \(digits)e-\(scale) is beyond a double's range")
        }
        return value.databaseValue
    }

    // MARK: Text forms

    private static func uuidText(_ raw: ArraySlice<UInt8>) -> String {
        let hex = raw.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    private static func dateText(days: Int64) throws -> String {
        let date = CivilDate(daysSinceEpoch: days)
        guard (1...9999).contains(date.year) else {
            throw ValueProblem(message: "date \(days) days from 1970-01-01 is outside the years 0001–9999 that YYYY-MM-DD holds")
        }
        return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    private static func timestampText(_ value: Int64, unit: TimeUnit) throws -> String {
        guard let (days, timeOfDay) = CivilDate.dayAndMicrosecond(of: value, unit: unit) else {
            throw ValueProblem(message: "timestamp \(value) \(unit.rawValue) is outside the years 0001–9999")
        }
        return try dateText(days: days) + " " + clock(timeOfDay / 1_000_000) + "." + pad(timeOfDay % 1_000_000, 6)
    }

    private static func timeText(_ value: Int64, unit: TimeUnit) throws -> String {
        guard (0..<86_400 * unit.perSecond).contains(value) else {
            throw ValueProblem(message: "time \(value) \(unit.rawValue) is not within one day")
        }
        let digits = [TimeUnit.seconds: 0, .millis: 3, .micros: 6, .nanos: 9][unit]!
        let text = clock(value / unit.perSecond)
        return digits == 0 ? text : text + "." + pad(value % unit.perSecond, digits)
    }

    /// `HH:MM:SS` for seconds since midnight.
    private static func clock(_ seconds: Int64) -> String {
        pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
