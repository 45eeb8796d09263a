import SluiceGovernance

/// The `SELECT` of a mart, clause by clause, with its output columns and their lineage.
struct MartStatement {
    var sql: String
    var outputColumns: [OutputColumn]
    /// Output column → the first mask its value went through.
    var masking: [String: MaskingRule]

    /// Writes the statement in clause order, so that parameters are numbered as they appear.
    static func write(_ resolved: ResolvedMartSpec, with writer: inout StatementWriter, staging: [String: String]) -> MartStatement {
        let spec = resolved.spec
        let dialect = writer.dialect
        var columns: [OutputColumn] = [], masking: [String: MaskingRule] = [:], select: [String] = []
        func output(_ name: String, _ written: StatementWriter.Written, type: StagedColumnType?) {
            select.append("\(written.sql) AS \(dialect.quote(name))")
            columns.append(OutputColumn(name: name, type: type ?? .text,
                                        lineage: ColumnLineage(outputColumn: name, sourceColumns: written.sources,
                                                               transformation: written.words, masking: written.masks.first)))
            if let mask = written.masks.first { masking[name] = mask }
        }

        var dimensions: [StatementWriter.Written] = []
        for (dimension, name) in zip(spec.dimensions, resolved.outputNames) {
            let written = writer.write(dimension.expression, position: "dimension \(name)")
            dimensions.append(written)
            output(name, written, type: writer.type(of: dimension.expression))
        }
        for measure in spec.measures {
            output(measure.name, writer.write(measure.aggregate, position: "measure \(measure.name)"), type: writer.type(of: measure.aggregate))
        }

        var clauses = ["SELECT " + select.joined(separator: ", ")]
        clauses.append("FROM " + from(spec, dialect: dialect, staging: staging))
        var conditions: [String] = []
        if let filter = spec.filter { conditions.append(writer.write(filter, position: "the filter").sql) }
        if let rowPolicy = spec.rowPolicy { conditions.append(writer.write(rowPolicy, position: "the row policy").sql) }
        if !conditions.isEmpty { clauses.append("WHERE " + conditions.joined(separator: " AND ")) }

        let grouped = !spec.measures.isEmpty
        // A dimension that reads no row (a constant, a column masked to null) is the same for
        // every row and needs no grouping; the others are grouped by exactly as selected.
        let keys = dimensions.filter(\.readsRow).map(\.sql)
        if grouped && !keys.isEmpty { clauses.append("GROUP BY " + keys.joined(separator: ", ")) }

        if !spec.order.isEmpty {
            var keys: [String] = []
            for (index, ordering) in spec.order.enumerated() {
                let key: String
                switch ordering.target {
                case let .output(name):
                    key = dialect.quote(name)
                case let .expression(expression):
                    if grouped, let dimension = spec.dimensions.firstIndex(where: { $0.expression == expression }) {
                        key = dimensions[dimension].sql
                    } else {
                        key = writer.write(expression, position: "sort key \(index + 1)").sql
                    }
                }
                keys.append(dialect.sortKey(key, descending: ordering.descending))
            }
            clauses.append("ORDER BY " + keys.joined(separator: ", "))
        }
        if let limit = spec.limit { clauses.append("LIMIT " + writer.bind(.integer(Int64(limit)))) }
        return MartStatement(sql: clauses.joined(separator: "\n"), outputColumns: columns, masking: masking)
    }

    /// The staging tables under the spec's source names, joined on raw keys.
    private static func from(_ spec: MartSpec, dialect: any SQLDialect, staging: [String: String]) -> String {
        func table(_ reference: String) -> String {
            dialect.quote(StatementWriter.stagingSchema) + "." + dialect.quote(staging[reference] ?? reference) + " AS " + dialect.quote(reference)
        }
        func column(_ reference: SourceColumn) -> String {
            dialect.quote(reference.source) + "." + dialect.quote(reference.column)
        }
        var text = table(spec.sources[0].reference)
        for join in spec.joins {
            let keyword = join.kind == .left ? "LEFT JOIN" : "JOIN"
            let equalities = join.on.map { "\(column($0.left)) = \(column($0.right))" }.joined(separator: " AND ")
            text += "\n\(keyword) \(table(join.source)) ON (\(equalities))"
        }
        return text
    }
}
