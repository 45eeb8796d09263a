/// Where pages and row groups end.
///
/// Both limits (``ParquetWriteOptions/dataPageSize`` and
/// ``ParquetWriteOptions/rowGroupSize``) are measured the same way: the size the
/// values would have PLAIN-encoded, whatever encoding they end up with. That
/// estimate costs O(1) for any range of values (byte arrays know their extent
/// from their offsets), so a cut point is found by binary search rather than a
/// walk over every value, and a dictionary-encoded page holds the same rows as
/// a PLAIN one would; it is just smaller.
///
/// A page or row group ends with the first value that makes it reach its limit,
/// so it is never empty, and a single value larger than the limit gets a page of
/// its own.
enum PageLayout {
    /// Largest accepted ``ParquetWriteOptions/dataPageSize``: the format stores page sizes
    /// as i32, and compression or dictionary bookkeeping can grow a page somewhat.
    static let maximumPageSize = 1 << 30
    /// Values in one page at most, whatever their size: bounds the level and index
    /// buffers for tiny values (a 1 MiB page of booleans would be 8 million of them).
    static let maximumValuesPerPage = 1 << 20

    /// The PLAIN size of `range`: bit-packed booleans, fixed widths, and a 4-byte
    /// length before every byte array. Null positions count like their placeholders.
    static func plainSize(of storage: ColumnStorage, in range: Range<Int>) -> Int {
        switch storage {
        case .boolean: (range.count + 7) / 8
        case .int32, .float: range.count * 4
        case .int64, .double: range.count * 8
        case .int96: range.count * 12
        case let .byteArray(buffer): buffer.offsets[range.upperBound] - buffer.offsets[range.lowerBound] + 4 * range.count
        case let .fixedLenByteArray(buffer): range.count * buffer.width
        }
    }

    /// The page boundaries for `count` values: consecutive ranges covering `0..<count`.
    static func pageRanges(of storage: ColumnStorage, count: Int, targetSize: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let limit = min(count, start + maximumValuesPerPage)
            let end = firstEnd(reaching: targetSize, in: start..<limit) { plainSize(of: storage, in: $0) } ?? limit
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    /// The smallest `end` in `range` (past its start) for which `size(range.lowerBound..<end)`
    /// reaches `target`, or nil if the whole range stays below it. `size` must grow with `end`.
    static func firstEnd(reaching target: Int, in range: Range<Int>, size: (Range<Int>) -> Int) -> Int? {
        guard !range.isEmpty, size(range) >= target else { return nil }
        var low = range.lowerBound + 1
        var high = range.upperBound
        while low < high {
            let middle = low + (high - low) / 2
            if size(range.lowerBound..<middle) >= target {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
