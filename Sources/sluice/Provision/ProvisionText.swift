import Foundation
import SluiceGovernance
import SluiceProvision
import SluiceSearch

/// The human-readable lines of `ask` and `provision`, one block per step. Each block starts
/// with the step's name in a column of its own, so the run reads as a log of what happened.
enum ProvisionText {
    static let labelWidth = 9

    /// `label` in its column, then the first line; further lines indented under it.
    static func block(_ label: String, _ lines: [String]) -> [String] {
        let pad = String(repeating: " ", count: labelWidth)
        return lines.enumerated().map { index, line in
            (index == 0 ? label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) : pad) + line
        }
    }

    static func header(question: String?, requester: Requester, requestID: String, dryRun: Bool) -> [String] {
        var lines: [String] = []
        if let question { lines.append("Question: \(question)") }
        lines.append("Asked by \(requester.user) as \(requester.role.rawValue) · request \(requestID)\(dryRun ? " · dry run" : "")")
        return lines + [""]
    }

    // MARK: Search and plan

    static func searched(_ response: SearchResponse, milliseconds: Double) -> [String] {
        let recommendation = response.recommendation
        var lines = [recommendation.message]
        if recommendation.answerable {
            let chosen = recommendation.tables.filter(\.selected)
            if !chosen.isEmpty {
                lines.append("tables chosen: " + chosen.map { "\($0.name) (\($0.classification.rawValue), \(SearchResponseText.score($0.score)))" }
                    .joined(separator: ", "))
            }
            if let kpi = recommendation.kpi {
                lines.append("KPI: \(kpi.id) — \(kpi.name) (\(SearchResponseText.score(kpi.score)))")
            }
            if let access = recommendation.governance.requester {
                lines.append("\(access.user ?? "requester") (\(access.role.rawValue)): \(access.mayRead ? "may read" : "may NOT read") — \(access.reason)")
            }
        }
        lines.append("\(ms(milliseconds))\(response.searchID.map { " · search \($0) logged" } ?? "")")
        return block("Search", lines)
    }

    static func planned(_ plan: PlannedMart, planner: String, milliseconds: Double) -> [String] {
        let spec = plan.spec
        var lines = ["\(plan.source) → data_mart.dm_\(spec.name) (planner \(planner), \(ms(milliseconds)))"]
        lines.append("\(count(spec.sources.count, "source")) (\(spec.sources.map(\.table).joined(separator: ", "))), "
            + "\(count(spec.joins.count, "join")), \(count(spec.dimensions.count, "dimension")), \(count(spec.measures.count, "measure"))"
            + (spec.limit.map { ", at most \(grouped($0)) rows" } ?? ""))
        lines += plan.notes.map { "- \($0)" }
        if let reason = plan.fallbackReason { lines.append("the model's plan was rejected, so this is the deterministic one: \(reason)") }
        return block("Plan", lines)
    }

    static func spec(_ spec: MartSpec) -> [String] {
        block("Spec", ["data_mart.dm_\(spec.name): " + "\(count(spec.sources.count, "source")) (\(spec.sources.map(\.table).joined(separator: ", "))), "
            + "\(count(spec.dimensions.count, "dimension")), \(count(spec.measures.count, "measure"))"])
    }

    // MARK: Compile

    /// The compiled mart (classification, grants, masking, notes, SQL), or why there is none.
    static func compiled(_ preview: ProvisionOutcome) -> [String] {
        guard let compiled = preview.compiled else {
            switch preview.status {
            // The reason follows once, in the outcome.
            case .refused: return block("Compile", ["refused by the policy before any data moved"])
            default: return block("Compile", ["failed: nothing was staged"])
            }
        }
        let decision = compiled.decision
        var lines: [String] = []
        let levels = decision.sourceClassifications.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
        lines.append("classification \(decision.classification?.rawValue ?? "none") (\(levels.joined(separator: ", ")))")
        lines.append("granted to \(decision.grants.map(\.rawValue).joined(separator: ", "))")
        lines += masking(compiled)
        lines += compiled.policyNotes.map { "policy: \($0)" }
        lines.append("staging: " + compiled.staging.map { "\($0.sourceTable) (\($0.columns.map(\.name).joined(separator: ", ")))" }
            .joined(separator: "; "))
        lines.append("SQL (\(compiled.dialect)):")
        lines += compiled.selectSQL.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        if !compiled.parameters.isEmpty {
            lines.append("parameters: " + compiled.parameters.enumerated().map { "\($0.offset + 1) = \(literal($0.element))" }.joined(separator: ", "))
        }
        lines.append(ms(preview.timingsMs[ProvisionStep.compile.rawValue] ?? 0))
        return block("Compile", lines)
    }

    /// Masking per output column, or why there is none.
    static func masking(_ compiled: CompiledMart) -> [String] {
        let role = compiled.requester.role.rawValue
        if !compiled.masking.isEmpty {
            return ["masked for \(role): " + compiled.masking.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value.rawValue)" }.joined(separator: ", ")]
        }
        return compiled.decision.seesPIIInClear
            ? ["PII in clear: \(role) holds the PII privilege"]
            : ["masking: none needed (no PII column reaches the mart)"]
    }

    // MARK: Outcome

    static func outcome(_ outcome: ProvisionOutcome) -> [String] {
        var lines: [String] = []
        switch outcome.status {
        case .succeeded where outcome.dryRun:
            lines += block("Dry run", ["nothing was staged, built, granted or audited"])
        case .succeeded:
            let name = outcome.registration?.name ?? outcome.compiled?.tableName ?? "the mart"
            var done = ["data_mart.\(name)\(outcome.registration.map { " version \($0.version)" } ?? ""): \(grouped(outcome.rowCount ?? 0)) rows"]
            done += outcome.grants.map { "grant \($0)" }
            lines += block("Done", done)
        case .refused:
            lines += block("Refused", [outcome.error ?? "refused by policy"])
        case .failed:
            lines += block("Failed", [outcome.error ?? "failed"])
        }
        lines.append("".padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "timings: " + AuditEntryText.timings(outcome.timingsMs))
        if let entry = outcome.auditEntry {
            lines += block("Audit", ["entry \(entry.sequence) (\(outcome.status.rawValue)), hash \(entry.entryHash.prefix(16))… · sluice audit show \(entry.sequence)"])
        }
        return lines
    }

    /// The first rows of the mart as `role` reads them.
    static func sample(_ result: QueryResult, of total: Int?, as role: Role) -> [String] {
        let shown = result.rows.count
        var lines = ["", "Sample: \(shown) of \(total.map(grouped) ?? "?") rows, as \(role.rawValue) sees them"]
        lines += QueryText.table(result).map { "  " + $0 }
        return lines
    }

    // MARK: Formatting

    static func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    static func literal(_ value: MartLiteral) -> String {
        switch value {
        case let .string(text): "'\(text.replacingOccurrences(of: "'", with: "''"))'"
        case let .integer(number): String(number)
        case let .double(number): String(number)
        case let .boolean(flag): flag ? "true" : "false"
        case .null: "null"
        }
    }
}

/// Query results as a text table.
enum QueryText {
    static func table(_ result: QueryResult) -> [String] {
        let rows = result.rows.map { $0.map(cell) }
        let table = TextTable(header: result.columns, sample: rows)
        return table.headerLines(result.columns) + rows.map { table.line($0.map(\.singleLine)) }
    }

    static func cell(_ value: QueryValue) -> String {
        switch value {
        case let .real(number) where number.isFinite && abs(number) < 1e12:
            // Six decimals tell values apart; more is the binary noise of a sum's last place.
            String((number * 1e6).rounded() / 1e6)
        default:
            value.description
        }
    }
}
