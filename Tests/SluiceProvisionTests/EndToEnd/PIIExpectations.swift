import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import Testing

/// The checks that tell a masked mart from a leaking one, shared by the scenario and leak
/// tests. The raw values come from pyarrow (``LakeRows``), never from the warehouse.
enum PIIExpectations {
    /// Raw values shorter than this are not searched for inside cells: a two-letter value
    /// would turn up inside unrelated text by chance.
    static let minimumSubstringLength = 4

    /// The cells of `result` that reveal a raw PII value: equal to one, or (for values of at
    /// least ``minimumSubstringLength`` characters) containing one, which catches a raw value
    /// concatenated with other text. Each finding reads `column row n: "cell" holds raw "value"`.
    static func leaks(in result: QueryResult, raw: Set<String>) -> [String] {
        let searchable = raw.filter { $0.count >= minimumSubstringLength }
        var findings: [String] = []
        for (rowIndex, row) in result.textCells.enumerated() {
            for (columnIndex, cell) in row.enumerated() {
                guard let cell else { continue }
                let column = result.columns[columnIndex]
                if raw.contains(cell) {
                    findings.append("\(column) row \(rowIndex): \(String(reflecting: cell)) is a raw PII value")
                } else if let inside = searchable.first(where: { cell.contains($0) }) {
                    findings.append("\(column) row \(rowIndex): \(String(reflecting: cell)) holds raw \(String(reflecting: inside))")
                }
            }
        }
        return findings
    }

    /// Whether some cell equals or contains a raw value (the positive control: a privileged
    /// reader's mart must show them).
    static func showsRawValues(_ result: QueryResult, raw: Set<String>) -> Bool {
        !leaks(in: result, raw: raw).isEmpty
    }

    /// The output columns of `spec` that are a PII column as it is (a plain column dimension),
    /// output name → the column.
    static func plainPIIOutputs(of spec: MartSpec, pii: [SpecText.PIIColumn]) -> [(output: String, column: SpecText.PIIColumn)] {
        let tables = Dictionary(spec.sources.map { ($0.reference, $0.table) }, uniquingKeysWith: { first, _ in first })
        return spec.dimensions.compactMap { dimension in
            guard case let .column(reference) = dimension.expression, let table = tables[reference.source],
                  let column = pii.first(where: { $0.table == table && $0.column == reference.column }) else { return nil }
            return (dimension.alias ?? reference.column, column)
        }
    }

    /// The masking rule the catalog holds for a PII column (what the compiler must apply).
    static func rule(of column: SpecText.PIIColumn, in contents: CatalogContents) throws -> MaskingRule {
        let metadata = try #require(contents.columns.first { $0.table == column.table && $0.name == column.column },
                                    "the catalog has no column \(column.qualifiedName)")
        return try #require(metadata.maskingRule, "the catalog does not mask \(column.qualifiedName), which the spec marks PII")
    }
}
