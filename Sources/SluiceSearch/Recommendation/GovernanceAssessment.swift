import SluiceCatalog
import SluiceGovernance

/// What `../shared/spec/governance.md` says about a set of tables before any data moves:
/// the level a mart over them would have, the PII it would touch and how that is masked,
/// and whether the requester may read it.
///
/// Everything comes from the catalog and the ``AccessPolicy``; nothing here reads the lake.
/// Like the provisioner, the assessment errs on the side of flagging: a KPI template that
/// names a PII column's bare name flags it even where an alias might mean another table's
/// column of that name.
struct GovernanceAssessment {
    let contents: CatalogContents
    let policy: AccessPolicy

    /// The flags for `tables` (the selected ones, plan order), given the columns the
    /// recommendation lists and the KPI pattern it matched.
    func flags(for tables: [String], columns: [RecommendedColumn], kpi: KPIPattern?, requester: String?, role: Role?) -> GovernanceFlags {
        var classificationByTable: [String: Classification] = [:]
        for table in tables {
            if let metadata = contents.table(named: table) { classificationByTable[table] = metadata.classification }
        }
        let highest = policy.classification(ofDerivedFrom: classificationByTable.values)
        let involves = involvement(columns: columns, kpi: kpi)
        let (piiColumns, otherPIIColumns) = allPII(of: tables).reduce(into: ([PIIColumnFlag](), [PIIColumnFlag]())) { split, flag in
            if involves(flag) { split.0.append(flag) } else { split.1.append(flag) }
        }
        let requesterAccess = role.map { role in
            self.access(for: role, user: requester, highest: highest, classificationByTable: classificationByTable, tables: tables,
                        piiColumns: piiColumns, otherPIIColumns: otherPIIColumns)
        }
        return GovernanceFlags(
            highestClassification: highest,
            classificationByTable: classificationByTable,
            piiColumns: piiColumns,
            otherPIIColumns: otherPIIColumns,
            rolesAllowed: highest.map { policy.readers(of: $0) } ?? [],
            requester: requesterAccess
        )
    }

    /// Whether the recommendation involves a PII column: the recommended columns list it, or
    /// the KPI template references it as `table.column` or (for a table the template reads)
    /// by its bare name.
    func involvement(columns: [RecommendedColumn], kpi: KPIPattern?) -> (PIIColumnFlag) -> Bool {
        let listed = Set(columns.map(\.qualifiedName))
        let references = kpi.map { SQLTemplateReferences($0.template) }
        let templateTables = Set(kpi?.tables ?? [])
        return { flag in
            let named = references.map { references in
                references.qualified.contains("\(flag.table).\(flag.column)".lowercased())
                    || (templateTables.contains(flag.table) && references.words.contains(flag.column.lowercased()))
            } ?? false
            return listed.contains("\(flag.table).\(flag.column)") || named
        }
    }

    /// Every PII column of `tables`, in table order, then schema order.
    func allPII(of tables: [String]) -> [PIIColumnFlag] {
        tables.flatMap { table in
            contents.columns(of: table).filter(\.pii.effectiveIsPII).map { column in
                // A confirmed PII column always has a rule; a suggested one without a stored
                // rule still gets its kind's default, never raw.
                PIIColumnFlag(table: table, column: column.name, kind: column.pii.kind?.rawValue,
                              maskingRule: column.maskingRule ?? column.pii.kind?.defaultMaskingRule)
            }
        }
    }

    private func access(for role: Role, user: String?, highest: Classification?, classificationByTable: [String: Classification],
                        tables: [String], piiColumns: [PIIColumnFlag], otherPIIColumns: [PIIColumnFlag]) -> RequesterAccess {
        guard let highest else {
            return RequesterAccess(user: user, role: role, mayRead: false, seesPIIInClear: false, reason: "no table was selected, so there is nothing to read")
        }
        guard policy.mayRead(highest, as: role) else {
            // Named: the tables at the deciding level, whose readers are the ones to ask.
            let blocking = tables.filter { classificationByTable[$0] == highest }
            let readers = policy.readers(of: highest)
            let ask = readers.isEmpty ? "no role may read it" : "ask a \(Self.list(readers.map(\.rawValue), conjunction: "or"))"
            return RequesterAccess(
                user: user, role: role, mayRead: false, seesPIIInClear: false,
                reason: "\(role) may not read \(highest) data (\(blocking.joined(separator: ", "))): \(ask)"
            )
        }
        let clear = policy.seesPIIInClear(role)
        let pii: String
        if piiColumns.isEmpty && otherPIIColumns.isEmpty {
            pii = "no PII columns involved"
        } else if piiColumns.isEmpty {
            let names = otherPIIColumns.map { "\($0.table).\($0.column)" }.joined(separator: ", ")
            pii = clear ? "no PII column named; the tables' PII (\(names)) is in clear (PII privilege)"
                : "no PII column named; the tables' PII (\(names)) is masked in any mart that includes it"
        } else if clear {
            pii = "PII columns are in clear (PII privilege: \(piiColumns.map { "\($0.table).\($0.column)" }.joined(separator: ", ")))"
        } else {
            pii = "PII columns are masked (\(piiColumns.map { "\($0.table).\($0.column) → \($0.maskingRule?.rawValue ?? "no rule")" }.joined(separator: ", ")))"
        }
        return RequesterAccess(user: user, role: role, mayRead: true, seesPIIInClear: clear, reason: "\(role) may read \(highest) data; \(pii)")
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ items: [String], conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}

/// The identifiers a SQL template mentions, lowercased: every word (a run of letters,
/// digits and underscores, which is what an unquoted SQL identifier is) and every
/// `word.word` pair. Quotes and operators separate words, so `"legal_name"`, `c.legal_name`
/// and `legal_name,` all mention `legal_name`, while `legal_name_hash` does not.
struct SQLTemplateReferences {
    private(set) var words: Set<String> = []
    private(set) var qualified: Set<String> = []

    init(_ template: String) {
        var previousWord: String?
        var afterDot = false
        var current = ""
        func finishWord() {
            guard !current.isEmpty else { return }
            let word = current.lowercased()
            words.insert(word)
            if afterDot, let previousWord { qualified.insert("\(previousWord).\(word)") }
            previousWord = word
            afterDot = false
            current = ""
        }
        for character in template {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
                continue
            }
            let hadWord = !current.isEmpty
            finishWord()
            if character == "." {
                // Only `word.word` qualifies; `a . b` or `1.5` after a break does not chain.
                afterDot = hadWord
                if !hadWord { previousWord = nil }
            } else {
                afterDot = false
                previousWord = nil
            }
        }
        finishWord()
    }
}
