/// Variable-length values in one buffer with `count + 1` offsets (Arrow's layout),
/// so a column of a million strings is two allocations, not a million.
public struct ByteColumn: Sendable, Equatable {
    /// `offsets[i]..<offsets[i + 1]` are the bytes of value `i`.
    public private(set) var offsets: [Int]
    public private(set) var bytes: [UInt8]

    public init() {
        offsets = [0]
        bytes = []
    }

    /// Takes both buffers as they are; `offsets` must start at 0, never decrease and end at `bytes.count`.
    public init(offsets: [Int], bytes: [UInt8]) {
        precondition(offsets.first == 0 && offsets.last == bytes.count, "offsets must span the byte buffer")
        self.offsets = offsets
        self.bytes = bytes
    }

    public init<S: Sequence>(strings: S) where S.Element == String {
        self.init()
        for string in strings { append(string) }
    }

    public var count: Int { offsets.count - 1 }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[offsets[index]..<offsets[index + 1]]
    }

    public func string(at index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    public mutating func append(_ string: String) {
        append(string.utf8)
    }

    public mutating func reserveCapacity(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + values)
        bytes.reserveCapacity(bytes.count + byteCount)
    }
}

/// The values of one column: one of four storages, chosen by ``DataType/storage``.
/// A null position holds a placeholder (0, false, empty) and is marked in ``Column/validity``.
public enum ColumnValues: Sendable, Equatable {
    case boolean([Bool])
    case int([Int64])
    case double([Double])
    case bytes(ByteColumn)

    public enum Kind: Sendable, Hashable {
        case boolean, int, double, bytes
    }

    public var kind: Kind {
        switch self {
        case .boolean: .boolean
        case .int: .int
        case .double: .double
        case .bytes: .bytes
        }
    }

    public var count: Int {
        switch self {
        case let .boolean(values): values.count
        case let .int(values): values.count
        case let .double(values): values.count
        case let .bytes(values): values.count
        }
    }
}

/// A named, typed column of a ``RecordBatch``.
public struct Column: Sendable, Equatable {
    public var field: Field
    public var values: ColumnValues
    /// `validity[i] == false`: row `i` is null. `nil`: no row is null.
    public var validity: [Bool]?

    public init(field: Field, values: ColumnValues, validity: [Bool]? = nil) throws {
        guard field.type.storage == values.kind else {
            throw SluiceError.invalidColumn(field.name, reason: "type \(field.type) is stored as \(field.type.storage), got \(values.kind)")
        }
        if let validity {
            guard validity.count == values.count else {
                throw SluiceError.invalidColumn(field.name, reason: "\(validity.count) validity flags for \(values.count) values")
            }
            guard field.isNullable || !validity.contains(false) else {
                throw SluiceError.invalidColumn(field.name, reason: "holds nulls but is not nullable")
            }
        }
        self.field = field
        self.values = values
        self.validity = validity?.contains(false) == true ? validity : nil
    }

    public var count: Int { values.count }

    public func isNull(_ row: Int) -> Bool {
        validity.map { !$0[row] } ?? false
    }
}

/// A column's name, type and nullability.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public var isNullable: Bool

    public init(_ name: String, _ type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = nullable
    }
}

/// Rows held column by column: what readers produce and writers consume.
public struct RecordBatch: Sendable, Equatable {
    public let columns: [Column]
    public let rowCount: Int

    /// All columns must have the same length and distinct names.
    public init(columns: [Column]) throws {
        let count = columns.first?.count ?? 0
        var seen = Set<String>()
        for column in columns {
            guard column.count == count else {
                throw SluiceError.invalidColumn(column.field.name, reason: "has \(column.count) rows, \(columns[0].field.name) has \(count)")
            }
            guard seen.insert(column.field.name).inserted else {
                throw SluiceError.invalidColumn(column.field.name, reason: "appears twice in one batch")
            }
        }
        self.columns = columns
        self.rowCount = count
    }

    public var fields: [Field] { columns.map(\.field) }

    public func column(named name: String) -> Column? {
        columns.first { $0.field.name == name }
    }
}
