import Foundation
import PostgresNIO
import SluiceGovernance
import SluiceProvision

/// Rows from PostgreSQL as ``SluiceProvision/QueryValue``s, in the forms the embedded backend
/// gives, so a mart reads the same on both: booleans as 0/1, numeric as an integer when it is
/// whole and has no fraction digits (a `sum` of integers) else a double, dates `YYYY-MM-DD`,
/// timestamps `YYYY-MM-DD HH:MM:SS.ffffff`.
enum QueryRows {
    static func read(_ rows: PostgresRowSequence, limit: Int) async throws -> QueryResult {
        var result: [[QueryValue]] = []
        var columns: [String] = []
        var truncated = false
        for try await row in rows {
            if columns.isEmpty { columns = row.map(\.columnName) }
            guard result.count < limit else {
                truncated = true
                continue
            }
            result.append(try row.map(value))
        }
        return QueryResult(columns: columns, rows: result, truncated: truncated)
    }

    static func value(_ cell: PostgresCell) throws -> QueryValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let value = try cell.decode(Decimal.self)
            // The binary form's fourth 16-bit field is the display scale: digits after the point.
            let header = cell.bytes!
            let scale = header.getInteger(at: header.readerIndex + 6, as: Int16.self) ?? 0
            if scale == 0, let integer = Int64(exactly: NSDecimalNumber(decimal: value).int64Value),
               Decimal(integer) == value {
                return .integer(integer)
            }
            return .real(NSDecimalNumber(decimal: value).doubleValue)
        case .date:
            return .text(Self.dateText(try cell.decode(Date.self)))
        case .timestamp, .timestamptz:
            return .text(Self.timestampText(try cell.decode(Date.self)))
        case .bytea:
            var bytes = cell.bytes!
            return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        default:
            return .text(try cell.decode(String.self))
        }
    }

    private static let utc = TimeZone(identifier: "UTC")!

    static func dateText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func timestampText(_ date: Date) -> String {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let (seconds, fraction) = (microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000,
                                   ((microseconds % 1_000_000) + 1_000_000) % 1_000_000)
        let day = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: day)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%06lld", parts.year!, parts.month!, parts.day!,
                      parts.hour!, parts.minute!, parts.second!, fraction)
    }
}

/// PostgreSQL's refusals of a reader's query in the warehouse's words.
enum QueryErrors {
    static func translate(_ error: any Error, role: Role, database: PostgresDatabase) -> any Error {
        if error is WarehouseError || error is CancellationError { return error }
        guard let server = (error as? PSQLError)?.serverInfo else { return database.translate(error) }
        let message = server[.message] ?? "\(error)"
        switch server[.sqlState] ?? "" {
        case "42501":
            return WarehouseError(.notGranted, "\(role.rawValue) may not read it: \(message)")
        case "25006":
            return WarehouseError(.notReadOnly, "\(message): a query is one read-only SELECT of the marts granted to \(role.rawValue)")
        case "42601" where message.contains("multiple commands"):
            return WarehouseError(.notReadOnly, "\(message): a query is one read-only SELECT of the marts granted to \(role.rawValue)")
        case "42P01":
            return WarehouseError(.noSuchMart, message)
        default:
            return WarehouseError(.failed, "the query failed: \(message)")
        }
    }
}
