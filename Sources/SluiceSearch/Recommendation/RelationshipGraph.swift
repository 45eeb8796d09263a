import SluiceCatalog

/// The catalog's joins as an undirected graph whose nodes are the active tables.
///
/// A join can be walked either way: `positions.account_id → accounts.account_id` connects
/// positions to accounts just as well as accounts to positions, so the direction of a
/// relationship (which side holds the foreign key) does not restrict the plan; it is kept
/// on the edge so that the plan can still say which column refers to which.
///
/// Left out: rejected relationships (a review memory that says "this is not a join"),
/// relationships touching a table that is no longer in the lake, and self-joins, which
/// connect a table only to itself. Between two tables only the most trusted relationship
/// counts (highest confidence, then the alphabetically first condition), so every walk
/// over the graph is deterministic.
struct RelationshipGraph: Sendable {
    /// A walk from one table to another: the tables in order and the joins between them.
    struct Route: Sendable {
        /// From the starting table to the destination, both included.
        var tables: [String]
        /// `tables.count - 1` joins, the i-th connecting `tables[i]` and `tables[i + 1]`.
        var joins: [RelationshipMetadata]

        var destination: String { tables[tables.count - 1] }
        var hops: Int { joins.count }
        /// The confidence of the least trusted join on the way; 1 for a route of no joins.
        var weakestConfidence: Double { joins.map(\.confidence).min() ?? 1 }

        /// Whether this route is the better of two of equal length: its weakest join is
        /// more trusted, or, equally trusted, its tables come first alphabetically.
        func isPreferred(over other: Route) -> Bool {
            if weakestConfidence != other.weakestConfidence { return weakestConfidence > other.weakestConfidence }
            return tables.lexicographicallyPrecedes(other.tables)
        }
    }

    /// Table → (neighbouring table → the relationship that joins them).
    private let neighbours: [String: [String: RelationshipMetadata]]

    init(contents: CatalogContents) {
        let active = Set(contents.tables.filter { $0.lifecycle == .active }.map(\.name))
        var neighbours: [String: [String: RelationshipMetadata]] = [:]
        for relationship in contents.relationships
        where relationship.status != .rejected && relationship.fromTable != relationship.toTable
            && active.contains(relationship.fromTable) && active.contains(relationship.toTable) {
            for (table, other) in [(relationship.fromTable, relationship.toTable), (relationship.toTable, relationship.fromTable)] {
                if let current = neighbours[table]?[other], !Self.isMoreTrusted(relationship, than: current) { continue }
                neighbours[table, default: [:]][other] = relationship
            }
        }
        self.neighbours = neighbours
    }

    /// The shortest route from any of `sources` to every table reachable from them
    /// (a multi-source breadth-first search), the sources themselves with routes of no joins.
    ///
    /// Among routes of equal length the preferred one (``Route/isPreferred(over:)``) wins.
    /// The search goes layer by layer, so every route to a table one hop further is built on
    /// the final route of its predecessor.
    func shortestRoutes(from sources: some Collection<String>) -> [String: Route] {
        var routes: [String: Route] = [:]
        for source in sources { routes[source] = Route(tables: [source], joins: []) }
        var frontier = routes.keys.sorted()
        while !frontier.isEmpty {
            var next: [String: Route] = [:]
            for table in frontier {
                guard let route = routes[table], let edges = neighbours[table] else { continue }
                for (other, relationship) in edges where routes[other] == nil {
                    let candidate = Route(tables: route.tables + [other], joins: route.joins + [relationship])
                    if let best = next[other], !candidate.isPreferred(over: best) { continue }
                    next[other] = candidate
                }
            }
            routes.merge(next) { current, _ in current }
            frontier = next.keys.sorted()
        }
        return routes
    }

    private static func isMoreTrusted(_ a: RelationshipMetadata, than b: RelationshipMetadata) -> Bool {
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        return a.description < b.description
    }
}
