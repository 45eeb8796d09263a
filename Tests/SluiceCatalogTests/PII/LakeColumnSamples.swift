import Foundation
import SluiceCatalog
import SluiceCore
import SluiceLake

/// Builds ``ColumnSample``s from a lake table the way a scan does: distinct non-null
/// values in first-seen order rendered as text (dates `YYYY-MM-DD`, timestamps
/// ISO-8601 with microseconds and `Z`, numbers in plain form), at most `limit`.
enum LakeColumnSamples {
    static func read(table: String, key: String, from store: any ObjectStore, limit: Int = 1000) async throws -> [ColumnSample] {
        let reader = try await LakeFileReader.open(key, in: store)
        var accumulators = reader.fields.map { Accumulator(field: $0, limit: limit) }
        while let batch = try await reader.next() {
            for (index, column) in batch.columns.enumerated() {
                accumulators[index].add(column)
            }
        }
        return accumulators.map { $0.sample(table: table) }
    }

    private struct Accumulator {
        let field: Field
        let limit: Int
        var values: [String] = []
        var seen: Set<String> = []
        var rows = 0
        var nulls = 0
        var duplicates = false

        init(field: Field, limit: Int) {
            self.field = field
            self.limit = limit
        }

        mutating func add(_ column: Column) {
            for row in 0..<column.count {
                rows += 1
                if column.isNull(row) {
                    nulls += 1
                    continue
                }
                let text = render(column, row)
                if seen.insert(text).inserted {
                    if values.count < limit { values.append(text) }
                } else {
                    duplicates = true
                }
            }
        }

        func sample(table: String) -> ColumnSample {
            ColumnSample(table: table, column: field.name, dataType: field.type, values: values, rowCount: rows,
                         nullCount: nulls, distinctCount: seen.count, isUnique: !duplicates && nulls == 0)
        }

        private func render(_ column: Column, _ row: Int) -> String {
            switch column.values {
            case let .boolean(values):
                return values[row] ? "true" : "false"
            case let .double(values):
                return Self.plain(values[row])
            case let .bytes(values):
                return values.string(at: row)
            case let .int(values):
                let value = values[row]
                switch field.type {
                case .date: return Self.date(daysSinceEpoch: value)
                case let .timestamp(unit, _): return Self.timestamp(value, unit: unit)
                default: return String(value)
                }
            }
        }

        private static func plain(_ value: Double) -> String {
            let text = "\(value)"
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }

        /// Howard Hinnant's days-to-civil algorithm.
        static func date(daysSinceEpoch days: Int64) -> String {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let day = doy - (153 * mp + 2) / 5 + 1
            let month = mp < 10 ? mp + 3 : mp - 9
            let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }

        static func timestamp(_ value: Int64, unit: TimeUnit) -> String {
            let micros = unit.perSecond >= 1_000_000 ? value / (unit.perSecond / 1_000_000) : value * (1_000_000 / unit.perSecond)
            var days = micros / 86_400_000_000
            var rest = micros % 86_400_000_000
            if rest < 0 { rest += 86_400_000_000; days -= 1 }
            let seconds = rest / 1_000_000
            return date(daysSinceEpoch: days)
                + "T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(rest % 1_000_000, 6))Z"
        }

        private static func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }
}
