import Foundation
import SluiceCatalog

/// Checks a spec against a catalog part by part, in document order, collecting every
/// problem with its path rather than stopping at the first, and resolving the names it can.
struct SpecResolver {
    let spec: MartSpec
    let catalog: CatalogContents
    private(set) var problems: [MartSpecError.Problem] = []
    /// Source reference → its catalog table, for the sources that resolved.
    private(set) var tables: [String: TableMetadata] = [:]
    private(set) var columns: [SourceColumn: ColumnMetadata] = [:]
    /// Every reference the spec declares (resolved or not), to tell "unknown source" from
    /// "a source whose table is unknown" (reported once, at the source).
    private var references: [String: Int] = [:]

    init(spec: MartSpec, catalog: CatalogContents) {
        self.spec = spec
        self.catalog = catalog
    }

    mutating func run() -> ResolvedMartSpec? {
        checkName()
        checkSources()
        checkJoins()
        let outputNames = checkOutputs()
        if let filter = spec.filter { check(filter, at: "filter") }
        if let rowPolicy = spec.rowPolicy { check(rowPolicy, at: "row_policy") }
        checkOrder(outputNames: outputNames)
        checkLimit()
        checkIndexes(outputNames: outputNames)
        if spec.dimensions.isEmpty && spec.measures.isEmpty {
            report("", "the mart has no output columns: add dimensions or measures")
        }
        guard problems.isEmpty else { return nil }
        return ResolvedMartSpec(spec: spec, tables: tables, columns: columns, outputNames: outputNames)
    }

    private mutating func report(_ path: String, _ message: String) {
        problems.append(.init(path: path, message: message))
    }

    private static func at(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    // MARK: Name, sources, joins

    private mutating func checkName() {
        let name = spec.name
        let shape = name.first.map { $0.isASCII && $0.isLowercase } == true
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
        if !shape || name.count > MartSpec.maximumNameLength {
            report("name", "\(String(reflecting: name)) is not a mart name: use a lowercase letter, then lowercase letters, digits and _, at most \(MartSpec.maximumNameLength) characters")
        }
    }

    private mutating func checkSources() {
        guard !spec.sources.isEmpty else {
            report("sources", "list at least one table to read")
            return
        }
        let activeTables = catalog.tables.filter { $0.lifecycle == .active }.map(\.name)
        var firstSourceOfTable: [String: Int] = [:]
        for (index, source) in spec.sources.enumerated() {
            let path = "sources[\(index)]"
            var usable = true
            if let earlier = firstSourceOfTable[source.table] {
                report("\(path).table", "\(source.table) is already read as sources[\(earlier)]; each table is read once")
                usable = false
            } else {
                firstSourceOfTable[source.table] = index
            }
            let table = catalog.table(named: source.table)
            if table == nil {
                report("\(path).table", "unknown table \(String(reflecting: source.table)): \(ClosestNames.hint(for: source.table, among: activeTables, listing: "the catalog's tables are"))")
            } else if table?.lifecycle == .removed {
                report("\(path).table", "table \(source.table) was removed from the lake (its objects were gone at the last scan); scan the lake again or read another table")
            }
            if let alias = source.alias {
                usable = checkAlias(alias, of: index) && usable
            }
            let reference = source.reference
            if let earlier = spec.sources[..<index].firstIndex(where: { $0.reference.lowercased() == reference.lowercased() }) {
                report(source.alias == nil ? "\(path).table" : "\(path).alias",
                       "\(String(reflecting: reference)) already names sources[\(earlier)]; give one of them an alias (names are compared regardless of letter case)")
                usable = false
            }
            guard usable else { continue }
            references[reference] = index
            if let table, table.lifecycle == .active { tables[reference] = table }
        }
    }

    private mutating func checkAlias(_ alias: String, of index: Int) -> Bool {
        let path = "sources[\(index)].alias"
        if let problem = Self.identifierProblem(alias, what: "an alias") {
            report(path, problem)
            return false
        }
        if alias.contains(".") {
            report(path, "alias \(String(reflecting: alias)) contains a dot, which column references (alias.column) split at; choose one without")
            return false
        }
        if let other = spec.sources.firstIndex(where: { $0.table.lowercased() == alias.lowercased() }), other != index {
            report(path, "alias \(String(reflecting: alias)) is the table of sources[\(other)]; choose an alias no source's table has")
            return false
        }
        return true
    }

    /// What is wrong with `name` as a quoted SQL name, or `nil`.
    static func identifierProblem(_ name: String, what: String) -> String? {
        if name.isEmpty { return "\(what) cannot be empty" }
        if name.unicodeScalars.contains(where: { $0.value == 0 }) { return "\(what) cannot contain a NUL character" }
        if name.utf8.count > 63 { return "\(what) \(String(reflecting: name)) is \(name.utf8.count) bytes; SQL names have at most 63" }
        return nil
    }

    private mutating func checkJoins() {
        guard let root = spec.sources.first?.reference else { return }
        var planned: [String] = [root]
        var joinOf: [String: Int] = [:]
        for (index, join) in spec.joins.enumerated() {
            let path = "joins[\(index)]"
            var joinable = true
            if references[join.source] == nil {
                report("\(path).source", unknownSource(join.source, in: join.source))
                joinable = false
            } else if join.source == root {
                report("\(path).source", "\(join.source) is the first source, which the joins start from; join the other sources to it")
                joinable = false
            } else if let earlier = joinOf[join.source] {
                report("\(path).source", "\(join.source) is already joined by joins[\(earlier)]; join each source once, with all its equalities in on")
                joinable = false
            }
            if join.on.isEmpty {
                report("\(path).on", "list at least one equality (left = right) that joins \(join.source)")
            }
            for (conditionIndex, condition) in join.on.enumerated() {
                let conditionPath = "\(path).on[\(conditionIndex)]"
                let left = resolve(condition.left, at: "\(conditionPath).left")
                let right = resolve(condition.right, at: "\(conditionPath).right")
                guard joinable else { continue }
                let sides = [condition.left.source, condition.right.source]
                let connects = sides.contains(join.source) && sides.contains { $0 != join.source && planned.contains($0) }
                if !connects {
                    report(conditionPath, "compares \(condition.left) with \(condition.right); each equality compares a column of the joined source \(join.source) with one of a source joined before it (\(planned.joined(separator: ", ")))")
                } else if let left, let right {
                    let leftType = StagedColumnType(catalogType: left.dataType), rightType = StagedColumnType(catalogType: right.dataType)
                    if ValueTypes.family(leftType) != ValueTypes.family(rightType) {
                        report(conditionPath, "compares \(left.qualifiedName) (\(left.dataType)) with \(right.qualifiedName) (\(right.dataType)); a join compares values of one kind")
                    }
                }
            }
            if joinable {
                joinOf[join.source] = index
                planned.append(join.source)
            }
        }
        for (index, source) in spec.sources.enumerated().dropFirst() where joinOf[source.reference] == nil && references[source.reference] == index {
            report("sources[\(index)]", "\(source.reference) is never joined: add a join for it (one join per source after the first)")
        }
    }

    // MARK: Columns and expressions

    private func unknownSource(_ source: String, in text: String) -> String {
        let declared = spec.sources.map(\.reference)
        var message = "unknown source \(String(reflecting: source)) in \(text): the spec's sources are \(declared.joined(separator: ", "))"
        if let aliased = spec.sources.first(where: { $0.table == source && $0.alias != nil }), let alias = aliased.alias {
            message += " (\(source) is read under its alias \(alias))"
        }
        return message
    }

    /// The catalog column `column` names, recording it; reports an unknown source or column.
    private mutating func resolve(_ column: SourceColumn, at path: String) -> ColumnMetadata? {
        guard references[column.source] != nil else {
            report(path, unknownSource(column.source, in: column.description))
            return nil
        }
        // A source whose table did not resolve was reported at the source.
        guard let table = tables[column.source] else { return nil }
        let tableColumns = catalog.columns(of: table.name)
        guard let metadata = tableColumns.first(where: { $0.name == column.column }) else {
            let hint = ClosestNames.hint(for: column.column, among: tableColumns.map(\.name), listing: "its columns are")
            report(path, "unknown column \(column): \(table.name) has no column \(String(reflecting: column.column)); \(hint)")
            return nil
        }
        columns[column] = metadata
        return metadata
    }

    private func columnType(_ column: SourceColumn) -> StagedColumnType? {
        columns[column].map { StagedColumnType(catalogType: $0.dataType) }
    }

    /// Checks an expression whose object is at `path` and returns its type when known.
    @discardableResult
    private mutating func check(_ expression: MartExpression, at path: String) -> StagedColumnType? {
        switch expression {
        case let .column(column):
            return resolve(column, at: Self.at(path, "column")).map { StagedColumnType(catalogType: $0.dataType) }
        case let .literal(literal):
            checkFinite(literal, at: Self.at(path, "value"))
            return ValueTypes.of(literal)
        case let .transform(transform):
            let types = transform.arguments.enumerated().map { index, argument in
                check(argument, at: Self.at(path, "args[\(index)]"))
            }
            checkParameters(of: transform, at: path)
            checkArguments(of: transform, types: types, at: path)
            return ValueTypes.of(expression, columnType: columnType)
        }
    }

    private mutating func checkFinite(_ literal: MartLiteral, at path: String) {
        if case let .double(value) = literal, !value.isFinite {
            report(path, "\(value) is not a finite number")
        }
    }

    private mutating func checkParameters(of transform: MartTransform, at path: String) {
        let name = transform.function.rawValue
        let parameters: [(key: String, given: Bool, owner: TransformFunction)] = [
            ("unit", transform.unit != nil, .dateTrunc), ("field", transform.field != nil, .extract),
            ("width", transform.width != nil, .bucket), ("digits", transform.digits != nil, .round),
        ]
        for parameter in parameters where parameter.given && parameter.owner != transform.function {
            report(Self.at(path, parameter.key), "\(parameter.key) applies to \(parameter.owner.rawValue) only, not to \(name)")
        }
        switch transform.function {
        case .dateTrunc where transform.unit == nil:
            report(Self.at(path, "unit"), "required: date_trunc needs a unit (\(DateUnit.allCases.map(\.rawValue).joined(separator: ", ")))")
        case .extract where transform.field == nil:
            report(Self.at(path, "field"), "required: extract needs a field (\(DateField.allCases.map(\.rawValue).joined(separator: ", ")))")
        case .bucket:
            if let width = transform.width {
                if !(width.isFinite && width > 0) { report(Self.at(path, "width"), "bucket's width must be a number greater than 0, not \(width)") }
            } else {
                report(Self.at(path, "width"), "required: bucket needs a width greater than 0")
            }
        case .round:
            if let digits = transform.digits, !(0...10).contains(digits) {
                report(Self.at(path, "digits"), "round keeps 0 to 10 decimal places, not \(digits)")
            }
        default:
            break
        }
    }

    private mutating func checkArguments(of transform: MartTransform, types: [StagedColumnType?], at path: String) {
        let name = transform.function.rawValue
        let count = transform.arguments.count
        switch transform.function {
        case .coalesce, .concat:
            if count < 2 { report(Self.at(path, "args"), "\(name) takes two or more arguments, not \(count)") }
        default:
            if count != 1 { report(Self.at(path, "args"), "\(name) takes 1 argument, not \(count)") }
        }
        func describe(_ index: Int) -> String {
            if case let .column(column) = transform.arguments[index], let metadata = columns[column] {
                return "\(metadata.qualifiedName) is \(metadata.dataType)"
            }
            return "its argument is \(types[index].map(\.rawValue) ?? "unknown")"
        }
        for (index, type) in types.enumerated() {
            guard let type else { continue }
            let argumentPath = Self.at(path, "args[\(index)]")
            let problem: String?
            switch transform.function {
            case .trim, .lower, .upper:
                problem = type == .text ? nil : "\(name) takes text"
            case .dateTrunc, .extract:
                if !type.isTemporal {
                    problem = "\(name) takes a date or a timestamp"
                } else if transform.field == .hour && type != .timestamp {
                    problem = "extract of hour takes a timestamp"
                } else {
                    problem = nil
                }
            case .bucket, .round:
                problem = type.isNumeric ? nil : "\(name) takes a number"
            case .coalesce, .concat:
                problem = nil
            }
            if let problem { report(argumentPath, "\(problem); \(describe(index))") }
        }
        if transform.function == .coalesce {
            let families = Set(types.compactMap { $0.map(ValueTypes.family) })
            if families.count > 1 {
                report(Self.at(path, "args"), "coalesce picks one of values of one kind; its arguments mix \(families.map(\.rawValue).sorted().joined(separator: " and "))")
            }
        }
    }

    /// The path of an aggregate's or condition's subject: its own object for a column
    /// (`"column": …` sits beside `function` or `op`), `expression` otherwise.
    private static func subjectPath(_ expression: MartExpression, _ path: String) -> String {
        if case .column = expression { return path }
        return at(path, "expression")
    }

    @discardableResult
    private mutating func check(_ aggregate: MartAggregate, at path: String) -> StagedColumnType? {
        switch aggregate {
        case let .countRows(filter):
            if let filter { check(filter, at: Self.at(path, "filter")) }
        case let .aggregate(function, argument, filter):
            let argumentPath = Self.subjectPath(argument, path)
            let type = check(argument, at: argumentPath)
            if let type, function == .sum || function == .avg, !type.isNumeric {
                let what: String
                if case let .column(column) = argument, let metadata = columns[column] {
                    what = "\(metadata.qualifiedName) is \(metadata.dataType)"
                } else {
                    what = "its argument is \(type.rawValue)"
                }
                report(argument.columnReference == nil ? argumentPath : Self.at(argumentPath, "column"),
                       "\(function.rawValue) takes numbers; \(what)")
            }
            if let filter { check(filter, at: Self.at(path, "filter")) }
        case let .safeRatio(numerator, denominator, scale):
            for (key, part) in [("numerator", numerator), ("denominator", denominator)] {
                if let type = check(part, at: Self.at(path, key)), !type.isNumeric {
                    report(Self.at(path, key), "safe_ratio divides numbers; its \(key) is \(type.rawValue)")
                }
            }
            if !scale.isFinite { report(Self.at(path, "scale"), "scale must be a finite number, not \(scale)") }
        }
        return ValueTypes.of(aggregate, columnType: columnType)
    }

    // MARK: Conditions

    private mutating func check(_ predicate: MartPredicate, at path: String) {
        switch predicate {
        case let .comparison(expression, op, literal):
            let type = check(expression, at: Self.subjectPath(expression, path))
            if literal == .null {
                report(Self.at(path, "value"), "\(op.rawValue) null is never true; use is_null or is_not_null")
            } else {
                checkLiteral(literal, against: type, subject: expression, at: Self.at(path, "value"))
            }
        case let .inList(expression, values):
            let type = check(expression, at: Self.subjectPath(expression, path))
            if values.isEmpty { report(Self.at(path, "values"), "in needs at least one value") }
            for (index, value) in values.enumerated() {
                if value == .null {
                    report(Self.at(path, "values[\(index)]"), "in never matches null; use is_null for missing values")
                } else {
                    checkLiteral(value, against: type, subject: expression, at: Self.at(path, "values[\(index)]"))
                }
            }
        case let .between(expression, low, high):
            let type = check(expression, at: Self.subjectPath(expression, path))
            for (index, bound) in [low, high].enumerated() {
                if bound == .null {
                    report(Self.at(path, "values[\(index)]"), "between needs two bounds; null is none")
                } else {
                    checkLiteral(bound, against: type, subject: expression, at: Self.at(path, "values[\(index)]"))
                }
            }
        case let .isNull(expression), let .isNotNull(expression):
            check(expression, at: Self.subjectPath(expression, path))
        case let .like(expression, _):
            if let type = check(expression, at: Self.subjectPath(expression, path)), type != .text {
                report(Self.subjectPath(expression, path), "like matches text; \(describe(expression, type))")
            }
        case let .isLatest(column):
            _ = resolve(column, at: Self.at(path, "column"))
        case let .and(conditions), let .or(conditions):
            let key = if case .and = predicate { "and" } else { "or" }
            if conditions.isEmpty { report(Self.at(path, key), "list at least one condition") }
            for (index, condition) in conditions.enumerated() {
                check(condition, at: Self.at(path, "\(key)[\(index)]"))
            }
        case let .not(condition):
            check(condition, at: Self.at(path, "not"))
        }
    }

    private func describe(_ expression: MartExpression, _ type: StagedColumnType) -> String {
        if case let .column(column) = expression, let metadata = columns[column] {
            return "\(metadata.qualifiedName) is \(metadata.dataType)"
        }
        return "the value tested is \(type.rawValue)"
    }

    /// Dates and timestamps are compared as the text they are stored as, so a literal for one
    /// must be written the same way: `2024-01-31`, `2024-01-31 09:30`, `2024-01-31 09:30:00.5`.
    static func isDateText(_ text: String) -> Bool {
        matches(Array(text.utf8), "dddd-dd-dd")
    }

    static func isTimestampText(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for shape in ["dddd-dd-dd", "dddd-dd-dd dd:dd", "dddd-dd-dd dd:dd:dd"] where matches(bytes, shape) { return true }
        let whole = "dddd-dd-dd dd:dd:dd."
        guard bytes.count > whole.utf8.count, bytes.count <= whole.utf8.count + 6 else { return false }
        return matches(Array(bytes[..<whole.utf8.count]), whole) && bytes[whole.utf8.count...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Whether `bytes` has `shape`, where `d` is any ASCII digit and every other character itself.
    private static func matches(_ bytes: [UInt8], _ shape: String) -> Bool {
        let shape = Array(shape.utf8)
        guard bytes.count == shape.count else { return false }
        return zip(bytes, shape).allSatisfy { byte, expected in
            expected == UInt8(ascii: "d") ? (byte >= 0x30 && byte <= 0x39) : byte == expected
        }
    }

    private mutating func checkLiteral(_ literal: MartLiteral, against type: StagedColumnType?, subject: MartExpression, at path: String) {
        checkFinite(literal, at: path)
        guard let type, let literalType = ValueTypes.of(literal) else { return }
        let expected: String
        switch type {
        case .integer, .real:
            guard !literalType.isNumeric else { return }
            expected = "a number"
        case .boolean:
            guard literalType != .boolean else { return }
            if case let .integer(value) = literal, value == 0 || value == 1 { return }
            expected = "true or false"
        case .text:
            guard literalType != .text else { return }
            expected = "text"
        case .date:
            if case let .string(text) = literal, Self.isDateText(text) { return }
            expected = "a date written YYYY-MM-DD"
        case .timestamp:
            if case let .string(text) = literal, Self.isTimestampText(text) { return }
            expected = "a timestamp written YYYY-MM-DD HH:MM:SS (UTC; the time or its seconds may be left out)"
        case .blob:
            expected = "nothing: binary values are not compared"
        }
        report(path, "\(describe(subject, type)); compare it with \(expected), not \(Self.spell(literal))")
    }

    private static func spell(_ literal: MartLiteral) -> String {
        switch literal {
        case let .string(text): "the text \(String(reflecting: text))"
        case let .integer(value): "the number \(value)"
        case let .double(value): "the number \(value)"
        case let .boolean(value): "\(value)"
        case .null: "null"
        }
    }

    // MARK: Outputs, order, limit, indexes

    /// Checks dimensions and measures and returns the output names in order.
    private mutating func checkOutputs() -> [String] {
        var names: [String] = []
        var pathOfName: [String: String] = [:]
        func claim(_ name: String, at path: String) {
            names.append(name)
            if let problem = Self.identifierProblem(name, what: "an output column name") {
                report(path, problem)
            } else if let earlier = pathOfName[name.lowercased()] {
                report(path, "output column \(String(reflecting: name)) is already \(earlier); output names are unique regardless of letter case")
            } else {
                pathOfName[name.lowercased()] = String(path.prefix { $0 != "." })
            }
        }
        for (index, dimension) in spec.dimensions.enumerated() {
            let path = "dimensions[\(index)]"
            check(dimension.expression, at: path)
            if let alias = dimension.alias {
                claim(alias, at: "\(path).as")
            } else if let column = dimension.expression.columnReference {
                claim(column.column, at: "\(path).column")
            } else {
                report("\(path).as", "required: a dimension computed by a transform or given as a value needs an output column name")
            }
        }
        for (index, measure) in spec.measures.enumerated() {
            let path = "measures[\(index)]"
            check(measure.aggregate, at: path)
            claim(measure.name, at: "\(path).name")
        }
        return names
    }

    private mutating func checkOrder(outputNames: [String]) {
        for (index, ordering) in spec.order.enumerated() {
            let path = "order[\(index)]"
            switch ordering.target {
            case let .output(name):
                if !outputNames.contains(name) {
                    report("\(path).by", "no output column \(String(reflecting: name)); \(ClosestNames.hint(for: name, among: outputNames, listing: "the outputs are"))")
                }
            case let .expression(expression):
                check(expression, at: expression.columnReference == nil ? "\(path).expression" : path)
                if !spec.measures.isEmpty && !spec.dimensions.contains(where: { $0.expression == expression }) {
                    report(path, "with measures the mart has one row per group; sort by an output column (by) or by a dimension's own expression")
                }
            }
        }
    }

    private mutating func checkLimit() {
        if let limit = spec.limit, !(1...MartSpec.maximumLimit).contains(limit) {
            report("limit", "must be between 1 and \(MartSpec.maximumLimit), not \(limit)")
        }
    }

    private mutating func checkIndexes(outputNames: [String]) {
        for (index, names) in spec.indexes.enumerated() {
            if names.isEmpty { report("indexes[\(index)]", "list at least one output column") }
            var seen: Set<String> = []
            for (position, name) in names.enumerated() {
                let path = "indexes[\(index)][\(position)]"
                if !outputNames.contains(name) {
                    report(path, "no output column \(String(reflecting: name)); \(ClosestNames.hint(for: name, among: outputNames, listing: "the outputs are"))")
                } else if !seen.insert(name).inserted {
                    report(path, "\(name) is already in this index")
                }
            }
        }
    }
}
