/// Variable-length values stored Arrow-style: one contiguous byte buffer and
/// `count + 1` offsets into it, so a million strings cost two allocations.
public struct ByteArrayBuffer: Sendable, Equatable {
    /// `offsets[i]..<offsets[i + 1]` are the bytes of value `i`; `offsets[0] == 0`.
    public var offsets: [Int]
    public var bytes: [UInt8]

    public init() {
        offsets = [0]
        bytes = []
    }

    public init(offsets: [Int], bytes: [UInt8]) {
        precondition(offsets.first == 0 && offsets.last == bytes.count, "offsets must span the byte buffer")
        self.offsets = offsets
        self.bytes = bytes
    }

    public init<S: Sequence>(_ values: S) where S.Element: Collection, S.Element.Element == UInt8 {
        self.init()
        for value in values { append(value) }
    }

    public var count: Int { offsets.count - 1 }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[offsets[index]..<offsets[index + 1]]
    }

    public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    public mutating func reserveCapacity(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + values)
        bytes.reserveCapacity(bytes.count + byteCount)
    }
}

/// Fixed-width binary values (FIXED_LEN_BYTE_ARRAY): `count * width` bytes.
public struct FixedBuffer: Sendable, Equatable {
    public let width: Int
    public var bytes: [UInt8]

    public init(width: Int, bytes: [UInt8] = []) {
        precondition(width >= 0)
        self.width = width
        self.bytes = bytes
    }

    public var count: Int { width == 0 ? 0 : bytes.count / width }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[(index * width)..<((index + 1) * width)]
    }
}

/// A 96-bit INT96 value as Impala and Spark write timestamps: nanoseconds within
/// the day in the low 8 bytes, the Julian day number in the high 4 (little-endian).
public struct Int96: Sendable, Hashable {
    public var nanosOfDay: UInt64
    public var julianDay: UInt32

    public init(nanosOfDay: UInt64, julianDay: UInt32) {
        self.nanosOfDay = nanosOfDay
        self.julianDay = julianDay
    }
}

/// The physical values of one column, one slot per value position.
/// Null positions hold a zero (or empty) placeholder; see ``ColumnData/validity``.
public enum ColumnStorage: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([Int96])
    case float([Float])
    case double([Double])
    case byteArray(ByteArrayBuffer)
    case fixedLenByteArray(FixedBuffer)

    public var count: Int {
        switch self {
        case let .boolean(v): v.count
        case let .int32(v): v.count
        case let .int64(v): v.count
        case let .int96(v): v.count
        case let .float(v): v.count
        case let .double(v): v.count
        case let .byteArray(v): v.count
        case let .fixedLenByteArray(v): v.count
        }
    }

    public var physicalType: PhysicalType {
        switch self {
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .int96: .int96
        case .float: .float
        case .double: .double
        case .byteArray: .byteArray
        case .fixedLenByteArray: .fixedLenByteArray
        }
    }
}

/// Values plus which of them are null.
public struct ColumnData: Sendable, Equatable {
    public var storage: ColumnStorage
    /// `validity[i] == false` means position `i` is null. `nil` means no position is null.
    public var validity: [Bool]?

    public init(storage: ColumnStorage, validity: [Bool]? = nil) {
        precondition(validity == nil || validity!.count == storage.count, "validity must cover every value")
        self.storage = storage
        self.validity = validity
    }

    public var count: Int { storage.count }

    public func isNull(_ index: Int) -> Bool {
        validity.map { !$0[index] } ?? false
    }

    public var nullCount: Int {
        validity.map { $0.lazy.filter { !$0 }.count } ?? 0
    }
}

/// How the elements of a LIST column group into rows.
public struct ListStructure: Sendable, Equatable {
    /// `offsets[r]..<offsets[r + 1]` are the element positions of row `r`; `rows + 1` entries.
    public var offsets: [Int]
    /// `validity[r] == false` means row `r` holds a null list (not an empty one). `nil`: no null lists.
    public var validity: [Bool]?

    public init(offsets: [Int], validity: [Bool]? = nil) {
        self.offsets = offsets
        self.validity = validity
    }

    public var rowCount: Int { offsets.count - 1 }
}

/// One column of one row group as read from a file.
public struct ParquetColumn: Sendable {
    public let descriptor: ColumnDescriptor
    /// For a flat column, one position per row. For a LIST column, the elements of all rows.
    public var data: ColumnData
    /// Present for LIST columns only.
    public var lists: ListStructure?

    public init(descriptor: ColumnDescriptor, data: ColumnData, lists: ListStructure? = nil) {
        self.descriptor = descriptor
        self.data = data
        self.lists = lists
    }

    public var rowCount: Int { lists?.rowCount ?? data.count }
}
