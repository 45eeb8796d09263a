/// Short aliases for a mart's sources, made from their table names the way people write
/// SQL: the initials of the `_`-separated words (`positions` → `p`, `compliance_checks` →
/// `cc`), else longer beginnings of the name (`exchanges` after `executions` → `ex`).
///
/// An alias is never another source's table name (the spec refuses that), and aliases are
/// unique regardless of letter case, as the spec compares them.
struct SourceAliases {
    private(set) var aliasOfTable: [String: String] = [:]

    init(tables: [String]) {
        let tableNames = Set(tables.map { $0.lowercased() })
        var used: Set<String> = []
        for table in tables {
            let alias = Self.candidates(for: table).first { candidate in
                !used.contains(candidate.lowercased()) && (!tableNames.contains(candidate.lowercased()) || candidate == table)
            } ?? table
            used.insert(alias.lowercased())
            aliasOfTable[table] = alias
        }
    }

    subscript(table: String) -> String {
        aliasOfTable[table] ?? table
    }

    /// Initials, then the name's first 2, 3, … characters, then the name itself.
    private static func candidates(for table: String) -> [String] {
        let words = table.split(separator: "_").filter { !$0.isEmpty }
        let initials = String(words.compactMap(\.first)).lowercased()
        let letters = Array(table.lowercased())
        var candidates = initials.isEmpty ? [] : [initials]
        if letters.count > 1 {
            for length in 2..<letters.count { candidates.append(String(letters[..<length])) }
        }
        candidates.append(table)
        // A spec's column reference splits at the first dot, so an alias cannot hold one.
        return candidates.filter { !$0.contains(".") && $0.first?.isLetter == true }
    }
}
