/// Reads one object byte by byte through ranged GETs of ``chunkSize`` bytes, so a
/// text reader holds one chunk of the file, never the whole of it.
///
/// The CSV and JSON readers pull bytes from here; a record that spans two chunks is
/// stitched together by the reader's own state, which is why chunk boundaries can fall
/// anywhere — inside a quoted field, between the CR and LF of a line end, inside a
/// multi-byte UTF-8 character.
struct ChunkedByteReader {
    /// Where the bytes come from; `nil` for a reader over bytes already in memory.
    private let store: (any ObjectStore)?
    let key: String
    let size: Int
    let chunkSize: Int
    private var chunk: [UInt8]
    private var index = 0
    /// Offset in the object of `chunk[0]`.
    private var chunkStart = 0

    /// A reader over `key` in `store` from `start` on. `prefix`, if given, holds the bytes
    /// from `start` that were already read (to detect the format or the delimiter) and
    /// saves reading them again.
    init(store: any ObjectStore, key: String, size: Int, chunkSize: Int, start: Int = 0, prefix: [UInt8] = []) {
        precondition(chunkSize > 0, "chunk size must be positive")
        self.store = store
        self.key = key
        self.size = size
        self.chunkSize = chunkSize
        self.chunkStart = start
        self.chunk = prefix
    }

    /// A reader over `bytes` alone.
    init(bytes: [UInt8], key: String) {
        self.store = nil
        self.key = key
        self.size = bytes.count
        self.chunkSize = max(bytes.count, 1)
        self.chunk = bytes
    }

    /// Offset in the object of the byte ``next()`` returns next.
    var offset: Int { chunkStart + index }

    /// The next byte, or `nil` at the end of the object.
    mutating func next() async throws -> UInt8? {
        if index == chunk.count {
            guard try await refill() else { return nil }
        }
        defer { index += 1 }
        return chunk[index]
    }

    /// The byte ``next()`` would return, without consuming it.
    mutating func peek() async throws -> UInt8? {
        if index == chunk.count {
            guard try await refill() else { return nil }
        }
        return chunk[index]
    }

    /// Moves the bytes that satisfy `keep` from the current chunk to `buffer`, stopping
    /// at the first that does not or at the chunk's end; returns how many bytes moved.
    ///
    /// The readers' fast path: the plain bytes of a field or a line are copied in one
    /// synchronous run instead of an `await` per byte, and the byte-wise path resumes at
    /// the next special byte or chunk.
    @discardableResult
    mutating func move(into buffer: inout [UInt8], while keep: (UInt8) -> Bool) -> Int {
        let start = index
        while index < chunk.count, keep(chunk[index]) { index += 1 }
        buffer.append(contentsOf: chunk[start..<index])
        return index - start
    }

    private mutating func refill() async throws -> Bool {
        let start = chunkStart + chunk.count
        guard let store, start < size else { return false }
        let end = min(start + chunkSize, size)
        let bytes = try await store.get(key, range: start..<end)
        guard !bytes.isEmpty else { return false }
        chunkStart = start
        chunk = bytes
        index = 0
        return true
    }
}
