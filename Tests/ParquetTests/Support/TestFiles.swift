import Foundation
import SluiceTestSupport
import Parquet

/// The Apache parquet-testing corpus in `../shared/parquet-testing`, listed when the
/// tests start so that a file added to the corpus is tested without a code change.
enum TestFiles {
    static let root = Python.sharedRoot.appendingPathComponent("parquet-testing")

    /// Paths relative to ``root`` of every `.parquet` / `.parquet.encrypted` file under `folder`, sorted.
    static func parquetFiles(in folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".parquet") || $0.hasSuffix(".parquet.encrypted") }
            .map { "\(folder)/\($0)" }
            .sorted()
    }

    static let data = parquetFiles(in: "data")
    static let badData = parquetFiles(in: "bad_data")

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// Reads every given leaf column (default: all) of every row group, discarding the values.
    static func readAll(_ reader: ParquetFileReader, columns: [Int]? = nil) async throws {
        for group in 0..<reader.rowGroupCount {
            _ = try await reader.readRowGroup(group, columns: columns)
        }
    }

    /// Rows as Sluice renders them for `sluice parquet cat --json`, parsed.
    static func sluiceRows(_ reader: ParquetFileReader, fields: [String]) async throws -> [JSONValue] {
        let indices = try reader.columnIndices(named: fields)
        var rows: [JSONValue] = []
        for group in 0..<reader.rowGroupCount {
            let columns = try await reader.readRowGroup(group, columns: indices)
            for row in 0..<(columns.first?.rowCount ?? 0) {
                rows.append(try JSONValue.parse(columns.jsonRow(row)))
            }
        }
        return rows
    }

    /// The same rows as pyarrow reads them, rendered by `Tests/tools/pyarrow_rows.py`.
    static func pyarrowRows(_ path: String, fields: [String]) throws -> [JSONValue] {
        try JSONValue.parseLines(Python.runTool("pyarrow_rows.py", arguments: [path, "--columns", fields.joined(separator: ",")]))
    }
}
