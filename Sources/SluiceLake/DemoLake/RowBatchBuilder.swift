import SluiceCore

/// One cell of a demo row. Dates are days and timestamps microseconds since the
/// epoch (``DemoCalendar``), stored as ``int(_:)`` like ``ColumnValues`` does.
enum DemoValue {
    case int(Int64)
    case double(Double)
    case string(String)
    case bool(Bool)
    case null

    static func integer(_ value: Int) -> DemoValue { .int(Int64(value)) }
    static func optional(_ value: Double?) -> DemoValue { value.map(DemoValue.double) ?? .null }
    static func optional(day: Int?) -> DemoValue { day.map(DemoValue.integer) ?? .null }
}

/// Collects rows of one table column by column and hands them out as ``RecordBatch``es.
///
/// Table code reads best row by row, in the order of the spec's columns; this
/// turns those rows into the columnar buffers batches need. Each column's values
/// live in an array of their storage kind, so appending never copies a buffer.
struct RowBatchBuilder {
    let fields: [Field]
    /// For each field, its position within the array of its storage kind.
    private let slots: [Int]
    private var ints: [[Int64]] = []
    private var doubles: [[Double]] = []
    private var booleans: [[Bool]] = []
    private var bytes: [ByteColumn] = []
    private var validity: [[Bool]] = []
    private(set) var rowCount = 0

    init(fields: [Field]) {
        self.fields = fields
        var counts: [ColumnValues.Kind: Int] = [:]
        slots = fields.map { field in
            defer { counts[field.type.storage, default: 0] += 1 }
            return counts[field.type.storage, default: 0]
        }
        reset()
    }

    /// Appends one row; its cells follow ``fields`` in order and kind.
    mutating func append(_ row: [DemoValue]) {
        precondition(row.count == fields.count, "row has \(row.count) cells for \(fields.count) columns")
        for (index, cell) in row.enumerated() {
            let field = fields[index], slot = slots[index]
            switch (field.type.storage, cell) {
            case let (.int, .int(value)): ints[slot].append(value)
            case let (.double, .double(value)): doubles[slot].append(value)
            case let (.boolean, .bool(value)): booleans[slot].append(value)
            case let (.bytes, .string(value)): bytes[slot].append(value)
            case (.int, .null) where field.isNullable: ints[slot].append(0)
            case (.double, .null) where field.isNullable: doubles[slot].append(0)
            case (.boolean, .null) where field.isNullable: booleans[slot].append(false)
            case (.bytes, .null) where field.isNullable: bytes[slot].append([UInt8]())
            default: preconditionFailure("cell \(cell) does not fit column \(field.name) \(field.type)\(field.isNullable ? "" : " not null")")
            }
            if case .null = cell { validity[index].append(false) } else { validity[index].append(true) }
        }
        rowCount += 1
    }

    /// The rows collected so far as a batch; the builder starts empty again.
    mutating func take() throws -> RecordBatch {
        let columns = try fields.indices.map { index in
            let slot = slots[index]
            let values: ColumnValues = switch fields[index].type.storage {
            case .int: .int(ints[slot])
            case .double: .double(doubles[slot])
            case .boolean: .boolean(booleans[slot])
            case .bytes: .bytes(bytes[slot])
            }
            return try Column(field: fields[index], values: values, validity: validity[index])
        }
        reset()
        return try RecordBatch(columns: columns)
    }

    private mutating func reset() {
        func count(_ kind: ColumnValues.Kind) -> Int { fields.filter { $0.type.storage == kind }.count }
        ints = Array(repeating: [], count: count(.int))
        doubles = Array(repeating: [], count: count(.double))
        booleans = Array(repeating: [], count: count(.boolean))
        bytes = Array(repeating: ByteColumn(), count: count(.bytes))
        validity = Array(repeating: [], count: fields.count)
        rowCount = 0
    }
}
