import Foundation

/// One version of a published mart, as `governance.data_mart_registry` keeps it.
public struct MartRegistration: Sendable, Codable, Equatable {
    /// The table's name in `data_mart`: `dm_portfolio_exposure`.
    public var name: String
    /// 1 for the first build; each rebuild of the same name adds one.
    public var version: Int
    public var requestID: String
    public var requester: Requester
    public var question: String?
    public var classification: Classification
    /// The reader roles that may query it.
    public var grants: [Role]
    /// The MartSpec as JSON text.
    public var specJSON: String
    /// The statement that built it.
    public var compiledSQL: String
    public var rowCount: Int
    public var createdAt: Date
    /// Output column → masking function applied.
    public var masking: [String: MaskingRule]
    public var lineage: MartLineage
    /// False once superseded by a newer version or dropped.
    public var isCurrent: Bool
    /// Set when the mart was dropped (`sluice marts drop`).
    public var droppedAt: Date?

    public init(name: String, version: Int, requestID: String, requester: Requester, question: String?,
                classification: Classification, grants: [Role], specJSON: String, compiledSQL: String, rowCount: Int,
                createdAt: Date, masking: [String: MaskingRule], lineage: MartLineage, isCurrent: Bool = true, droppedAt: Date? = nil) {
        self.name = name
        self.version = version
        self.requestID = requestID
        self.requester = requester
        self.question = question
        self.classification = classification
        self.grants = grants
        self.specJSON = specJSON
        self.compiledSQL = compiledSQL
        self.rowCount = rowCount
        self.createdAt = createdAt
        self.masking = masking
        self.lineage = lineage
        self.isCurrent = isCurrent
        self.droppedAt = droppedAt
    }
}
