import Foundation

/// How a provisioning request ended.
public enum AuditStatus: String, Sendable, Codable, CaseIterable {
    /// The mart was built, granted and registered.
    case succeeded
    /// Policy refused the request before any data moved.
    case refused
    /// Something failed on the way; staging was cleaned up.
    case failed
}

/// What one provisioning request did, as `../shared/spec/governance.md` lists it: who asked,
/// in which role, what for, what search returned, the plan and its SQL, the classification,
/// the masking and grants applied, the outcome, and how long each step took.
///
/// Plain data: it is hashed into the ``AuditChain`` as canonical JSON, so a field added later
/// simply becomes part of later entries' hashes.
public struct AuditRecord: Sendable, Codable, Equatable {
    public var requestID: String
    public var requestedAt: Date
    public var requester: String
    /// The role as given (kept as text: a request naming no valid role is audited too).
    public var role: String
    public var question: String?
    /// The search results the plan used (table names, best first).
    public var searchResults: [String]
    /// The mart spec as JSON text.
    public var martSpec: String?
    /// The compiled statements, in execution order.
    public var compiledSQL: [String]
    public var classification: Classification?
    /// Output column → masking function applied.
    public var masking: [String: String]
    /// `GRANT`-like decisions applied: "bi_analyst: SELECT on data_mart.dm_exposure".
    public var grants: [String]
    public var status: AuditStatus
    public var error: String?
    public var rowCount: Int?
    /// Step → milliseconds (`search`, `plan`, `stage`, `build`, `grant`, `cleanup`, `total`).
    public var timingsMs: [String: Double]

    /// The JSON keys: snake_case, spelled out so that `requestID` reads `request_id`.
    enum CodingKeys: String, CodingKey {
        case requestID = "request_id", requestedAt = "requested_at", requester, role, question
        case searchResults = "search_results", martSpec = "mart_spec", compiledSQL = "compiled_sql", classification
        case masking, grants, status, error
        case rowCount = "row_count", timingsMs = "timings_ms"
    }

    public init(requestID: String, requestedAt: Date, requester: String, role: String, question: String? = nil,
                searchResults: [String] = [], martSpec: String? = nil, compiledSQL: [String] = [],
                classification: Classification? = nil, masking: [String: String] = [:], grants: [String] = [],
                status: AuditStatus, error: String? = nil, rowCount: Int? = nil, timingsMs: [String: Double] = [:]) {
        self.requestID = requestID
        self.requestedAt = requestedAt
        self.requester = requester
        self.role = role
        self.question = question
        self.searchResults = searchResults
        self.martSpec = martSpec
        self.compiledSQL = compiledSQL
        self.classification = classification
        self.masking = masking
        self.grants = grants
        self.status = status
        self.error = error
        self.rowCount = rowCount
        self.timingsMs = timingsMs
    }
}
