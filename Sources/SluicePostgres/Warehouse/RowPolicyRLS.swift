import Foundation
import SluiceGovernance
import SluiceProvision

/// A spec's row policy as a row-level security expression over the published mart's
/// columns, so that PostgreSQL itself holds readers to it, beside the build that already
/// applied it to the source rows.
///
/// Only a policy PostgreSQL can check on the mart becomes one: every column it reads must be
/// an output dimension that carries that source column unchanged and unmasked
/// (`{"column": "c.segment"}` → `segment`), and it may not use `is_latest` (which looks at
/// the source table). Otherwise ``init(registration:)`` gives `nil` and the policy stays
/// enforced at build time only. Literals are written into the policy (DDL takes no
/// parameters) with their quotes doubled.
struct RowPolicyRLS: CustomStringConvertible {
    /// The `USING` expression.
    let sql: String

    var description: String { "USING (\(sql))" }

    init?(registration: MartRegistration) {
        guard let spec = try? MartSpec.decode(registration.specJSON), let policy = spec.rowPolicy else { return nil }
        var outputs: [SourceColumn: String] = [:]
        for dimension in spec.dimensions {
            guard case let .column(column) = dimension.expression else { continue }
            let name = dimension.alias ?? column.column
            if registration.masking[name] == nil { outputs[column] = name }
        }
        guard let sql = Self.write(policy, outputs: outputs) else { return nil }
        self.sql = sql
    }

    private static func write(_ predicate: MartPredicate, outputs: [SourceColumn: String]) -> String? {
        switch predicate {
        case let .comparison(expression, op, literal):
            guard let column = column(expression, outputs), let value = literalSQL(literal) else { return nil }
            return "\(column) \(op.rawValue) \(value)"
        case let .inList(expression, literals):
            guard let column = column(expression, outputs) else { return nil }
            let values = literals.compactMap(literalSQL)
            guard values.count == literals.count, !values.isEmpty else { return nil }
            return "\(column) IN (\(values.joined(separator: ", ")))"
        case let .between(expression, low, high):
            guard let column = column(expression, outputs), let low = literalSQL(low), let high = literalSQL(high) else { return nil }
            return "\(column) BETWEEN \(low) AND \(high)"
        case let .isNull(expression):
            return column(expression, outputs).map { "\($0) IS NULL" }
        case let .isNotNull(expression):
            return column(expression, outputs).map { "\($0) IS NOT NULL" }
        case let .like(expression, pattern):
            return column(expression, outputs).map { "\($0) LIKE \(PostgresSQL.literal(pattern))" }
        case .isLatest:
            return nil
        case let .and(parts), let .or(parts):
            let written = parts.compactMap { write($0, outputs: outputs) }
            guard written.count == parts.count, !written.isEmpty else { return nil }
            let connective = if case .and = predicate { " AND " } else { " OR " }
            return "(" + written.joined(separator: connective) + ")"
        case let .not(inner):
            return write(inner, outputs: outputs).map { "NOT (\($0))" }
        }
    }

    private static func column(_ expression: MartExpression, _ outputs: [SourceColumn: String]) -> String? {
        guard case let .column(source) = expression, let name = outputs[source] else { return nil }
        return PostgresSQL.quote(name)
    }

    private static func literalSQL(_ literal: MartLiteral) -> String? {
        switch literal {
        case let .string(text): PostgresSQL.literal(text)
        case let .integer(number): String(number)
        case let .double(number): number.isFinite ? "\(number)::double precision" : nil
        case let .boolean(flag): flag ? "true" : "false"
        case .null: nil
        }
    }
}
