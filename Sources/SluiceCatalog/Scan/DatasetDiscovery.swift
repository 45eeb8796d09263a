import Crypto
import Foundation
import SluiceLake

/// One dataset of a lake listing: a single file, or a folder of part files that is read
/// as one table (hive-style `key=value` sub-folders becoming partition columns).
public struct DiscoveredDataset: Sendable, Equatable {
    /// The table name: lowercase `[a-z0-9_]`, unique within one ``DiscoveryResult``,
    /// taken from the file or folder name (see ``DatasetNaming``).
    public var name: String
    /// The file key, or the folder prefix ending in `/`, relative to the lake root.
    public var lakePath: String
    public var format: LakeFileFormat
    /// The objects the dataset is made of, sorted by key.
    public var objects: [LakeObjectRef]
    /// Names of the `key=value` folder levels, outermost first; empty when not partitioned.
    public var partitionKeys: [String]
    /// SHA-256 hex over the sorted `key\tsize\tetag\n` lines of ``objects``: equal hashes
    /// mean the dataset has not changed, so a re-scan may skip it.
    public var contentHash: String
    /// Bytes of all objects together.
    public var totalSize: Int

    public init(name: String, lakePath: String, format: LakeFileFormat, objects: [LakeObjectRef], partitionKeys: [String] = []) {
        let sorted = objects.sorted { $0.key < $1.key }
        self.name = name
        self.lakePath = lakePath
        self.format = format
        self.objects = sorted
        self.partitionKeys = partitionKeys
        self.contentHash = Self.contentHash(of: sorted)
        self.totalSize = sorted.reduce(0) { $0 + $1.size }
    }

    /// The hash ``contentHash`` holds, for objects already sorted by key. A missing ETag
    /// hashes as the empty string.
    public static func contentHash(of sortedObjects: [LakeObjectRef]) -> String {
        var hasher = SHA256()
        for object in sortedObjects {
            hasher.update(data: Data("\(object.key)\t\(object.size)\t\(object.etag ?? "")\n".utf8))
        }
        return hasher.finalize().map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// The partition values of one of ``objects``, one per ``partitionKeys`` entry, read
    /// from its `key=value` folder names. Values are percent-decoded as Hive and Spark
    /// encode them; Hive's `__HIVE_DEFAULT_PARTITION__` (its spelling of null) gives `nil`.
    public func partitionValues(of key: String) -> [String?] {
        guard !partitionKeys.isEmpty, key.hasPrefix(lakePath) else { return partitionKeys.map { _ in nil } }
        let folders = key.dropFirst(lakePath.count).split(separator: "/").dropLast()
        var values: [String: String?] = [:]
        for folder in folders {
            guard let (name, value) = PartitionFolder.parse(folder) else { continue }
            values[name] = value
        }
        return partitionKeys.map { values[$0] ?? nil }
    }
}

/// An object of the listing that is not part of any dataset, and why.
public struct SkippedObject: Sendable, Equatable {
    public var key: String
    /// `hidden file`, `unknown format`, `mixed formats in folder …`, …
    public var reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }
}

/// What ``DatasetDiscovery/discover(_:)`` makes of a listing.
public struct DiscoveryResult: Sendable {
    /// Sorted by ``DiscoveredDataset/lakePath``.
    public var datasets: [DiscoveredDataset]
    /// Sorted by key.
    public var skipped: [SkippedObject]

    public init(datasets: [DiscoveredDataset], skipped: [SkippedObject]) {
        self.datasets = datasets
        self.skipped = skipped
    }
}

/// Turns a flat lake listing into datasets, without reading any object.
///
/// The rules, in order:
///
/// 1. Objects that no reader should see are skipped: keys ending in `/` (folder markers
///    some S3 tools write), and any key with a path component starting with `.` or `_`
///    (`_SUCCESS`, `_delta_log/…`, `.part-0.parquet.crc`, `_temporary/…`), `.crc` files,
///    and empty objects (no format Sluice reads is valid with zero bytes).
/// 2. Files with an extension Sluice does not read (``LakeFileFormat/extensions``) are skipped.
/// 3. A file below a `key=value` folder belongs to the dataset rooted at the folder above
///    the first such level: `sales/year=2024/month=01/part-0.parquet` is part of `sales/`
///    with partition keys `year`, `month`. Every folder between the root and the file must
///    be a `key=value` folder, and all files must share the same keys in the same order.
/// 4. Otherwise a *part file* (`part-00000.parquet`, `part_1.csv`, `data_0.parquet`,
///    `000001.parquet`, a UUID name: see ``isPartFileName(_:)``) in a folder belongs to
///    the dataset of that folder: `orders/part-00000.parquet` is part of `orders/`.
/// 5. Any other file is a dataset of its own: `orders.parquet`, `raw/trades.csv`.
///
/// A folder dataset whose files have more than one format is skipped as a whole, since
/// no single reader can read it, and so is one whose partition folders disagree.
public enum DatasetDiscovery {
    /// Groups a lake listing into datasets. A folder whose files (directly or below
    /// key=value folders) are all part files of one format is one dataset; a loose file is
    /// a dataset; `_SUCCESS`, `.crc`, dot- and underscore-prefixed files are skipped.
    public static func discover(_ objects: [ObjectInfo]) -> DiscoveryResult {
        var skipped: [SkippedObject] = []
        var looseFiles: [(object: ObjectInfo, format: LakeFileFormat)] = []
        var folders: [String: [FolderMember]] = [:]

        for object in objects {
            if let reason = hiddenReason(object.key) ?? (object.size == 0 ? "empty file" : nil) {
                skipped.append(SkippedObject(key: object.key, reason: reason))
                continue
            }
            guard let format = try? LakeFileFormat(key: object.key, location: "") else {
                skipped.append(SkippedObject(key: object.key, reason: "unknown format"))
                continue
            }
            switch placement(of: object.key) {
            case .loose:
                looseFiles.append((object, format))
            case let .member(root, partitionKeys):
                folders[root, default: []].append(FolderMember(object: object, format: format, partitionKeys: partitionKeys))
            case let .rejected(reason):
                skipped.append(SkippedObject(key: object.key, reason: reason))
            }
        }

        var unnamed: [(lakePath: String, format: LakeFileFormat, objects: [LakeObjectRef], partitionKeys: [String])] = []
        for (object, format) in looseFiles {
            unnamed.append((object.key, format, [reference(object)], []))
        }
        for (root, members) in folders {
            let formats = Set(members.map(\.format))
            if formats.count > 1 {
                let names = formats.map(\.rawValue).sorted().joined(separator: ", ")
                skipped += members.map { SkippedObject(key: $0.object.key, reason: "mixed formats in folder \(root) (\(names))") }
                continue
            }
            let keyLayouts = Set(members.map(\.partitionKeys))
            if keyLayouts.count > 1 {
                let layouts = keyLayouts.map { $0.isEmpty ? "none" : $0.joined(separator: "/") }.sorted().joined(separator: "; ")
                skipped += members.map {
                    SkippedObject(key: $0.object.key, reason: "inconsistent partition folders in \(root) (\(layouts))")
                }
                continue
            }
            unnamed.append((root, members[0].format, members.map { reference($0.object) }, members[0].partitionKeys))
        }

        let names = DatasetNaming.uniqueNames(for: unnamed.map(\.lakePath))
        let datasets = unnamed.map { entry in
            DiscoveredDataset(name: names[entry.lakePath]!, lakePath: entry.lakePath, format: entry.format,
                              objects: entry.objects, partitionKeys: entry.partitionKeys)
        }
        return DiscoveryResult(datasets: datasets.sorted { $0.lakePath < $1.lakePath },
                               skipped: skipped.sorted { $0.key < $1.key })
    }

    /// Whether a file name (without folders) looks like one part of a table written in
    /// pieces: `part-…`/`part_…`/`part.…` (Spark, pyarrow, Hive), `data_0`/`data-1`
    /// (DuckDB, Polars), or a name made only of digits, hex digits, `-` and `_` that holds
    /// at least one digit (`000001`, `2024-01`, UUIDs), whatever its extensions.
    public static func isPartFileName(_ name: String) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init)?.lowercased() ?? ""
        if stem == "part" || stem.hasPrefix("part-") || stem.hasPrefix("part_") { return true }
        for prefix in ["data_", "data-"] where stem.hasPrefix(prefix) {
            let rest = stem.dropFirst(prefix.count)
            if !rest.isEmpty && rest.allSatisfy(\.isASCIIDigitOrSeparator) { return true }
        }
        return stem.contains(where: \.isWholeNumber) && stem.allSatisfy { $0.isHexDigit || $0 == "-" || $0 == "_" }
    }

    private struct FolderMember {
        var object: ObjectInfo
        var format: LakeFileFormat
        var partitionKeys: [String]
    }

    private enum Placement {
        case loose
        case member(root: String, partitionKeys: [String])
        case rejected(String)
    }

    private static func placement(of key: String) -> Placement {
        let components = key.split(separator: "/", omittingEmptySubsequences: false)
        let folders = components.dropLast()
        if let first = folders.firstIndex(where: { PartitionFolder.parse($0) != nil }) {
            guard first > 0 else { return .rejected("partition folder \(folders[first])/ at the lake root belongs to no dataset") }
            let root = folders[..<first].joined(separator: "/") + "/"
            var keys: [String] = []
            for folder in folders[first...] {
                guard let (name, _) = PartitionFolder.parse(folder) else {
                    return .rejected("folder \(folder)/ inside partitioned dataset \(root) is not a key=value folder")
                }
                keys.append(name)
            }
            return .member(root: root, partitionKeys: keys)
        }
        if !folders.isEmpty, isPartFileName(String(components.last!)) {
            return .member(root: folders.joined(separator: "/") + "/", partitionKeys: [])
        }
        return .loose
    }

    private static func hiddenReason(_ key: String) -> String? {
        if key.hasSuffix("/") { return "folder marker" }
        let components = key.split(separator: "/")
        if components.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("_") }) { return "hidden file" }
        if key.lowercased().hasSuffix(".crc") { return "checksum file" }
        return nil
    }

    private static func reference(_ object: ObjectInfo) -> LakeObjectRef {
        LakeObjectRef(key: object.key, size: object.size, etag: object.etag)
    }
}

/// Hive-style `key=value` folder names.
enum PartitionFolder {
    /// The key and the percent-decoded value, `nil` for Hive's default (null) partition;
    /// `nil` as a whole when the name is not `key=value` with a non-empty key.
    static func parse(_ folder: Substring) -> (key: String, value: String?)? {
        guard let equals = folder.firstIndex(of: "="), equals != folder.startIndex else { return nil }
        let key = String(folder[..<equals])
        let raw = String(folder[folder.index(after: equals)...])
        if raw == "__HIVE_DEFAULT_PARTITION__" { return (key, nil) }
        return (key, raw.removingPercentEncoding ?? raw)
    }
}

extension Character {
    fileprivate var isASCIIDigitOrSeparator: Bool {
        ("0"..."9").contains(self) || self == "-" || self == "_"
    }
}
