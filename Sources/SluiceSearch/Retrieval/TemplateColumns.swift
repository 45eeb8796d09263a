/// The columns a KPI pattern's SQL template reads: the measures and dimensions of the
/// analysis, which a question asking for the pattern seldom names ("exposure" means
/// `positions.market_value`).
///
/// A light reading of standard SQL, not a parser: table aliases come from `FROM t a` /
/// `JOIN t AS a`; `a.column` resolves through them; a bare name counts when exactly one
/// of the pattern's tables has a column of that name (so `order_id`, in two tables, does
/// not), and a name right after `AS` is an output name, not a column. What it misses
/// only costs a column its support, never adds a wrong one.
enum TemplateColumns {
    /// `(table, column)` pairs of `template` among `columns` (table → its column names).
    static func referenced(in template: String, tables: [String], columns: [String: Set<String>]) -> Set<ColumnRef> {
        let tokens = self.tokens(template)
        var aliases: [String: String] = [:]
        for (i, token) in tokens.enumerated() where token == "from" || token == "join" {
            guard i + 1 < tokens.count, columns[tokens[i + 1]] != nil else { continue }
            let table = tokens[i + 1]
            aliases[table] = table
            var next = i + 2
            if next < tokens.count, tokens[next] == "as" { next += 1 }
            if next < tokens.count, isIdentifier(tokens[next]), !keywords.contains(tokens[next]) { aliases[tokens[next]] = table }
        }
        let ownTables = tables.filter { columns[$0] != nil }
        var found: Set<ColumnRef> = []
        for (i, token) in tokens.enumerated() where isIdentifier(token) {
            let qualified = i + 2 < tokens.count && tokens[i + 1] == "."
            let isQualifiedColumn = i >= 2 && tokens[i - 1] == "."
            if qualified {
                if let table = aliases[token], columns[table]?.contains(tokens[i + 2]) == true {
                    found.insert(ColumnRef(table: table, column: tokens[i + 2]))
                }
            } else if !isQualifiedColumn, i == 0 || tokens[i - 1] != "as" {
                let owners = ownTables.filter { columns[$0]?.contains(token) == true }
                if owners.count == 1 { found.insert(ColumnRef(table: owners[0], column: token)) }
            }
        }
        return found
    }

    struct ColumnRef: Hashable {
        var table: String
        var column: String
    }

    /// Identifiers (lowercased), dots, and every other non-space character on its own;
    /// string literals are skipped whole.
    private static func tokens(_ sql: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inString = false
        func flush() {
            if !current.isEmpty { tokens.append(current.lowercased()) }
            current = ""
        }
        for character in sql {
            if inString {
                if character == "'" { inString = false }
                continue
            }
            if character == "'" {
                flush()
                inString = true
            } else if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(String(character)) }
            }
        }
        flush()
        return tokens
    }

    private static func isIdentifier(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        return first.isLetter || first == "_"
    }

    /// Words that can follow a table name where an alias would stand.
    private static let keywords: Set<String> = [
        "on", "using", "where", "join", "left", "right", "inner", "outer", "full", "cross", "group", "order", "having",
        "limit", "union", "natural", "as", "select", "from", "and", "or", "not",
    ]
}
