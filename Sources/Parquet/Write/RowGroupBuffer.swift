/// The rows of the row group being filled, one growing ``ColumnData`` per field.
///
/// Batches arrive in whatever sizes the caller likes; the buffer copies the rows
/// that belong to the current row group and reports its size as the PLAIN
/// estimate of ``PageLayout``, which is what ``ParquetWriteOptions/rowGroupSize``
/// is compared with.
struct RowGroupBuffer {
    private let fields: [ParquetField]
    private var columns: [ColumnData]
    private(set) var rowCount = 0
    private(set) var estimatedSize = 0

    init(fields: [ParquetField]) {
        self.fields = fields
        self.columns = fields.map(Self.emptyColumn)
    }

    /// Where the rows of `batch` starting at `rows.lowerBound` must stop so that the
    /// buffer reaches `limit` (the end of `rows` if they all fit below it).
    func endOfRows(filling limit: Int, from batch: [ColumnData], in rows: Range<Int>) -> Int {
        let room = limit - estimatedSize
        return PageLayout.firstEnd(reaching: room, in: rows) { range in
            batch.reduce(0) { $0 + PageLayout.plainSize(of: $1.storage, in: range) }
        } ?? rows.upperBound
    }

    mutating func append(_ batch: [ColumnData], rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        for index in columns.indices {
            let before = PageLayout.plainSize(of: columns[index].storage, in: 0..<rowCount)
            columns[index].append(batch[index], rows: rows, existingCount: rowCount)
            estimatedSize += PageLayout.plainSize(of: columns[index].storage, in: 0..<(rowCount + rows.count)) - before
        }
        rowCount += rows.count
    }

    /// The buffered columns; the buffer is empty afterwards.
    mutating func take() -> [ColumnData] {
        defer {
            columns = fields.map(Self.emptyColumn)
            rowCount = 0
            estimatedSize = 0
        }
        return columns
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
