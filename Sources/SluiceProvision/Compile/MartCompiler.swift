import SluiceCatalog
import SluiceGovernance

/// Compiles a mart spec for a requester under a policy into SQL for one dialect, masking
/// or refusing every path by which a PII value could reach a reader without the PII
/// privilege.
///
/// The rule is applied where a value enters the statement, not where it leaves: every
/// reference to a PII column (``SluiceCatalog/ColumnMetadata/maskingRule`` set) in an output
/// column, transform argument, group key, aggregate argument, filter, row policy or sort key
/// is replaced by its masked form, so whatever is computed from it (an alias, a concat, a
/// lower, a min or max, a comparison) only ever sees the masked value. Join conditions
/// compare source values inside the warehouse and never reach the output; a join on a PII
/// column is allowed only when its mask is the keyed `hash` (equal values stay equal) and is
/// refused otherwise. A PII column without a masking rule is masked with `null`.
///
/// ```swift
/// let compiler = MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: false)
/// let compiled = try compiler.compile(spec, catalog: contents,
///                                     requester: Requester(user: "maria.chen", role: .biAnalyst),
///                                     stagingPrefix: "r3f9a2c")
/// compiled.selectSQL      // SELECT "i"."sector" AS "sector", mask_name("c"."short_name") …
/// ```
public struct MartCompiler: Sendable {
    public var policy: AccessPolicy
    public var dialect: any SQLDialect
    /// Whether the deployment has a pseudonym key; without one a plan that needs `hash` is refused.
    public var pseudonymKeyAvailable: Bool

    public init(policy: AccessPolicy = .standard, dialect: any SQLDialect, pseudonymKeyAvailable: Bool) {
        self.policy = policy
        self.dialect = dialect
        self.pseudonymKeyAvailable = pseudonymKeyAvailable
    }

    /// Resolves `spec` against `catalog`, decides access, rewrites for PII and writes the SQL.
    ///
    /// Staging tables are named `<stagingPrefix>_<n>_<table>` (cut to 63 bytes) in the `lake`
    /// schema; `stagingPrefix` is unique per request (letters and digits; other characters,
    /// such as a UUID's dashes, are dropped, and it is cut to 40 bytes).
    ///
    /// The statement: `SELECT` the dimensions then the measures, each `AS` its quoted output
    /// name; `FROM` the staging tables under the spec's quoted aliases, joined as the spec
    /// says on raw keys; `WHERE` the filter and the row policy; with measures, `GROUP BY`
    /// every dimension expression as written in the `SELECT` (masked); `ORDER BY`; `LIMIT`.
    /// Every literal, the limit, `bucket`'s width, `round`'s digits and `safe_ratio`'s scale
    /// are numbered parameters in ``CompiledMart/parameters``.
    ///
    /// Grants go to every role that may read the mart's level, except when the requester holds
    /// the PII privilege and the statement reads a PII column: that mart holds raw PII, so it is
    /// granted only to the roles that hold the privilege too.
    ///
    /// - Throws: ``MartSpecError`` when the spec does not resolve; ``ProvisionRefusal`` when
    ///   the policy refuses (classification first, then PII exposure, then a missing key).
    public func compile(_ spec: MartSpec, catalog: CatalogContents, requester: Requester, stagingPrefix: String) throws -> CompiledMart {
        let resolved = try spec.resolve(against: catalog)
        var decision = decide(resolved, requester: requester)
        guard decision.allowed else {
            throw ProvisionRefusal(reason: .classification, message: decision.refusal ?? "\(requester.role) may not read this mart", decision: decision)
        }
        let masking = ColumnMasking(seesPIIInClear: decision.seesPIIInClear)
        let joinNotes = try checkJoinKeys(resolved, masking: masking, requester: requester, decision: decision)

        let staging = StagingPlan.tables(for: resolved, catalog: catalog, prefix: stagingPrefix)
        let stagedNames = Dictionary(uniqueKeysWithValues: zip(spec.sources.map(\.reference), staging.map(\.stagedName)))
        var writer = StatementWriter(dialect: dialect, resolved: resolved, masking: masking, stagedNames: stagedNames)
        let statement = MartStatement.write(resolved, with: &writer, staging: stagedNames)

        let hashed = writer.maskedUses.filter { $0.decision.rule == .hash }.map(\.column.qualifiedName)
        if !hashed.isEmpty && !pseudonymKeyAvailable {
            let columns = Self.unique(hashed).joined(separator: ", ")
            throw ProvisionRefusal(
                reason: .missingPseudonymKey,
                message: "the mart masks \(columns) with hash, a keyed pseudonym, for \(requester.role), and no pseudonym key is configured: set \(PseudonymKey.environmentVariable) or governance.pseudonym_key (at least \(PseudonymKey.minimumLength) bytes), or leave \(hashed.count == 1 ? "the column" : "those columns") out",
                decision: decision)
        }

        // Masking is decided for the requester, so a mart read with the PII privilege holds raw
        // PII (in outputs, or deciding which rows exist through filters and joins): granting
        // it by level alone would hand those values to every reader of the level.
        if !Self.piiReadInClear(resolved, decision: decision).isEmpty {
            decision.grants = decision.grants.filter(policy.seesPIIInClear)
        }

        var indexes = spec.indexes
        let dimensionNames = Array(statement.outputColumns.prefix(spec.dimensions.count).map(\.name))
        if !spec.measures.isEmpty, !dimensionNames.isEmpty, !indexes.contains(dimensionNames) {
            indexes.append(dimensionNames)
        }
        return CompiledMart(
            spec: spec, requester: requester, tableName: "dm_\(spec.name)", decision: decision, staging: staging,
            selectSQL: statement.sql, parameters: writer.parameters, outputColumns: statement.outputColumns,
            masking: statement.masking, indexes: indexes,
            policyNotes: policyNotes(writer: writer, joinNotes: joinNotes, resolved: resolved, requester: requester, decision: decision),
            needsPseudonymKey: !hashed.isEmpty, dialect: dialect.name)
    }

    /// The decision over every source table's level (the mart is classified at the highest).
    private func decide(_ resolved: ResolvedMartSpec, requester: Requester) -> AccessDecision {
        var levels: [String: Classification] = [:]
        for table in resolved.tables.values { levels[table.name] = table.classification }
        return policy.decide(requester: requester, sources: levels)
    }

    /// Join keys are compared raw inside the warehouse and never reach the mart, but joining
    /// on a PII column would still let its raw values decide which rows meet. Only a key
    /// masked with `hash` may be joined on: its pseudonyms are equal exactly when the values
    /// are, so the join shows nothing the masked mart would not. Returns notes for the joins
    /// allowed that way.
    private func checkJoinKeys(_ resolved: ResolvedMartSpec, masking: ColumnMasking, requester: Requester,
                               decision: AccessDecision) throws -> [String] {
        var exposed: [String] = [], notes: [String] = []
        for (index, join) in resolved.spec.joins.enumerated() {
            for condition in join.on {
                for side in [condition.left, condition.right] {
                    guard let column = resolved.columns[side], let masked = masking.decision(for: column) else { continue }
                    if masked.rule == .hash {
                        notes.append("joins[\(index)] compares \(column.qualifiedName), PII masked with hash for \(requester.role), as stored: join keys are compared inside the warehouse and never reach the mart")
                    } else {
                        exposed.append("joins[\(index)] compares \(column.qualifiedName) (masked with \(masked.rule.rawValue))")
                    }
                }
            }
        }
        guard exposed.isEmpty else {
            let privileged = policy.piiPrivileged.sorted().map(\.rawValue)
            let alternative = privileged.isEmpty ? "" : ", or ask as \(privileged.joined(separator: " or ")) (the PII privilege)"
            throw ProvisionRefusal(
                reason: .piiExposure,
                message: "\(requester.role) may not join on PII columns whose mask does not keep equal values equal: \(Self.unique(exposed).joined(separator: "; ")); only a column masked with hash may be a join key. Join on a key column instead\(alternative)",
                decision: decision)
        }
        return Self.unique(notes)
    }

    /// Every rewrite the policy made, in words, in the order the statement uses the columns.
    private func policyNotes(writer: StatementWriter, joinNotes: [String], resolved: ResolvedMartSpec, requester: Requester,
                             decision: AccessDecision) -> [String] {
        var notes: [String] = []
        for use in writer.maskedUses {
            if let adjustment = use.decision.adjustment { notes.append(adjustment) }
            let kind = use.column.pii.kind.map { " (\($0.rawValue))" } ?? ""
            notes.append("\(use.column.qualifiedName) is PII\(kind): masked with \(use.decision.rule.rawValue) in \(use.position), for \(requester.role)")
        }
        notes += joinNotes
        let clear = Self.piiReadInClear(resolved, decision: decision)
        if !clear.isEmpty {
            notes.append("\(requester.role) holds the PII privilege: \(clear.joined(separator: ", ")) \(clear.count == 1 ? "is" : "are") read in clear")
            let granted = decision.grants.map(\.rawValue).joined(separator: ", ")
            notes.append("the mart holds PII in clear, so it is granted only to roles with the PII privilege: \(granted.isEmpty ? "none" : granted)")
        }
        return Self.unique(notes)
    }

    /// The PII columns the statement reads unmasked (none unless the requester holds the PII privilege).
    private static func piiReadInClear(_ resolved: ResolvedMartSpec, decision: AccessDecision) -> [String] {
        guard decision.seesPIIInClear else { return [] }
        return Set(resolved.columns.values.filter(ColumnMasking.isPII).map(\.qualifiedName)).sorted()
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
