import SluiceGovernance

/// Suggests a table's classification when no annotation file and no person has set one.
///
/// Three rules apply, and the highest level among those that fire wins, because a
/// classification only protects data when it is never lower than any reason to protect it:
///
/// 1. **Configured lists.** Table-name patterns per level (``lists``), such as
///    `[.restricted: ["aml_*", "compliance_checks"], .public: ["exchanges"]]`.
/// 2. **PII present ⇒ at least internal.** Any column whose PII verdict counts
///    (``PIIVerdict/effectiveIsPII``) lifts the table to ``Classification/internal``, even if a
///    list says public: publishing personal data must be an explicit, manual decision.
/// 3. **Unknown data ⇒ ``defaultLevel`` (internal)** when neither of the above fires. Not public:
///    public data can be read by every role, so making data public is a decision a person
///    takes (in an annotation or a list), never a default that a new file inherits.
///
/// ```swift
/// let rules = ClassificationRules(lists: [.restricted: ["aml_*"], .public: ["exchanges", "instruments"]])
/// let (level, reason) = rules.suggest(table: clients, columns: contents.columns)
/// // .internal, "PII present (clients.legal_name, clients.email, …) ⇒ at least internal"
/// ```
public struct ClassificationRules: Sendable {
    /// The level of unknown data: no list names the table and it holds no PII.
    public static let defaultLevel: Classification = .internal

    /// Table-name patterns per level (exact names or globs with `*` and `?`, see ``TableNamePattern``).
    public var lists: [Classification: [String]]

    public init(lists: [Classification: [String]] = [:]) {
        self.lists = lists
    }

    /// The suggested level of `table` and why. `columns` may hold every column of the
    /// catalog; only those of `table` are read.
    ///
    /// The reason names the deciding rule and its evidence first, then any lower rule it
    /// overrides: "PII present (clients.email, clients.phone) ⇒ at least internal (overrides
    /// configured list public: clients)".
    public func suggest(table: TableMetadata, columns: [ColumnMetadata]) -> (level: Classification, reason: String) {
        var fired: [(level: Classification, reason: String)] = []
        for level in Classification.allCases.reversed() {
            let matching = (lists[level] ?? []).filter { TableNamePattern($0).matches(table.name) }
            if !matching.isEmpty {
                fired.append((level, "configured list \(level): \(matching.joined(separator: ", "))"))
            }
        }
        let pii = columns.filter { $0.table == table.name && $0.pii.effectiveIsPII }.sorted { $0.position < $1.position }
        if !pii.isEmpty {
            fired.append((.internal, "PII present (\(Self.list(pii.map(\.qualifiedName)))) ⇒ at least internal"))
        }
        guard let top = fired.map(\.level).max() else {
            return (Self.defaultLevel, "no rule matched: unknown data is \(Self.defaultLevel) until an annotation or a configured list says otherwise")
        }
        // Stable sort: at one level the list comes before PII, as written above.
        let ordered = fired.enumerated().sorted { ($0.element.level, -$0.offset) > ($1.element.level, -$1.offset) }.map(\.element)
        let deciding = ordered.filter { $0.level == top }.map(\.reason)
        let overridden = ordered.filter { $0.level < top }.map(\.reason)
        var reason = deciding.joined(separator: "; ")
        if !overridden.isEmpty { reason += " (overrides \(overridden.joined(separator: "; ")))" }
        return (top, reason)
    }

    /// `tables` with the suggestion applied to those whose classification is
    /// ``ClassificationSource/suggested``; annotated and manual levels stay as they are.
    public func applySuggestions(to tables: [TableMetadata], columns: [ColumnMetadata]) -> [TableMetadata] {
        let columnsByTable = Dictionary(grouping: columns, by: \.table)
        return tables.map { table in
            guard table.classificationSource == .suggested else { return table }
            var updated = table
            let suggestion = suggest(table: table, columns: columnsByTable[table.name] ?? [])
            updated.classification = suggestion.level
            updated.classificationReason = suggestion.reason
            return updated
        }
    }

    /// Up to five names, then how many more: a reason stays one readable line.
    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }
}
