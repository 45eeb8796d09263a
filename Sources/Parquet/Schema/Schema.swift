/// The schema of a file as a tree, with one ``ColumnDescriptor`` per leaf.
///
/// Parquet stores the schema as a depth-first list of ``SchemaElement``s where
/// groups announce their child count. ``ParquetSchema`` rebuilds the tree,
/// computes each leaf's maximum definition and repetition level, and works out
/// whether the reader can produce it: flat primitives and LISTs of primitives
/// are readable; other nested leaves are described but refuse to read with an
/// error that names them.
public struct ParquetSchema: Sendable {
    public indirect enum Node: Sendable {
        case primitive(SchemaElement)
        case group(SchemaElement, children: [Node])

        public var element: SchemaElement {
            switch self {
            case let .primitive(element), let .group(element, _): element
            }
        }
    }

    /// The root group (its name is usually `schema`).
    public let root: Node
    /// Every leaf, in file order. `columns[i]` corresponds to `RowGroup.columns[i]`.
    public let columns: [ColumnDescriptor]
    public let elements: [SchemaElement]

    /// Deepest nesting accepted. Real schemas rarely pass 10; hostile ones could recurse without bound.
    static let maximumDepth = 64

    public init(elements: [SchemaElement]) throws {
        guard let first = elements.first else { throw ParquetError.corrupt("schema is empty") }
        guard first.type == nil || first.numChildren != nil else {
            throw ParquetError.corrupt("schema root \"\(first.name)\" is not a group")
        }
        var index = 0
        var leaves: [ColumnDescriptor] = []
        let root = try Self.buildNode(
            elements, at: &index, depth: 0, path: [], repetitions: [], definition: 0, repetition: 0,
            shape: .flat, isRoot: true, leaves: &leaves
        )
        guard index == elements.count else {
            throw ParquetError.corrupt("schema has \(elements.count - index) elements after the root's children")
        }
        self.root = root
        self.columns = leaves
        self.elements = elements
    }

    public func column(named name: String) -> ColumnDescriptor? {
        columns.first { $0.name == name }
    }

    // Walks one element and its descendants, depth first.
    private static func buildNode(
        _ elements: [SchemaElement], at index: inout Int, depth: Int, path: [String], repetitions: [Repetition],
        definition: Int, repetition: Int, shape: ColumnShape, isRoot: Bool, leaves: inout [ColumnDescriptor]
    ) throws -> Node {
        guard depth <= maximumDepth else { throw ParquetError.corrupt("schema nests deeper than \(maximumDepth) levels") }
        guard index < elements.count else { throw ParquetError.corrupt("schema ends inside a group") }
        let element = elements[index]
        index += 1
        let myPath = isRoot ? [] : path + [element.name]
        let myRepetitions = isRoot ? [] : repetitions + [element.repetitionType ?? .optional]
        var definition = definition
        var repetition = repetition
        if !isRoot {
            switch element.repetitionType ?? .optional {
            case .required: break
            case .optional: definition += 1
            case .repeated:
                definition += 1
                repetition += 1
            }
        }
        let isGroup = element.numChildren != nil && (element.type == nil || isRoot)
        if !isGroup {
            guard let type = element.type else {
                throw ParquetError.corrupt("schema element \"\(element.name)\" has neither a type nor children")
            }
            if type == .fixedLenByteArray, (element.typeLength ?? -1) < 0 {
                throw ParquetError.corrupt("FIXED_LEN_BYTE_ARRAY column \"\(myPath.joined(separator: "."))\" has no valid type_length")
            }
            var leafShape = shape
            if element.repetitionType == .repeated {
                // A repeated primitive directly under a struct/root: a legacy list.
                leafShape = repetition == 1 && shape != .nested ? .list : .nested
            }
            leaves.append(ColumnDescriptor(element: element, path: myPath, repetitions: myRepetitions, maxDefinitionLevel: definition,
                                           maxRepetitionLevel: repetition, shape: leafShape, index: leaves.count))
            return .primitive(element)
        }
        let childCount = Int(element.numChildren ?? 0)
        guard childCount >= 0, childCount <= elements.count - index else {
            throw ParquetError.corrupt("group \"\(element.name)\" claims \(childCount) children, only \(elements.count - index) elements follow")
        }
        let childShape: ColumnShape
        if isRoot {
            childShape = .flat
        } else if shape == .list && element.repetitionType == .repeated && childCount == 1 {
            childShape = .list // the middle group of a three-level list
        } else {
            childShape = Self.shapeBelow(element, childCount: childCount, elements, at: index, current: shape)
        }
        var children: [Node] = []
        children.reserveCapacity(childCount)
        for _ in 0..<childCount {
            children.append(try buildNode(elements, at: &index, depth: depth + 1, path: myPath, repetitions: myRepetitions,
                                          definition: definition, repetition: repetition,
                                          shape: childShape, isRoot: false, leaves: &leaves))
        }
        return .group(element, children: children)
    }

    /// A group whose only descendant is a primitive reached through the standard
    /// three-level LIST (`optional group a (LIST) { repeated group list { optional T element } }`)
    /// or the two-level legacy forms yields a readable list; anything else is nested.
    private static func shapeBelow(_ group: SchemaElement, childCount: Int, _ elements: [SchemaElement], at index: Int, current: ColumnShape) -> ColumnShape {
        guard current == .flat else { return .nested }
        let isList = group.logicalType == .list || group.convertedType == .list
        guard isList, group.repetitionType != .repeated, childCount == 1, index < elements.count else { return .nested }
        let middle = elements[index]
        guard middle.repetitionType == .repeated else { return .nested }
        if middle.numChildren == nil || middle.type != nil {
            return .list // two-level: repeated primitive
        }
        guard middle.numChildren == 1, index + 1 < elements.count else { return .nested }
        let leaf = elements[index + 1]
        guard leaf.numChildren == nil, leaf.type != nil, leaf.repetitionType != .repeated else { return .nested }
        return .list
    }
}

/// What the reader can make of a leaf.
public enum ColumnShape: Sendable, Equatable {
    /// A top-level required or optional primitive.
    case flat
    /// The element column of a LIST of primitives (one repetition level).
    case list
    /// Inside a struct, map or deeper list: described, not read.
    case nested
}

/// One leaf column: its path, types and levels.
public struct ColumnDescriptor: Sendable, Equatable {
    public let element: SchemaElement
    public let path: [String]
    /// The repetition of every node on ``path``, outermost first.
    public let repetitions: [Repetition]
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    public let shape: ColumnShape
    /// Position among the leaves, equal to the index of its chunk in each row group.
    public let index: Int

    /// The dotted path, e.g. `prices.list.element`; for a flat column just its name.
    public var name: String { path.joined(separator: ".") }
    /// The name a reader shows for the column: the top-level field for lists.
    public var fieldName: String { path.first ?? "" }
    public var physicalType: PhysicalType { element.type! }
    public var typeLength: Int { Int(element.typeLength ?? 0) }
    public var isNullable: Bool { maxDefinitionLevel > 0 }

    /// The logical type from the `logicalType` field, else derived from the legacy converted type.
    public var logicalType: LogicalType? {
        if let logical = element.logicalType {
            if case .unrecognized = logical { return legacyLogicalType }
            return logical
        }
        return legacyLogicalType
    }

    private var legacyLogicalType: LogicalType? {
        switch element.convertedType {
        case .utf8: .string
        case .enumeration: .enumeration
        case .json: .json
        case .bson: .bson
        case .date: .date
        case .decimal: .decimal(scale: element.scale ?? 0, precision: element.precision ?? 0)
        case .timeMillis: .time(isAdjustedToUTC: true, unit: .millis)
        case .timeMicros: .time(isAdjustedToUTC: true, unit: .micros)
        case .timestampMillis: .timestamp(isAdjustedToUTC: true, unit: .millis)
        case .timestampMicros: .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .uint8: .integer(bitWidth: 8, isSigned: false)
        case .uint16: .integer(bitWidth: 16, isSigned: false)
        case .uint32: .integer(bitWidth: 32, isSigned: false)
        case .uint64: .integer(bitWidth: 64, isSigned: false)
        case .int8: .integer(bitWidth: 8, isSigned: true)
        case .int16: .integer(bitWidth: 16, isSigned: true)
        case .int32: .integer(bitWidth: 32, isSigned: true)
        case .int64: .integer(bitWidth: 64, isSigned: true)
        case .map, .mapKeyValue, .list, .interval, nil: nil
        }
    }

    init(element: SchemaElement, path: [String], repetitions: [Repetition], maxDefinitionLevel: Int, maxRepetitionLevel: Int, shape: ColumnShape, index: Int) {
        self.element = element
        self.path = path
        self.repetitions = repetitions
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        self.shape = shape
        self.index = index
    }
}
