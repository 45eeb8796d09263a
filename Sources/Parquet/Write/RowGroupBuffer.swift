/// The rows of the row group being filled, one ``ColumnData`` per field.
///
/// Batches arrive in whatever sizes the caller likes. The buffer reports its
/// size as the PLAIN estimate of ``PageLayout``, which is what
/// ``ParquetWriteOptions/rowGroupSize`` is compared with.
///
/// The first batch of a row group is only referenced (arrays are copy-on-write,
/// so this costs nothing); rows are copied into buffers of the writer's own
/// once a second batch joins the group. A caller writing one large batch per
/// row group thus never has its values copied, while many small batches still
/// cost one copy each, not a copy of all earlier ones.
struct RowGroupBuffer {
    private let fields: [ParquetField]
    /// The group's rows, when it holds more than one batch's.
    private var columns: [ColumnData]
    /// The group's rows, when they all come from one batch.
    private var borrowed: (batch: [ColumnData], rows: Range<Int>)?
    private(set) var rowCount = 0
    private(set) var estimatedSize = 0

    init(fields: [ParquetField]) {
        self.fields = fields
        self.columns = fields.map(Self.emptyColumn)
    }

    /// Where the rows of `batch` starting at `rows.lowerBound` must stop so that the
    /// buffer reaches `limit` (the end of `rows` if they all fit below it).
    func endOfRows(filling limit: Int, from batch: [ColumnData], in rows: Range<Int>) -> Int {
        PageLayout.firstEnd(reaching: limit - estimatedSize, in: rows) { Self.plainSize(of: batch, in: $0) } ?? rows.upperBound
    }

    mutating func append(_ batch: [ColumnData], rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        if rowCount == 0 {
            borrowed = (batch, rows)
        } else {
            if let (earlier, earlierRows) = borrowed {
                borrowed = nil
                copy(earlier, rows: earlierRows, after: 0)
            }
            copy(batch, rows: rows, after: rowCount)
        }
        rowCount += rows.count
        estimatedSize += Self.plainSize(of: batch, in: rows)
    }

    /// The buffered columns; the buffer is empty afterwards.
    mutating func take() -> [ColumnData] {
        defer {
            columns = fields.map(Self.emptyColumn)
            borrowed = nil
            rowCount = 0
            estimatedSize = 0
        }
        if let (batch, rows) = borrowed {
            if rows == 0..<(batch.first?.count ?? 0) { return batch }
            copy(batch, rows: rows, after: 0)
        }
        return columns
    }

    private mutating func copy(_ batch: [ColumnData], rows: Range<Int>, after existingCount: Int) {
        for index in columns.indices {
            columns[index].append(batch[index], rows: rows, existingCount: existingCount)
        }
    }

    private static func plainSize(of batch: [ColumnData], in rows: Range<Int>) -> Int {
        batch.reduce(0) { $0 + PageLayout.plainSize(of: $1.storage, in: rows) }
    }

    private static func emptyColumn(_ field: ParquetField) -> ColumnData {
        let storage: ColumnStorage = switch field.physicalType {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .int96: .int96([])
        case .float: .float([])
        case .double: .double([])
        case .byteArray: .byteArray(ByteArrayBuffer())
        case .fixedLenByteArray: .fixedLenByteArray(FixedBuffer(width: field.typeLength ?? 0))
        }
        return ColumnData(storage: storage)
    }
}

extension ColumnData {
    /// Appends `rows` of `other` (same physical type); `existingCount` is the rows already here.
    fileprivate mutating func append(_ other: ColumnData, rows: Range<Int>, existingCount: Int) {
        switch (validity, other.validity) {
        case (nil, nil):
            break
        case (nil, let incoming?):
            // Only now does the buffer need a validity mask: every earlier row was valid.
            var mask = [Bool](repeating: true, count: existingCount)
            mask.append(contentsOf: incoming[rows])
            validity = mask
        case (_?, let incoming):
            validity!.append(contentsOf: incoming.map { $0[rows] } ?? ArraySlice(repeating: true, count: rows.count))
        }
        storage.append(other.storage, rows: rows)
    }
}

extension ColumnStorage {
    fileprivate mutating func append(_ other: ColumnStorage, rows: Range<Int>) {
        switch other {
        case let .boolean(theirs): grow(ColumnStorage.boolean) { if case let .boolean(v) = $0 { v } else { nil } } by: { $0.append(contentsOf: theirs[rows]) }
        case let .int32(theirs): grow(ColumnStorage.int32) { if case let .int32(v) = $0 { v } else { nil } } by: { $0.append(contentsOf: theirs[rows]) }
        case let .int64(theirs): grow(ColumnStorage.int64) { if case let .int64(v) = $0 { v } else { nil } } by: { $0.append(contentsOf: theirs[rows]) }
        case let .int96(theirs): grow(ColumnStorage.int96) { if case let .int96(v) = $0 { v } else { nil } } by: { $0.append(contentsOf: theirs[rows]) }
        case let .float(theirs): grow(ColumnStorage.float) { if case let .float(v) = $0 { v } else { nil } } by: { $0.append(contentsOf: theirs[rows]) }
        case let .double(theirs): grow(ColumnStorage.double) { if case let .double(v) = $0 { v } else { nil } } by: { $0.append(contentsOf: theirs[rows]) }
        case let .byteArray(theirs):
            grow(ColumnStorage.byteArray) { if case let .byteArray(v) = $0 { v } else { nil } } by: { mine in
                let first = theirs.offsets[rows.lowerBound]
                let shift = mine.bytes.count - first
                mine.bytes.append(contentsOf: theirs.bytes[first..<theirs.offsets[rows.upperBound]])
                mine.offsets.reserveCapacity(mine.offsets.count + rows.count)
                for offset in theirs.offsets[(rows.lowerBound + 1)...rows.upperBound] {
                    mine.offsets.append(offset + shift)
                }
            }
        case let .fixedLenByteArray(theirs):
            grow(ColumnStorage.fixedLenByteArray) { if case let .fixedLenByteArray(v) = $0 { v } else { nil } } by: {
                $0.bytes.append(contentsOf: theirs.bytes[(rows.lowerBound * theirs.width)..<(rows.upperBound * theirs.width)])
            }
        }
    }

    /// Takes the payload out of `self` and parks a placeholder there while `body`
    /// changes it, so the array is uniquely referenced and grows in place instead
    /// of being copied on every batch.
    private mutating func grow<Payload>(_ wrap: (Payload) -> ColumnStorage, _ extract: (ColumnStorage) -> Payload?, by body: (inout Payload) -> Void) {
        guard var payload = extract(self) else {
            preconditionFailure("batch columns are validated against the field types before they are buffered")
        }
        self = .boolean([])
        body(&payload)
        self = wrap(payload)
    }
}
