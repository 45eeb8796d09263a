import Foundation

/// Saving and loading an ``HNSWIndex``.
///
/// File layout, version 1, all integers little-endian:
///
///     "SLUHNSW\0"                       8-byte magic
///     version u32 · dimension u32 · m u32 · efConstruction u32 · efSearch u32 · seed u64
///     nodeCount u32 · entryPoint i32 · maxLevel i32 · upperLinkCount u64
///     per node: level u8 · deleted u8 · idLength u32 · id (UTF-8)
///     vectors:      nodeCount × dimension f32 (unit length)
///     layer 0:      nodeCount × (2m + 1) i32  (count, then neighbours)
///     upper layers: upperLinkCount i32        (per node, level × (m + 1))
///     checksum u64: FNV-1a 64 of every byte before it
///
/// The graph is saved as built, so a loaded index answers exactly as the saved one did.
extension HNSWIndex {
    static let magic: [UInt8] = Array("SLUHNSW\0".utf8)
    static let formatVersion: UInt32 = 1

    /// Saves the index to `path` atomically: the bytes go to a temporary file in the same
    /// directory, which is then renamed over `path`, so a crash mid-write never leaves a
    /// half-written index where a good one was.
    public func write(to path: String) throws {
        var out = BinaryWriter(capacity: 64 + nodeIDs.count * 16 + vectors.count * 4 + (level0Links.count + upperLinks.count) * 4)
        out.append(bytes: Self.magic)
        out.append(Self.formatVersion)
        out.append(UInt32(dimension))
        out.append(UInt32(m))
        out.append(UInt32(efConstruction))
        out.append(UInt32(efSearch))
        out.append(seed)
        out.append(UInt32(nodeIDs.count))
        out.append(entryPoint)
        out.append(Int32(maxLevel))
        out.append(UInt64(upperLinks.count))
        for node in nodeIDs.indices {
            out.append(levels[node])
            out.append(UInt8(deleted[node] ? 1 : 0))
            let id = Array(nodeIDs[node].utf8)
            out.append(UInt32(id.count))
            out.append(bytes: id)
        }
        out.append(floats: vectors)
        out.append(int32s: level0Links)
        out.append(int32s: upperLinks)
        let checksum = out.bytes.withUnsafeBytes(fnv1a64)
        out.append(checksum)

        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try Data(out.bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw VectorIndexError.writeFailed(path: path, reason: "writing \(temporary.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw VectorIndexError.writeFailed(path: path, reason: "renaming the temporary file into place: \(reason)")
        }
    }

    /// Loads an index saved by ``write(to:)``.
    ///
    /// Every count, offset and link is checked before it is used, so a truncated, corrupt
    /// or foreign file throws ``VectorIndexError/unreadableFile(path:reason:)`` naming the
    /// file and the problem, and never crashes the process or allocates absurd amounts.
    public static func load(path: String) throws -> HNSWIndex {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw VectorIndexError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        var input = BinaryReader(bytes: [UInt8](data), path: path)
        guard Array(try input.readBytes(magic.count, "magic")) == magic else {
            throw input.failure("not a Sluice HNSW index (bad magic)")
        }
        let version = try input.read(UInt32.self, "format version")
        guard version == formatVersion else {
            throw input.failure("format version \(version) is not supported (this build reads version \(formatVersion))")
        }
        let dimension = Int(try input.read(UInt32.self, "dimension"))
        let m = Int(try input.read(UInt32.self, "m"))
        let efConstruction = Int(try input.read(UInt32.self, "efConstruction"))
        let efSearch = Int(try input.read(UInt32.self, "efSearch"))
        let seed = try input.read(UInt64.self, "seed")
        let index: HNSWIndex
        do {
            index = try HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction, efSearch: efSearch, seed: seed)
        } catch {
            throw input.failure("header parameters are invalid: \(error)")
        }
        let nodeCount = Int(try input.read(UInt32.self, "node count"))
        let entryPoint = try input.read(Int32.self, "entry point")
        let maxLevel = Int(try input.read(Int32.self, "max level"))
        let upperLinkCount = try input.read(UInt64.self, "upper link count")
        // Each node needs at least 6 header bytes plus its vector and layer-0 block: reject
        // a count the file cannot possibly hold before reserving memory for it.
        guard nodeCount <= input.remaining / (6 + 4 * (dimension + index.level0Stride)) else {
            throw input.failure("header claims \(nodeCount) nodes, more than the file's size allows (truncated or corrupt)")
        }
        guard upperLinkCount <= UInt64(input.remaining / 4) else {
            throw input.failure("header claims \(upperLinkCount) upper-layer links, more than the file's size allows")
        }

        var levels: [UInt8] = [], deleted: [Bool] = [], ids: [String] = [], upperOffset: [Int] = []
        levels.reserveCapacity(nodeCount); deleted.reserveCapacity(nodeCount); ids.reserveCapacity(nodeCount)
        var nodeOfID: [String: Int32] = [:]
        var upperTotal = 0
        for node in 0..<nodeCount {
            let level = try input.read(UInt8.self, "level of node \(node)")
            guard Int(level) <= HNSWLevels.maximum else { throw input.failure("node \(node) has level \(level), above \(HNSWLevels.maximum)") }
            let flag = try input.read(UInt8.self, "deleted flag of node \(node)")
            guard flag <= 1 else { throw input.failure("node \(node) has deleted flag \(flag), expected 0 or 1") }
            let length = Int(try input.read(UInt32.self, "id length of node \(node)"))
            guard let id = String(validating: try input.readBytes(length, "id of node \(node)"), as: UTF8.self) else {
                throw input.failure("id of node \(node) is not valid UTF-8")
            }
            if flag == 0 {
                guard nodeOfID.updateValue(Int32(node), forKey: id) == nil else {
                    throw input.failure("id '\(id)' appears on more than one live node")
                }
            }
            levels.append(level)
            deleted.append(flag == 1)
            ids.append(id)
            upperOffset.append(level > 0 ? upperTotal : -1)
            upperTotal += Int(level) * index.upperStride
        }
        guard UInt64(upperTotal) == upperLinkCount else {
            throw input.failure("node levels need \(upperTotal) upper-layer link slots, the header says \(upperLinkCount)")
        }
        let vectors = try input.readFloats(nodeCount * dimension, "vectors")
        let level0Links = try input.readInt32s(nodeCount * index.level0Stride, "layer-0 links")
        let upperLinks = try input.readInt32s(upperTotal, "upper-layer links")
        let checksumOffset = input.offset
        let stored = try input.read(UInt64.self, "checksum")
        guard input.remaining == 0 else { throw input.failure("\(input.remaining) unexpected bytes after the checksum") }
        let computed = input.bytes.withUnsafeBytes { fnv1a64(UnsafeRawBufferPointer(rebasing: $0[..<checksumOffset])) }
        guard stored == computed else {
            throw input.failure("checksum mismatch (stored \(String(stored, radix: 16)), computed \(String(computed, radix: 16))): the file is corrupt")
        }

        // The checksum vouches for the bytes, not for the writer: still check the graph's shape.
        if nodeCount == 0 {
            guard entryPoint == -1 else { throw input.failure("empty index with entry point \(entryPoint)") }
        } else {
            guard entryPoint >= 0, Int(entryPoint) < nodeCount, Int(levels[Int(entryPoint)]) == maxLevel else {
                throw input.failure("entry point \(entryPoint) at max level \(maxLevel) does not match the nodes")
            }
        }
        func checkBlock(_ links: [Int32], start: Int, limit: Int, owner: Int, level: Int) throws {
            let count = Int(links[start])
            guard (0...limit).contains(count) else {
                throw input.failure("node \(owner) has \(count) links on layer \(level), at most \(limit) allowed")
            }
            for j in stride(from: 1, through: count, by: 1) {
                let neighbour = Int(links[start + j])
                guard neighbour >= 0, neighbour < nodeCount, Int(levels[neighbour]) >= level else {
                    throw input.failure("node \(owner) links to node \(neighbour) on layer \(level), which does not exist there")
                }
            }
        }
        for node in 0..<nodeCount {
            try checkBlock(level0Links, start: node * index.level0Stride, limit: 2 * m, owner: node, level: 0)
            for level in stride(from: 1, through: Int(levels[node]), by: 1) {
                try checkBlock(upperLinks, start: upperOffset[node] + (level - 1) * index.upperStride, limit: m, owner: node, level: level)
            }
        }

        index.vectors = vectors
        index.nodeIDs = ids
        index.levels = levels
        index.deleted = deleted
        index.level0Links = level0Links
        index.upperLinks = upperLinks
        index.upperOffset = upperOffset
        index.nodeOfID = nodeOfID
        index.entryPoint = entryPoint
        index.maxLevel = nodeCount == 0 ? -1 : maxLevel
        return index
    }
}
