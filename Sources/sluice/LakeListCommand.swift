import ArgumentParser
import Foundation
import SluiceLake

/// `sluice lake ls`: the objects at a location, one level deep or all the way down.
struct LakeListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the objects at a lake location.",
        discussion: """
        Prints each object's last-modified time (UTC), size in bytes, ETag and key. \
        Without --recursive, objects below the next `/` are summed up into one folder \
        line (size and count of the objects inside), like `aws s3 ls`.

        Examples:
          sluice lake ls lake
          sluice lake ls s3://bank-lake/raw/ --recursive
          sluice lake ls s3://bank-lake/raw/clients.parquet
          sluice lake ls lake --recursive --json | jq '.[].key'
        """
    )

    @Argument(help: "A folder path, file:///path or s3://bucket/prefix.")
    var location: String

    @Flag(name: .shortAndLong, help: "List every object below the location instead of one level.")
    var recursive = false

    @Flag(help: "Print a JSON array of {key, size, etag, modified} (folders: {key, folder, size, objects}).")
    var json = false

    @OptionGroup var settings: ConfigOptions

    func run() async throws {
        try await reportingErrors {
            let location = try LakeLocation.parse(self.location)
            var printer = ListingPrinter(json: json)
            switch try await location.resolve(config: settings.load()) {
            case .object(let store, let key):
                printer.add(.object(try await store.head(key)))
            case .prefix(let store, let prefix):
                var folder: ListingEntry?
                for try await object in store.list(prefix: prefix) {
                    guard !recursive, let name = Self.folder(of: object.key, below: prefix) else {
                        if let done = folder { printer.add(done) }
                        folder = nil
                        printer.add(.object(object))
                        continue
                    }
                    // Keys under one folder are adjacent in key order, so one running total suffices.
                    if case .folder(name, let size, let count) = folder {
                        folder = .folder(name, size: size + object.size, objects: count + 1)
                    } else {
                        if let done = folder { printer.add(done) }
                        folder = .folder(name, size: object.size, objects: 1)
                    }
                }
                if let done = folder { printer.add(done) }
            }
            printer.finish(emptyNote: "no objects under \(location)")
        }
    }

    /// The folder line a key belongs to: its key up to the first `/` after `prefix`.
    static func folder(of key: String, below prefix: String) -> String? {
        let rest = key.utf8.dropFirst(prefix.utf8.count)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return String(decoding: key.utf8[..<key.utf8.index(after: slash)], as: UTF8.self)
    }
}

enum ListingEntry {
    case object(ObjectInfo)
    case folder(String, size: Int, objects: Int)
}

/// Prints listing entries as they come: aligned text, or a JSON array with one element
/// per line, so a listing of any size streams.
struct ListingPrinter {
    let json: Bool
    private var output = StandardOutput()
    private var count = 0
    private var pendingJSON: String?

    init(json: Bool) { self.json = json }

    private struct JSONEntry: Encodable {
        var key: String
        var size: Int
        var etag: String?
        var modified: String?
        var folder: Bool?
        var objects: Int?
    }

    mutating func add(_ entry: ListingEntry) {
        if json {
            let element: JSONEntry
            switch entry {
            case .object(let info):
                element = JSONEntry(key: info.key, size: info.size, etag: info.etag, modified: info.lastModified.map(Self.timestamp))
            case .folder(let key, let size, let objects):
                element = JSONEntry(key: key, size: size, folder: true, objects: objects)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Each element waits for the next to know whether a comma follows it.
            if count == 0 { output.line("[") }
            if let previous = pendingJSON { output.line("  " + previous + ",") }
            pendingJSON = (try? encoder.encode(element)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        } else {
            switch entry {
            case .object(let info):
                output.line(Self.row(info.lastModified.map(Self.timestamp) ?? "-", info.size, info.etag ?? "-", info.key))
            case .folder(let key, let size, let objects):
                output.line(Self.row("-", size, "(\(objects) object\(objects == 1 ? "" : "s"))", key))
            }
        }
        count += 1
    }

    mutating func finish(emptyNote: String) {
        if json {
            if let last = pendingJSON { output.line("  " + last) }
            output.line(count == 0 ? "[]" : "]")
        }
        output.flush()
        if count == 0 && !json { FileHandle.standardError.write(Data("(\(emptyNote))\n".utf8)) }
    }

    /// Fixed columns so lines can be printed before the widest value is known.
    private static func row(_ modified: String, _ size: Int, _ etag: String, _ key: String) -> String {
        func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return right ? fill + text : text + fill
        }
        return padded(modified, 20) + "  " + padded(String(size), 13, right: true) + "  " + padded(etag, 34) + "  " + key
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
