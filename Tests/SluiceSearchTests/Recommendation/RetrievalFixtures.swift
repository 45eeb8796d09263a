import SluiceCatalog
import SluiceSearch
import Testing

/// Hand-built retrieval results: the recommender is tested on the ranking it is given, not
/// on whatever a retriever would rank today.
enum Retrieved {
    static func table(_ name: String, _ score: Double, _ evidence: String...) -> ScoredItem {
        ScoredItem(id: .table(name), score: score, evidence: evidence)
    }

    /// `column("clients.legal_name", 0.5)`.
    static func column(_ qualified: String, _ score: Double) -> ScoredItem {
        ScoredItem(id: CatalogItemID(kind: .column, key: qualified), score: score, evidence: ["matches \(qualified)"])
    }

    /// `join("positions.account_id", "accounts.account_id", 0.4)`.
    static func join(_ from: String, _ to: String, _ score: Double) -> ScoredItem {
        ScoredItem(id: CatalogItemID(kind: .relationship, key: "\(from)->\(to)"), score: score)
    }

    static func kpi(_ id: String, _ score: Double) -> ScoredItem {
        ScoredItem(id: .kpi(id), score: score, evidence: ["pattern \(id)"])
    }
}

extension CatalogContents {
    /// A copy without the relationship `from → to` (`"accounts.client_id"`, `"clients.client_id"`).
    func removingRelationship(_ from: String, _ to: String) -> CatalogContents {
        var copy = self
        copy.relationships.removeAll { "\($0.fromTable).\($0.fromColumn)" == from && "\($0.toTable).\($0.toColumn)" == to }
        return copy
    }
}

/// Checks what every join plan must satisfy, whatever the question: each join adds exactly
/// one new table to the ones before it, uses a relationship the catalog holds and has not
/// rejected, and carries the catalog's confidence.
func expectWellFormed(_ plan: JoinPlan, in contents: CatalogContents, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(plan.joins.count == plan.tables.count - 1, "joins \(plan.joins.map(\.condition)) for tables \(plan.tables)", sourceLocation: sourceLocation)
    #expect(Set(plan.tables).count == plan.tables.count, "a table appears twice: \(plan.tables)", sourceLocation: sourceLocation)
    for (index, join) in plan.joins.enumerated() where index + 1 < plan.tables.count {
        let earlier = Set(plan.tables[...index])
        let added = plan.tables[index + 1]
        let connects = (earlier.contains(join.fromTable) && join.toTable == added) || (earlier.contains(join.toTable) && join.fromTable == added)
        #expect(connects, "join \(join.condition) does not add \(added) to \(earlier.sorted())", sourceLocation: sourceLocation)
        let stored = contents.relationships.first {
            $0.fromTable == join.fromTable && $0.fromColumn == join.fromColumn && $0.toTable == join.toTable && $0.toColumn == join.toColumn
        }
        #expect(stored != nil && stored?.status != .rejected, "join \(join.condition) is not a usable catalog relationship", sourceLocation: sourceLocation)
        #expect(stored?.confidence == join.confidence, sourceLocation: sourceLocation)
    }
    #expect(Set(plan.bridgeTables).isSubset(of: Set(plan.tables)), sourceLocation: sourceLocation)
    #expect(Set(plan.unreachable).isDisjoint(with: Set(plan.tables)), sourceLocation: sourceLocation)
}
