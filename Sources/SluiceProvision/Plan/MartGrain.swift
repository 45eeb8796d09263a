import SluiceSearch

/// Which table's rows a mart over a join plan has, and which tables can join it without
/// repeating them.
///
/// Every relationship points from a foreign key (many rows) to the key it refers to (one
/// row). Joining along that direction keeps the rows as they are — each order has one
/// instrument — while joining against it repeats them: each instrument appears once per
/// order. So a mart has the grain of a table from which every other table is reached along
/// foreign keys only, and only that table's amounts add up correctly; summing the
/// instrument's values over orders would count each instrument once per order.
///
/// When no table reaches all the others that way (orders and market prices both refer to
/// instruments: every order would meet every price of its instrument), the plan is cut down
/// to the tables the chosen grain table reaches, and the rest are reported.
struct MartGrain {
    /// The table whose rows the mart has.
    let table: String
    /// The plan's tables that join without repeating the grain's rows, in plan order (the
    /// grain first).
    let tables: [String]
    /// The joins among ``tables``, in an order where each adds one table.
    let joins: [RecommendedRelationship]
    /// Tables of the plan left out, each with the reason.
    let leftOut: [(table: String, reason: String)]

    /// - Parameters:
    ///   - plan: the recommendation's join plan (its unreachable tables are not part of it).
    ///   - preferring: tables by how much the mart needs their rows, best first; the first that
    ///     reaches every other table is the grain, else the first of all, cut down.
    init(plan: JoinPlan, preferring preference: [String]) {
        let planTables = plan.tables
        // Foreign key → key edges, as an adjacency list.
        var references: [String: [String]] = [:]
        for join in plan.joins { references[join.fromTable, default: []].append(join.toTable) }
        func reached(from start: String) -> Set<String> {
            var seen: Set<String> = [start], stack = [start]
            while let table = stack.popLast() {
                for next in references[table] ?? [] where seen.insert(next).inserted { stack.append(next) }
            }
            return seen
        }
        let ordered = preference.filter(planTables.contains) + planTables.filter { !preference.contains($0) }
        let complete = ordered.first { reached(from: $0).isSuperset(of: planTables) }
        let grain = complete ?? ordered.first ?? planTables[0]
        let kept = reached(from: grain)
        table = grain
        tables = [grain] + planTables.filter { $0 != grain && kept.contains($0) }
        // Re-ordered so that each join adds a table to those before it, starting at the grain.
        var joined: Set<String> = [grain], remaining = plan.joins.filter { kept.contains($0.fromTable) && kept.contains($0.toTable) }
        var ordering: [RecommendedRelationship] = []
        while let index = remaining.firstIndex(where: { joined.contains($0.fromTable) != joined.contains($0.toTable) }) {
            let join = remaining.remove(at: index)
            joined.insert(joined.contains(join.fromTable) ? join.toTable : join.fromTable)
            ordering.append(join)
        }
        joins = ordering
        leftOut = planTables.filter { !kept.contains($0) }.map { other in
            (other, "joining it would repeat each \(grain) row once per matching \(other) row (no foreign key leads from \(grain) to it), so sums would count rows more than once")
        }
    }
}
