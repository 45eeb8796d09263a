import Crypto
import Foundation
import SluiceCatalog

/// A golden set as an evaluation run uses it: the queries, where they came from and a
/// digest of the file's bytes.
///
/// Two runs are comparable only over the same questions and grades, so every stored run
/// keeps ``sha256``; editing one grade makes a new baseline rather than a false regression.
///
/// ```swift
/// let golden = try GoldenSetFile.load(path: "benchmarks/golden_queries.json")
/// try golden.validate(against: try await catalog.load())
/// ```
public struct GoldenSetFile: Sendable, Equatable {
    /// The path as given.
    public var source: String
    public var queries: [GoldenQuery]
    /// SHA-256 hex of the file's bytes.
    public var sha256: String

    public init(source: String, queries: [GoldenQuery], sha256: String) {
        self.source = source
        self.queries = queries
        self.sha256 = sha256
    }

    /// Reads and checks the golden set at `path` (see ``GoldenSet``) and digests its bytes.
    ///
    /// - Throws: ``GoldenSetError`` naming the file, query and field; also when the file
    ///   holds no query, since an empty set would score every search perfect.
    public static func load(path: String) throws -> GoldenSetFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GoldenSetError(source: path, query: nil, field: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        let queries = try GoldenSet.decode(data, source: path)
        guard !queries.isEmpty else {
            throw GoldenSetError(source: path, query: nil, field: nil, reason: "holds no query")
        }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return GoldenSetFile(source: path, queries: queries, sha256: digest)
    }

    /// Checks that every table, column and KPI id the golden set names is a searchable item
    /// of `contents`: an active table (one still in the lake), a column of one (`table.column`), a KPI pattern.
    ///
    /// A misspelt id would never be retrieved, so it would silently cap recall and nDCG
    /// for its query; a table that left the lake would do the same. Grade-0 entries are
    /// checked too: they document a judgment about a real item.
    ///
    /// - Throws: ``GoldenSetError`` naming the file, the query id, the field and the id.
    public func validate(against contents: CatalogContents) throws {
        let tables = Set(contents.tables.filter { $0.lifecycle == .active }.map(\.name))
        let columns = Set(contents.columns.filter { tables.contains($0.table) }.map(\.qualifiedName))
        let kpis = Set(contents.kpiPatterns.map(\.id))
        for query in queries {
            for table in query.tables.keys.sorted() where !tables.contains(table) {
                throw problem(query, field: "tables.\(table)", reason: "the catalog has no table \(String(reflecting: table))")
            }
            for column in query.columns.keys.sorted() where !columns.contains(column) {
                let reason = column.contains(".") ? "the catalog has no column \(String(reflecting: column))" : "is not TABLE.COLUMN"
                throw problem(query, field: "columns.\(column)", reason: reason)
            }
            if let kpi = query.kpi, !kpis.contains(kpi) {
                throw problem(query, field: "kpi", reason: "the catalog has no KPI pattern \(String(reflecting: kpi))")
            }
        }
    }

    private func problem(_ query: GoldenQuery, field: String, reason: String) -> GoldenSetError {
        GoldenSetError(source: source, query: query.id, field: field, reason: reason)
    }
}
