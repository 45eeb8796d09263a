import Foundation
import SluiceTestSupport
import Parquet
import SluiceCore
import Testing
@testable import SluiceLake

/// Everything a reader returns, gathered column by column for assertions.
struct ReadTable {
    var fields: [Field]
    var columns: [String: [Any?]]
    var rowCount: Int
    var batchSizes: [Int]

    static func read(_ reader: some RecordBatchReader) async throws -> ReadTable {
        var table = ReadTable(fields: reader.fields, columns: [:], rowCount: 0, batchSizes: [])
        for try await batch in reader.remainingBatches {
            #expect(batch.fields == reader.fields)
            table.rowCount += batch.rowCount
            table.batchSizes.append(batch.rowCount)
            for column in batch.columns { table.columns[column.field.name, default: []] += LakeTable.cells(column) }
        }
        return table
    }

    func type(_ name: String) -> DataType? { fields.first { $0.name == name }?.type }
    func strings(_ name: String) -> [String?] { (columns[name] ?? []).map { $0 as? String } }
    func ints(_ name: String) -> [Int64?] { (columns[name] ?? []).map { $0 as? Int64 } }
    func doubles(_ name: String) -> [Double?] { (columns[name] ?? []).map { $0 as? Double } }
    func bools(_ name: String) -> [Bool?] { (columns[name] ?? []).map { $0 as? Bool } }
}

/// Compares a table read by Sluice with what pyarrow reads from the same bytes.
///
/// The Python side prints, per column, a type category and the values (dates as days
/// since 1970, timestamps as microseconds, NaN as the string "NaN"). Cells are compared
/// wherever both readers chose the same category; the test asserts how many columns
/// that was, so a drift in inference cannot quietly empty the comparison.
enum PyArrowCrossCheck {
    static let script = #"""
import json, math, sys
import pyarrow as pa, pyarrow.csv as pv, pyarrow.json as pj, pyarrow.compute as pc
path, mode, delimiter = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "csv":
    table = pv.read_csv(path, parse_options=pv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
                        convert_options=pv.ConvertOptions(strings_can_be_null=True, quoted_strings_can_be_null=True))
elif mode == "ndjson":
    table = pj.read_json(path)
else:
    table = pa.Table.from_pylist(json.load(open(path, encoding="utf-8-sig")))
while any(pa.types.is_struct(f.type) for f in table.schema):
    table = table.flatten()
def category(t):
    if pa.types.is_boolean(t): return "bool"
    if pa.types.is_integer(t): return "int"
    if pa.types.is_floating(t): return "float"
    if pa.types.is_string(t) or pa.types.is_large_string(t): return "string"
    if pa.types.is_date32(t): return "date"
    if pa.types.is_timestamp(t): return "timestamp"
    return "other"
out = {"rows": table.num_rows, "columns": {}}
for name, column in zip(table.column_names, table.columns):
    kind = category(column.type)
    if kind == "date": column = pc.cast(column, pa.int32())
    if kind == "timestamp": column = pc.cast(pc.cast(column, pa.timestamp("us", tz=column.type.tz)), pa.int64())
    values = [("NaN" if isinstance(v, float) and math.isnan(v) else v) for v in column.to_pylist()]
    out["columns"][name] = {"type": kind, "values": values}
print(json.dumps(out))
"""#

    enum Mode: String { case csv, ndjson, jsonArray }

    /// Writes `bytes` to a temporary file named `name`, has pyarrow read it and compares.
    /// Returns the names of the columns compared cell by cell.
    @discardableResult
    static func compare(_ table: ReadTable, bytes: [UInt8], name: String, mode: Mode, delimiter: UInt8 = UInt8(ascii: ","),
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let output = try Python.run(script, arguments: [path, mode.rawValue, String(UnicodeScalar(delimiter))])
        let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(json["rows"] as? Int == table.rowCount, "row count", sourceLocation: sourceLocation)
        let columns = try #require(json["columns"] as? [String: [String: Any]])
        #expect(Set(columns.keys) == Set(table.fields.map(\.name)), "column names", sourceLocation: sourceLocation)
        var compared: [String] = []
        for field in table.fields {
            guard let theirs = columns[field.name], category(field.type) != "other", theirs["type"] as? String == category(field.type),
                  let values = theirs["values"] as? [Any] else { continue }
            compared.append(field.name)
            let ours = table.columns[field.name] ?? []
            #expect(values.count == ours.count, "\(field.name): cell count", sourceLocation: sourceLocation)
            for (row, (mine, pyarrow)) in zip(ours, values).enumerated() {
                #expect(same(mine, pyarrow), "\(field.name)[\(row)]: Sluice \(String(describing: mine)), pyarrow \(pyarrow)",
                        sourceLocation: sourceLocation)
            }
        }
        return compared
    }

    static func category(_ type: DataType) -> String {
        switch type {
        case .boolean: "bool"
        case .int64: "int"
        case .float64: "float"
        case .string: "string"
        case .date: "date"
        case .timestamp: "timestamp"
        default: "other"
        }
    }

    private static func same(_ mine: Any?, _ pyarrow: Any) -> Bool {
        switch mine {
        case nil: return pyarrow is NSNull
        case let value as Bool: return (pyarrow as? NSNumber)?.boolValue == value && !(pyarrow is String)
        case let value as Int64: return (pyarrow as? NSNumber)?.int64Value == value
        case let value as Double:
            if value.isNaN { return pyarrow as? String == "NaN" }
            return (pyarrow as? NSNumber)?.doubleValue == value
        case let value as String: return pyarrow as? String == value
        default: return false
        }
    }
}

/// A store holding `bytes` at `key`, for a reader to open.
func memoryStore(_ key: String, _ bytes: [UInt8]) -> MemoryObjectStore {
    let store = MemoryObjectStore()
    store.store(key, bytes)
    return store
}

