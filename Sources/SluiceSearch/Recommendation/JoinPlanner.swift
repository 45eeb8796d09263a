import SluiceCatalog

/// Connects the tables chosen to answer a question over the catalog's relationship graph.
///
/// The plan grows a tree the way Prim's algorithm does, counting hops instead of weights:
///
/// 1. The highest-ranked chosen table is the root.
/// 2. From every table already in the tree at once, a breadth-first search finds the
///    nearest chosen table not yet connected: fewest joins first, then the route whose
///    least trusted join has the highest confidence, then the table's name.
/// 3. That route joins the tree; tables on it that were not chosen are *bridges*
///    (`accounts` between positions and clients).
/// 4. Repeat until every chosen table is connected or none of the rest can be reached;
///    those are reported as unreachable rather than guessed at.
///
/// Attaching whole routes keeps the joins in an order where each one adds exactly one new
/// table, so a query builder can emit them as written. A chosen table that lies on the way
/// to another is always nearer than it, so it is connected first and never counted as a bridge.
/// Two chosen tables give the shortest path between them; more give a tree (a Steiner tree
/// approximation: not always the fewest bridges, but never a needless one on a route).
struct JoinPlanner: Sendable {
    /// One table the plan added to connect others.
    struct Bridge: Sendable, Equatable {
        var table: String
        /// The connected table the route started from.
        var from: String
        /// The chosen table the route led to.
        var to: String
    }

    struct Plan: Sendable {
        /// The root first, then each table in the order its join adds it.
        var tables: [String]
        var bridges: [Bridge]
        /// Each join adds the table at the same position + 1 in ``tables``.
        var joins: [RelationshipMetadata]
        /// Chosen tables no route reaches, in the order they were chosen.
        var unreachable: [String]
    }

    let graph: RelationshipGraph

    init(contents: CatalogContents) {
        graph = RelationshipGraph(contents: contents)
    }

    /// Plans the joins for `chosen`, best-ranked first; the first one is the root.
    /// An empty `chosen` gives an empty plan.
    func plan(_ chosen: [String]) -> Plan {
        var unique: [String] = []
        for table in chosen where !unique.contains(table) { unique.append(table) }
        guard let root = unique.first else { return Plan(tables: [], bridges: [], joins: [], unreachable: []) }
        var plan = Plan(tables: [root], bridges: [], joins: [], unreachable: [])
        var waiting = Array(unique.dropFirst())
        while !waiting.isEmpty {
            let routes = graph.shortestRoutes(from: plan.tables)
            let candidates = waiting.compactMap { routes[$0] }
            guard let nearest = candidates.min(by: Self.isNearer) else { break }
            for (offset, join) in nearest.joins.enumerated() {
                let added = nearest.tables[offset + 1]
                plan.tables.append(added)
                plan.joins.append(join)
                if added != nearest.destination {
                    plan.bridges.append(Bridge(table: added, from: nearest.tables[0], to: nearest.destination))
                }
            }
            waiting.removeAll { $0 == nearest.destination }
        }
        plan.unreachable = waiting
        return plan
    }

    /// The order in which waiting tables are connected: fewest joins, then the more trusted
    /// route, then the destination's name.
    private static func isNearer(_ a: RelationshipGraph.Route, _ b: RelationshipGraph.Route) -> Bool {
        if a.hops != b.hops { return a.hops < b.hops }
        if a.weakestConfidence != b.weakestConfidence { return a.weakestConfidence > b.weakestConfidence }
        return a.destination < b.destination
    }
}
