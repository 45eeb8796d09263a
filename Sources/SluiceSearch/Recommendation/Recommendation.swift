import SluiceCatalog
import SluiceGovernance

/// What search answers: which tables, columns, joins and KPI pattern answer a question,
/// and what governance applies — built from the catalog alone, never from lake data.
public struct Recommendation: Sendable, Codable, Equatable {
    public var question: String
    /// False when nothing passed the threshold: the recommendation then lists nothing and
    /// ``message`` says so instead of guessing.
    public var answerable: Bool
    /// One line for people: what was found, or why nothing was.
    public var message: String
    /// Ranked tables (all that passed, at most top-k), best first.
    public var tables: [RecommendedTable]
    /// Ranked columns, best first.
    public var columns: [RecommendedColumn]
    /// Ranked relationships that passed their threshold, best first.
    public var relationships: [RecommendedRelationship]
    /// How the selected tables join; `nil` when fewer than one table was selected.
    public var joinPlan: JoinPlan?
    /// The best KPI pattern, when one passed the threshold.
    public var kpi: RecommendedKPI?
    public var governance: GovernanceFlags

    public init(question: String, answerable: Bool, message: String, tables: [RecommendedTable] = [],
                columns: [RecommendedColumn] = [], relationships: [RecommendedRelationship] = [],
                joinPlan: JoinPlan? = nil, kpi: RecommendedKPI? = nil, governance: GovernanceFlags) {
        self.question = question
        self.answerable = answerable
        self.message = message
        self.tables = tables
        self.columns = columns
        self.relationships = relationships
        self.joinPlan = joinPlan
        self.kpi = kpi
        self.governance = governance
    }
}

public struct RecommendedTable: Sendable, Codable, Equatable {
    public var name: String
    public var score: Double
    /// Why it ranks here: "matches 'sector' (instruments.sector)", "needed by KPI portfolio_exposure".
    public var reasons: [String]
    public var classification: Classification
    public var rowCount: Int
    /// Part of the ``JoinPlan`` (chosen to answer the question, or a bridge between chosen ones).
    public var selected: Bool

    public init(name: String, score: Double, reasons: [String], classification: Classification, rowCount: Int, selected: Bool) {
        self.name = name
        self.score = score
        self.reasons = reasons
        self.classification = classification
        self.rowCount = rowCount
        self.selected = selected
    }
}

public struct RecommendedColumn: Sendable, Codable, Equatable {
    public var table: String
    public var column: String
    public var score: Double
    public var dataType: String
    public var reasons: [String]
    /// Whether the column counts as PII (``SluiceCatalog/PIIVerdict/effectiveIsPII``).
    public var isPII: Bool
    public var piiKind: String?
    public var maskingRule: MaskingRule?

    public init(table: String, column: String, score: Double, dataType: String, reasons: [String], isPII: Bool,
                piiKind: String?, maskingRule: MaskingRule?) {
        self.table = table
        self.column = column
        self.score = score
        self.dataType = dataType
        self.reasons = reasons
        self.isPII = isPII
        self.piiKind = piiKind
        self.maskingRule = maskingRule
    }

    /// `table.column`.
    public var qualifiedName: String { "\(table).\(column)" }
}

public struct RecommendedRelationship: Sendable, Codable, Equatable {
    public var fromTable: String
    public var fromColumn: String
    public var toTable: String
    public var toColumn: String
    /// Retrieval score for the question (0 for a join the plan needed that was not retrieved).
    public var score: Double
    /// The catalog's confidence that the join is real.
    public var confidence: Double

    public init(fromTable: String, fromColumn: String, toTable: String, toColumn: String, score: Double, confidence: Double) {
        self.fromTable = fromTable
        self.fromColumn = fromColumn
        self.toTable = toTable
        self.toColumn = toColumn
        self.score = score
        self.confidence = confidence
    }

    /// `orders.broker_id = counterparties.counterparty_id`.
    public var condition: String { "\(fromTable).\(fromColumn) = \(toTable).\(toColumn)" }
}

/// How the selected tables connect over the catalog's relationship graph: a path for two
/// tables, a tree for more (bridge tables added where no direct join exists).
public struct JoinPlan: Sendable, Codable, Equatable {
    /// Every table in the plan, the root first, then in join order.
    public var tables: [String]
    /// Tables the plan needed only to connect others (`accounts` between positions and clients).
    public var bridgeTables: [String]
    /// The joins, in an order where each one adds exactly one new table; `tables.count - 1`
    /// of them when every table is reachable.
    public var joins: [RecommendedRelationship]
    /// Selected tables no relationship connects to the rest.
    public var unreachable: [String]

    public init(tables: [String], bridgeTables: [String], joins: [RecommendedRelationship], unreachable: [String]) {
        self.tables = tables
        self.bridgeTables = bridgeTables
        self.joins = joins
        self.unreachable = unreachable
    }
}

public struct RecommendedKPI: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var score: Double
    public var tables: [String]
    public var template: String
    public var reasons: [String]

    public init(id: String, name: String, score: Double, tables: [String], template: String, reasons: [String]) {
        self.id = id
        self.name = name
        self.score = score
        self.tables = tables
        self.template = template
        self.reasons = reasons
    }
}

/// One PII column the recommendation involves and how it would be masked.
public struct PIIColumnFlag: Sendable, Codable, Equatable {
    public var table: String
    public var column: String
    public var kind: String?
    public var maskingRule: MaskingRule?

    public init(table: String, column: String, kind: String?, maskingRule: MaskingRule?) {
        self.table = table
        self.column = column
        self.kind = kind
        self.maskingRule = maskingRule
    }
}

/// What governance says about the recommended (selected) tables, per `spec/governance.md`.
public struct GovernanceFlags: Sendable, Codable, Equatable {
    /// The level a mart over the selected tables would have; `nil` when none is selected.
    public var highestClassification: Classification?
    /// Selected table → its level.
    public var classificationByTable: [String: Classification]
    /// PII columns of the selected tables that the recommended columns or the KPI involve.
    public var piiColumns: [PIIColumnFlag]
    /// The selected tables' other PII columns: not named by the recommendation, but masked
    /// just the same (for a role without the PII privilege) in any mart that includes them.
    public var otherPIIColumns: [PIIColumnFlag]
    /// Reader roles that may read the result.
    public var rolesAllowed: [Role]
    /// The requester's view, when a role was given.
    public var requester: RequesterAccess?

    public init(highestClassification: Classification?, classificationByTable: [String: Classification],
                piiColumns: [PIIColumnFlag], otherPIIColumns: [PIIColumnFlag] = [], rolesAllowed: [Role], requester: RequesterAccess?) {
        self.highestClassification = highestClassification
        self.classificationByTable = classificationByTable
        self.piiColumns = piiColumns
        self.otherPIIColumns = otherPIIColumns
        self.rolesAllowed = rolesAllowed
        self.requester = requester
    }

    public static let none = GovernanceFlags(highestClassification: nil, classificationByTable: [:], piiColumns: [], rolesAllowed: [], requester: nil)

    /// Whether the selected tables hold any PII column at all, named by the recommendation or not.
    public var touchesPII: Bool { !piiColumns.isEmpty || !otherPIIColumns.isEmpty }
}

/// Whether the requester's role may read the result and how PII reaches them.
public struct RequesterAccess: Sendable, Codable, Equatable {
    public var user: String?
    public var role: Role
    public var mayRead: Bool
    /// True when the role holds the PII privilege (PII in clear); false when masked.
    public var seesPIIInClear: Bool
    /// "risk_manager may read confidential data; PII masked" or why not.
    public var reason: String

    public init(user: String?, role: Role, mayRead: Bool, seesPIIInClear: Bool, reason: String) {
        self.user = user
        self.role = role
        self.mayRead = mayRead
        self.seesPIIInClear = seesPIIInClear
        self.reason = reason
    }
}
