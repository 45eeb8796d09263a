/// The storage type of what an expression or aggregate computes, from the types of the
/// columns it reads: what the resolver checks functions against and the compiler declares
/// the mart's columns as. `nil` is unknown (a null literal, or a column that did not resolve).
enum ValueTypes {
    static func of(_ literal: MartLiteral) -> StagedColumnType? {
        switch literal {
        case .string: .text
        case .integer: .integer
        case .double: .real
        case .boolean: .boolean
        case .null: nil
        }
    }

    static func of(_ expression: MartExpression, columnType: (SourceColumn) -> StagedColumnType?) -> StagedColumnType? {
        switch expression {
        case let .column(column):
            return columnType(column)
        case let .literal(literal):
            return of(literal)
        case let .transform(transform):
            let arguments = transform.arguments.map { of($0, columnType: columnType) }
            switch transform.function {
            case .trim, .lower, .upper, .concat:
                return .text
            case .coalesce:
                // The widest numeric type when numbers mix; else the first known type.
                let known = arguments.compactMap { $0 }
                if known.contains(.real), known.allSatisfy(\.isNumeric) { return .real }
                return known.first
            case .dateTrunc:
                return arguments.first ?? nil
            case .extract:
                return .integer
            case .bucket:
                let width = transform.width ?? 1
                return arguments.first == .integer && width.rounded() == width ? .integer : .real
            case .round:
                return .real
            }
        }
    }

    static func of(_ aggregate: MartAggregate, columnType: (SourceColumn) -> StagedColumnType?) -> StagedColumnType? {
        switch aggregate {
        case .countRows:
            return .integer
        case let .aggregate(function, argument, _):
            let type = of(argument, columnType: columnType)
            switch function {
            case .count, .countDistinct: return .integer
            case .avg: return .real
            case .sum: return type == .integer ? .integer : .real
            case .min, .max: return type
            }
        case .safeRatio:
            return .real
        }
    }

    /// Which types compare with each other: numbers (booleans are 0 and 1), text (dates and
    /// timestamps are stored as text that sorts like the time), and binary.
    enum Family: String {
        case number, text, binary
    }

    static func family(_ type: StagedColumnType) -> Family {
        switch type {
        case .integer, .real, .boolean: .number
        case .text, .date, .timestamp: .text
        case .blob: .binary
        }
    }
}
