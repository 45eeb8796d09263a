import Foundation

/// How a dataset's lake path becomes its table name.
///
/// Table names are what analysts type and what SQL uses unquoted, so they are folded to
/// lowercase ASCII letters, digits and `_`: `raw/Trades 2024.csv` → `trades_2024`,
/// `Clients-Lefèvre.parquet` → `clients_lefevre`, `orders/` → `orders`.
public enum DatasetNaming {
    /// PostgreSQL's identifier limit (``SluiceCore/SQLIdentifier/maximumByteLength``).
    public static let maximumLength = 63

    /// Compression suffixes that may sit between a name and its format extension
    /// (`part-0.snappy.parquet`); they are dropped with it.
    static let compressionExtensions: Set<String> = ["snappy", "gz", "gzip", "zst", "zstd", "lz4", "brotli", "br", "bz2"]

    /// The name a dataset gets when nothing else claims it: the file name without its
    /// extensions, or the folder name. A name that would start with a digit takes its
    /// parent folder in front (`sales/2024/` → `sales_2024`), or `t_` at the lake root.
    public static func baseName(for lakePath: String) -> String {
        let (ownName, ancestors) = split(lakePath)
        var name = sanitize(ownName)
        if name.first?.isNumber == true {
            name = ancestors.last.map { sanitize($0) + "_" + name } ?? name
            if name.first?.isNumber == true || name.first == "_" { name = "t_" + name }
        }
        return truncated(name)
    }

    /// Lowercase ASCII `[a-z0-9_]`: accents are folded (`è` → `e`), every other run of
    /// characters becomes one `_`, and leading or trailing `_` are dropped. Empty input
    /// (or input with nothing usable) gives `dataset`.
    public static func sanitize(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var result = ""
        var pendingSeparator = false
        for scalar in folded.unicodeScalars {
            let isWordCharacter = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWordCharacter {
                if pendingSeparator && !result.isEmpty { result.append("_") }
                result.unicodeScalars.append(scalar)
                pendingSeparator = false
            } else {
                pendingSeparator = true
            }
        }
        return result.isEmpty ? "dataset" : result
    }

    /// Unique names for datasets at `lakePaths`, deterministically: a name only one dataset
    /// wants is its own. Datasets that want the same name are taken shallowest path first
    /// (then in key order): the first keeps the plain name, the others prefix it with their
    /// nearest folders until unique (`archive/orders.parquet` → `archive_orders`), and
    /// only when the folders run out take a number (`orders_2`).
    public static func uniqueNames(for lakePaths: [String]) -> [String: String] {
        let bases = Dictionary(uniqueKeysWithValues: lakePaths.map { ($0, baseName(for: $0)) })
        var demand: [String: Int] = [:]
        for base in bases.values { demand[base, default: 0] += 1 }

        var names: [String: String] = [:]
        var taken = Set<String>()
        for (path, base) in bases where demand[base] == 1 {
            names[path] = base
            taken.insert(base)
        }
        let contested = lakePaths.filter { demand[bases[$0]!]! > 1 }.sorted { a, b in
            let depthA = split(a).ancestors.count, depthB = split(b).ancestors.count
            return depthA != depthB ? depthA < depthB : a < b
        }
        for path in contested {
            let name = firstFreeName(for: path, base: bases[path]!, taken: taken)
            names[path] = name
            taken.insert(name)
        }
        return names
    }

    /// The first name not `taken` among: the base name, the base under ever more of its
    /// folders, then numbered forms of the base.
    private static func firstFreeName(for path: String, base: String, taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var prefix = ""
        for ancestor in split(path).ancestors.reversed() {
            prefix = prefix.isEmpty ? sanitize(ancestor) : sanitize(ancestor) + "_" + prefix
            let candidate = truncated(prefix + "_" + base)
            if !taken.contains(candidate) { return candidate }
        }
        var number = 2
        while true {
            let suffix = "_\(number)"
            let candidate = truncated(base, leaving: suffix.count) + suffix
            if !taken.contains(candidate) { return candidate }
            number += 1
        }
    }

    /// The dataset's own name (file name without extensions, or last folder) and the folders above it.
    private static func split(_ lakePath: String) -> (ownName: String, ancestors: [String]) {
        var components = lakePath.split(separator: "/").map(String.init)
        guard let last = components.popLast() else { return ("dataset", []) }
        guard !lakePath.hasSuffix("/") else { return (last, components) }
        var pieces = last.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if pieces.count > 1 { pieces.removeLast() }
        while pieces.count > 1, compressionExtensions.contains(pieces.last!.lowercased()) { pieces.removeLast() }
        return (pieces.joined(separator: "."), components)
    }

    private static func truncated(_ name: String, leaving room: Int = 0) -> String {
        let limit = maximumLength - room
        guard name.utf8.count > limit else { return name }
        var cut = String(name.prefix(limit))
        while cut.hasSuffix("_") { cut.removeLast() }
        return cut
    }
}
