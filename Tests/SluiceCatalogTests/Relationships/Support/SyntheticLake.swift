import Foundation
import SluiceCatalog
import SluiceCore

/// A hand-made catalog for focused cases: tables given as columns of values, profiled exactly.
struct SyntheticLake {
    private(set) var tables: [TableMetadata] = []
    private(set) var columns: [ColumnMetadata] = []
    var sketchCapacity = KeySketch.defaultCapacity

    /// Adds `name` with `columns` (name, type, values as text, `nil` for null); all columns
    /// must have the same number of values.
    mutating func add(_ name: String, _ columns: [(String, DataType, [String?])], lifecycle: DatasetLifecycle = .active) {
        let rows = columns.first?.2.count ?? 0
        precondition(columns.allSatisfy { $0.2.count == rows }, "columns of \(name) differ in length")
        tables.append(TableMetadata(name: name, lakePath: "\(name).parquet", lakeURI: "file:///synthetic", format: "parquet",
                                    rowCount: rows, fileSize: 0, objects: [], contentHash: name, lifecycle: lifecycle,
                                    scannedAt: Date(timeIntervalSince1970: 0)))
        for (position, (column, type, values)) in columns.enumerated() {
            self.columns.append(ExactColumnProfile(table: name, name: column, position: position, type: type, values: values)
                .sketched(capacity: sketchCapacity))
        }
    }

    func infer(_ inference: RelationshipInference = RelationshipInference()) -> [RelationshipMetadata] {
        inference.infer(tables: tables, columns: columns)
    }

    func candidates(_ inference: RelationshipInference = RelationshipInference()) -> [RelationshipMetadata] {
        inference.candidates(tables: tables, columns: columns)
    }
}

/// `1…n` as text, the way integer ids are rendered.
func ids(_ range: ClosedRange<Int>) -> [String?] { range.map { String($0) } }

/// `count` values cycling through `values`: a referencing column's many rows over few keys.
func cycling(_ values: [String?], count: Int) -> [String?] { (0..<count).map { values[$0 % values.count] } }
