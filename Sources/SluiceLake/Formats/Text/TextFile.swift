/// The object a text reader reads, named in its errors as `location/key: line N: …`.
struct TextFile: Sendable {
    let location: String
    let key: String

    init(store: any ObjectStore, key: String) {
        self.location = store.location
        self.key = key
    }

    /// A ``LakeError/Kind/malformedData`` error at a 1-based physical line of the file.
    func malformed(line: Int, _ message: String) -> LakeError {
        LakeError(.malformedData, location: location, key: key, message: "line \(line): \(message)")
    }

    /// A ``LakeError/Kind/malformedData`` error about the file as a whole.
    func malformed(_ message: String) -> LakeError {
        LakeError(.malformedData, location: location, key: key, message: message)
    }
}

/// The first bytes of an object, for sniffing its layout before the real read, with a
/// UTF-8 byte order mark (which Windows tools like to write) set aside.
struct TextPrefix {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Bytes after the byte order mark, if any.
    let bytes: [UInt8]
    /// Offset in the object of `bytes[0]`: 3 after a byte order mark, else 0.
    let start: Int
    let objectSize: Int

    /// Reads up to `length` bytes from the start of `key`.
    static func read(_ key: String, in store: any ObjectStore, length: Int) async throws -> TextPrefix {
        let size = try await store.head(key).size
        let head = size == 0 ? [] : try await store.get(key, range: 0..<min(size, length))
        let start = head.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        return TextPrefix(bytes: Array(head[start...]), start: start, objectSize: size)
    }

    /// Whether ``bytes`` reach the end of the object.
    var isWholeObject: Bool { start + bytes.count == objectSize }

    /// A reader from the start of the text on, reusing the first `chunkSize` bytes read here.
    func reader(store: any ObjectStore, key: String, chunkSize: Int) -> ChunkedByteReader {
        ChunkedByteReader(store: store, key: key, size: objectSize, chunkSize: chunkSize,
                          start: start, prefix: Array(bytes.prefix(chunkSize)))
    }
}
