import Foundation
import SluiceGovernance

/// What people know about a lake that a scan cannot find out: business descriptions,
/// classifications, reviews of PII verdicts, declared and rejected joins, and the
/// documented KPI patterns.
///
/// Annotations are kept in a YAML file beside the lake (the format is described at the top
/// of the bundled `demo-lake.yaml`) and applied to every scan's result:
///
/// ```swift
/// let annotations = try Annotations.load(path: "lake-annotations.yaml")
/// var contents = scannedCatalog
/// for warning in annotations.apply(to: &contents) { print("warning:", warning) }
/// CatalogDescriber().describe(&contents)
/// ```
///
/// ``demoLake()`` returns the annotations of the generated demo lake, which `sluice scan`
/// applies by default when it scans that lake.
public struct Annotations: Sendable, Equatable {
    /// Where the annotations came from: a file path, or `built-in demo-lake.yaml`.
    /// Classification reasons, warnings and errors name it.
    public var source: String
    /// Table name → annotation.
    public var tables: [String: TableAnnotation]
    public var relationships: [RelationshipAnnotation]
    /// The KPI patterns of the lake; applying the annotations makes them the catalog's.
    public var kpiPatterns: [KPIPattern]
    /// Table-name globs (`aml_*`) per level: the configured lists the classification rules
    /// consult for tables that no annotation classifies.
    public var classificationLists: [Classification: [String]]

    public init(source: String, tables: [String: TableAnnotation] = [:], relationships: [RelationshipAnnotation] = [],
                kpiPatterns: [KPIPattern] = [], classificationLists: [Classification: [String]] = [:]) {
        self.source = source
        self.tables = tables
        self.relationships = relationships
        self.kpiPatterns = kpiPatterns
        self.classificationLists = classificationLists
    }

    /// The name ``demoLake()`` reports as its source.
    public static let demoLakeSource = "built-in demo-lake.yaml"

    /// Reads and parses the annotations file at `path`.
    ///
    /// - Throws: ``CatalogError/invalidAnnotations(file:field:reason:)`` when the file cannot
    ///   be read or says anything the format does not allow.
    public static func load(path: String) throws -> Annotations {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CatalogError.invalidAnnotations(file: path, field: nil, reason: "cannot be read: \(Self.reason(error))")
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw CatalogError.invalidAnnotations(file: path, field: nil, reason: "is not UTF-8 text")
        }
        return try parse(yaml: yaml, source: path)
    }

    /// Parses annotations from YAML text; `source` names it in errors and reasons.
    ///
    /// The parser is strict: an unknown key, a value of the wrong type, an unknown
    /// classification, PII kind or masking rule, or a reference not in `table.column`
    /// form throws ``CatalogError/invalidAnnotations(file:field:reason:)`` with the dotted
    /// path of the field (`tables.orders.columns.side.pii`) and its line.
    public static func parse(yaml: String, source: String) throws -> Annotations {
        try AnnotationsParser(source: source).parse(yaml: yaml)
    }

    /// The annotations of the demo lake that `sluice lake generate` writes: the spec's
    /// classifications and PII columns, descriptions, its 16 joins and 10 KPI patterns.
    public static func demoLake() throws -> Annotations {
        guard let url = Bundle.module.url(forResource: "demo-lake", withExtension: "yaml") else {
            throw CatalogError.invalidAnnotations(file: demoLakeSource, field: nil, reason: "missing from the SluiceCatalog resource bundle")
        }
        let yaml: String
        do {
            yaml = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CatalogError.invalidAnnotations(file: demoLakeSource, field: nil, reason: "cannot be read: \(Self.reason(error))")
        }
        return try parse(yaml: yaml, source: demoLakeSource)
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
