import SluiceCore

/// Collects the values of one column of a batch in its storage, with a validity flag per row.
struct ColumnBuilder {
    let field: Field
    private var booleans: [Bool] = []
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var bytes = ByteColumn()
    private var validity: [Bool] = []

    init(field: Field) {
        self.field = field
    }

    var count: Int { validity.count }

    mutating func appendNull() {
        switch field.type.storage {
        case .boolean: booleans.append(false)
        case .int: ints.append(0)
        case .double: doubles.append(0)
        case .bytes: bytes.append(EmptyCollection<UInt8>())
        }
        validity.append(false)
    }

    mutating func append(_ value: Bool) {
        booleans.append(value)
        validity.append(true)
    }

    mutating func append(_ value: Int64) {
        ints.append(value)
        validity.append(true)
    }

    mutating func append(_ value: Double) {
        doubles.append(value)
        validity.append(true)
    }

    mutating func append<C: Collection<UInt8>>(bytes value: C) {
        bytes.append(value)
        validity.append(true)
    }

    /// The column so far; the builder starts again empty.
    mutating func finish() throws -> Column {
        let values: ColumnValues = switch field.type.storage {
        case .boolean: .boolean(booleans)
        case .int: .int(ints)
        case .double: .double(doubles)
        case .bytes: .bytes(bytes)
        }
        let column = try Column(field: field, values: values, validity: validity)
        self = ColumnBuilder(field: field)
        return column
    }
}
