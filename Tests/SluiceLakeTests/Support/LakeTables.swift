import Foundation
import Parquet
import SluiceCore
@testable import SluiceLake

/// One table of a generated lake, read back through ``ParquetBatchReader`` with
/// all its part files concatenated, with typed accessors for assertions.
/// ``rowsPerFile`` gives each file's row count, in order.
struct LakeTable {
    let name: String
    let fields: [Field]
    let columns: [String: [Any?]]
    let rowCount: Int
    let rowsPerFile: [Int]

    func ints(_ column: String) -> [Int64] { values(column).map { ($0 as? Int64) ?? -1 } }
    func int(_ column: String) -> [Int] { ints(column).map(Int.init) }
    func strings(_ column: String) -> [String] { values(column).map { ($0 as? String) ?? "<null>" } }
    func doubles(_ column: String) -> [Double] { values(column).map { ($0 as? Double) ?? .nan } }
    func optionalDoubles(_ column: String) -> [Double?] { values(column).map { $0 as? Double } }
    func bools(_ column: String) -> [Bool] { values(column).map { ($0 as? Bool) ?? false } }
    func values(_ column: String) -> [Any?] {
        guard let values = columns[column] else { fatalError("\(name) has no column \(column)") }
        return values
    }

    /// Row indices where `column` equals `value`.
    func rows<T: Equatable>(where column: String, is value: T) -> [Int] {
        values(column).indices.filter { (columns[column]![$0] as? T) == value }
    }

    /// Reads `table` from `store`: `<table>.parquet` or every `<table>/part-*.parquet`, in order.
    static func read(_ table: String, from store: MemoryObjectStore) async throws -> LakeTable {
        var keys = store.keys.filter { $0.hasPrefix("\(table)/part-") }
        if let single = store.bytes("\(table).parquet").map({ _ in "\(table).parquet" }) { keys.insert(single, at: 0) }
        var fields: [Field] = []
        var columns: [String: [Any?]] = [:]
        var rowCount = 0
        var rowsPerFile: [Int] = []
        for key in keys {
            // Through ObjectByteSource, as a lake is read: a HEAD, then ranged GETs.
            let reader = try await ParquetBatchReader.open(try await store.byteSource(for: key))
            fields = reader.fields
            rowsPerFile.append(reader.rowCount)
            for try await batch in reader.batches {
                rowCount += batch.rowCount
                for column in batch.columns {
                    columns[column.field.name, default: []] += cells(column)
                }
            }
        }
        return LakeTable(name: table, fields: fields, columns: columns, rowCount: rowCount, rowsPerFile: rowsPerFile)
    }

    static func cells(_ column: Column) -> [Any?] {
        (0..<column.count).map { row -> Any? in
            if column.isNull(row) { return nil }
            switch column.values {
            case let .int(values): return values[row]
            case let .double(values): return values[row]
            case let .boolean(values): return values[row]
            case let .bytes(values): return values.string(at: row)
            }
        }
    }
}
