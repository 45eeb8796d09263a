import Foundation
import SluiceCore
import SluiceGovernance

/// A database that holds the `lake` staging schema (no reader sees it) and the `data_mart`
/// schema (published marts, read by the roles granted), with the governance tables beside
/// them. The executor drives it step by step; each backend implements it (SQLite embedded,
/// PostgreSQL on a server).
///
/// Every method that changes something is one transaction: it happens whole or not at all.
public protocol Warehouse: Sendable {
    var dialect: any SQLDialect { get }
    var auditLog: any AuditLog { get }
    var registry: any MartRegistry { get }

    /// Creates `lake.<stagedName>` with `table.columns`, empty, replacing a leftover of the
    /// same name.
    func createStagingTable(_ table: StagingTable) async throws
    /// Appends `batch` (its columns named and ordered as `table.columns`) and returns the rows added.
    func appendStaging(_ table: StagingTable, batch: RecordBatch) async throws -> Int
    /// Drops the staging tables that exist among `tables`; never throws for one that is missing.
    func dropStaging(_ tables: [StagingTable]) async throws

    /// The statements ``buildMart(_:buildName:)`` runs, in order (the `CREATE TABLE … AS SELECT`
    /// and one `CREATE INDEX` per entry of `compiled.indexes`), for the audit and the registry.
    func buildStatements(_ compiled: CompiledMart, buildName: String) -> [String]
    /// Creates `data_mart.<buildName>` from `compiled.selectSQL` with its parameters, then the
    /// indexes of `compiled.indexes`, and returns the row count. The build name is never
    /// granted, so no reader sees it.
    func buildMart(_ compiled: CompiledMart, buildName: String) async throws -> Int
    /// Drops `data_mart.<buildName>` if it exists.
    func dropBuild(_ buildName: String) async throws
    /// In one transaction: replaces `data_mart.<registration.name>` with the build, records
    /// `registration` (marking earlier versions superseded) and its grants. Returns the grants
    /// applied, in words: `bi_analyst: SELECT on data_mart.dm_portfolio_exposure`.
    func publish(buildName: String, registration: MartRegistration) async throws -> [String]
    /// Drops a published mart and marks it dropped in the registry, in one transaction.
    func dropMart(_ name: String) async throws

    /// Runs a read-only query as `role`: only marts currently granted to `role` can be read
    /// (never `lake`, `governance`, `catalog` or an ungranted mart), nothing can be written,
    /// and at most `rowLimit` rows come back.
    ///
    /// - Throws: ``WarehouseError`` naming the mart or schema that is not granted, or the
    ///   statement that is not a read.
    func query(_ sql: String, as role: Role, rowLimit: Int) async throws -> QueryResult
    /// The first `limit` rows of a published mart (for the sample `ask` and `demo` print);
    /// the caller has already checked the grant.
    func sample(mart name: String, limit: Int) async throws -> QueryResult

    /// The tables in `lake`, sorted: empty whenever no request is running.
    func stagingTables() async throws -> [String]
    /// The tables in `data_mart` (published marts and any build in progress), sorted.
    func martTables() async throws -> [String]
}

/// Rows a query returned.
public struct QueryResult: Sendable, Codable, Equatable {
    public var columns: [String]
    public var rows: [[QueryValue]]
    /// True when more rows existed than the limit let through.
    public var truncated: Bool

    public init(columns: [String], rows: [[QueryValue]], truncated: Bool) {
        self.columns = columns
        self.rows = rows
        self.truncated = truncated
    }
}

/// One cell. JSON: null, a number, a string; a blob as `{"base64": "…"}`.
public enum QueryValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: "NULL"
        case let .integer(value): String(value)
        case let .real(value): String(value)
        case let .text(value): value
        case let .blob(bytes): "<\(bytes.count) bytes>"
        }
    }
}

extension QueryValue: Codable {
    private enum BlobKey: String, CodingKey { case base64 }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: BlobKey.self) {
            let text = try object.decode(String.self, forKey: .base64)
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: .base64, in: object, debugDescription: "not base64")
            }
            self = .blob(Array(data))
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let integer = try? value.decode(Int64.self) {
            self = .integer(integer)
        } else if let real = try? value.decode(Double.self) {
            self = .real(real)
        } else {
            self = .text(try value.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .blob(bytes):
            var object = encoder.container(keyedBy: BlobKey.self)
            try object.encode(Data(bytes).base64EncodedString(), forKey: .base64)
        case .null:
            var value = encoder.singleValueContainer()
            try value.encodeNil()
        case let .integer(integer):
            var value = encoder.singleValueContainer()
            try value.encode(integer)
        case let .real(real):
            var value = encoder.singleValueContainer()
            try value.encode(real)
        case let .text(text):
            var value = encoder.singleValueContainer()
            try value.encode(text)
        }
    }
}

/// What a warehouse refuses or fails to do, naming the object at fault.
public struct WarehouseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The role may not read the object (`data_mart.dm_x` not granted, `lake.*`, …).
        case notGranted = "not_granted"
        /// The statement is not a single read-only query.
        case notReadOnly = "not_read_only"
        case noSuchMart = "no_such_mart"
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
