import Foundation
import SluiceGovernance
import SluiceSearch

/// The human-readable form of a search: what an analyst reads before asking for a mart.
///
/// Sections, in the order a reader decides: the ranked tables and why, the columns with
/// their PII handling, how the tables join, the KPI pattern with its SQL, what governance
/// says, then timings and how to give feedback. A question nothing answers gets the
/// recommendation's message and the closest misses instead.
enum SearchResponseText {
    static func lines(_ response: SearchResponse, requester: String?) -> [String] {
        let recommendation = response.recommendation
        var lines = ["Question: \(recommendation.question)"]
        var context = [response.options.mode.rawValue, response.model.map(\.description) ?? "no embedding model"]
        if let access = recommendation.governance.requester {
            context.insert("Asked by \(access.user ?? requester ?? "anonymous") as \(access.role)", at: 0)
        } else if let requester {
            context.insert("Asked by \(requester)", at: 0)
        }
        lines.append(context.joined(separator: " · "))
        lines.append("")
        lines.append(recommendation.message)

        if recommendation.answerable {
            lines += tables(recommendation.tables)
            lines += columns(recommendation.columns)
            if let plan = recommendation.joinPlan { lines += joinPlan(plan) }
            if let kpi = recommendation.kpi { lines += self.kpi(kpi) }
            lines += governance(recommendation.governance)
        } else if response.retrieval.belowThreshold.count > 1 {
            // The message names the best miss; the runners-up show how far off the catalog is.
            let closest = response.retrieval.belowThreshold.map { "\($0.id.key) (\($0.id.kind.rawValue)) \(score($0.score))" }
            lines.append("Closest: \(closest.joined(separator: ", "))")
        }

        lines.append("")
        let timings = response.timings
        lines.append("Timings: embed \(milliseconds(timings.embedMs)), search \(milliseconds(timings.searchMs)), "
            + "reasoning \(milliseconds(timings.reasoningMs)), total \(milliseconds(timings.totalMs))")
        if let id = response.searchID {
            if let example = recommendation.tables.first.map(\.name) ?? recommendation.kpi.map({ "kpi:\($0.id)" }) {
                lines.append("Search \(id). Rate a result: sluice feedback \(id) \(example) --up   (or --down; --comment TEXT)")
            } else {
                lines.append("Search \(id) (logged).")
            }
        }
        return lines
    }

    // MARK: - Sections

    private static func tables(_ tables: [RecommendedTable]) -> [String] {
        guard !tables.isEmpty else { return [] }
        let rows = tables.enumerated().map { index, table in
            ["\(index + 1)\(table.selected ? "*" : "")", table.name, score(table.score), table.classification.rawValue,
             grouped(table.rowCount), table.reasons.joined(separator: "; ")]
        }
        return ["", "Tables (* = in the join plan)"]
            + tableLines(header: ["#", "table", "score", "class", "rows", "why"], rows: rows)
    }

    private static func columns(_ columns: [RecommendedColumn]) -> [String] {
        guard !columns.isEmpty else { return [] }
        let rows = columns.map { column in
            [column.qualifiedName, score(column.score), column.dataType,
             column.isPII ? "PII \(column.piiKind ?? "unspecified") → \(column.maskingRule?.rawValue ?? "no masking rule")" : "",
             column.reasons.joined(separator: "; ")]
        }
        return ["", "Columns"] + tableLines(header: ["column", "score", "type", "pii", "why"], rows: rows)
    }

    /// The plan as a tree under its root table: each join hangs the table it adds under
    /// the table it joins to, with the join condition; bridges are marked.
    private static func joinPlan(_ plan: JoinPlan) -> [String] {
        guard let root = plan.tables.first else { return [] }
        var children: [String: [(table: String, condition: String)]] = [:]
        var placed: Set<String> = [root]
        for join in plan.joins {
            let (parent, child) = placed.contains(join.fromTable) ? (join.fromTable, join.toTable) : (join.toTable, join.fromTable)
            guard placed.insert(child).inserted else { continue }
            children[parent, default: []].append((child, join.condition))
        }
        let bridges = Set(plan.bridgeTables)
        var lines = ["", "Join plan", "  \(root)\(bridges.contains(root) ? "  (bridge)" : "")"]
        func walk(_ table: String, prefix: String) {
            let kids = children[table] ?? []
            for (index, kid) in kids.enumerated() {
                let last = index == kids.count - 1
                let bridge = bridges.contains(kid.table) ? "  (bridge)" : ""
                lines.append("  \(prefix)\(last ? "└─ " : "├─ ")\(kid.table)  ON \(kid.condition)\(bridge)")
                walk(kid.table, prefix: prefix + (last ? "   " : "│  "))
            }
        }
        walk(root, prefix: "")
        if !plan.unreachable.isEmpty {
            lines.append("  Not connected by any relationship: \(plan.unreachable.joined(separator: ", "))")
        }
        return lines
    }

    private static func kpi(_ kpi: RecommendedKPI) -> [String] {
        var lines = ["", "KPI pattern: \(kpi.id) — \(kpi.name) (score \(score(kpi.score)))",
                     "  tables: \(kpi.tables.joined(separator: ", "))"]
        if !kpi.reasons.isEmpty { lines.append("  why: \(kpi.reasons.joined(separator: "; "))") }
        lines.append("  SQL template:")
        lines += kpi.template.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
        return lines
    }

    private static func governance(_ flags: GovernanceFlags) -> [String] {
        var lines = ["", "Governance"]
        if let highest = flags.highestClassification {
            let perTable = flags.classificationByTable.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
            lines.append("  Highest classification: \(highest.rawValue) (\(perTable.joined(separator: ", ")))")
        }
        if flags.piiColumns.isEmpty {
            lines.append("  PII columns involved: none")
        } else {
            lines.append("  PII columns involved:")
            for column in flags.piiColumns {
                lines.append("    \(column.table).\(column.column) (\(column.kind ?? "unspecified")) → \(column.maskingRule?.rawValue ?? "no masking rule")")
            }
        }
        let roles = flags.rolesAllowed.map(\.rawValue)
        lines.append("  Roles allowed to read the result: \(roles.isEmpty ? "none" : roles.joined(separator: ", "))")
        if let access = flags.requester {
            let verdict = access.mayRead ? "may read" : "may NOT read"
            let pii = access.mayRead && !flags.piiColumns.isEmpty ? (access.seesPIIInClear ? "; PII in clear" : "; PII masked") : ""
            lines.append("  \(access.user ?? "Requester") (\(access.role.rawValue)): \(verdict)\(pii) — \(access.reason)")
        }
        return lines
    }

    // MARK: - Formatting

    private static func tableLines(header: [String], rows: [[String]]) -> [String] {
        let table = TextTable(header: Array(header.dropLast()), sample: rows.map { Array($0.dropLast()) })
        return table.headerLines(header).map { "  " + $0 } + rows.map { "  " + table.line($0.map(\.singleLine)) }
    }

    static func score(_ value: Double) -> String { String(format: "%.2f", value) }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f ms", value) : String(format: "%.0f ms", value)
    }
}
