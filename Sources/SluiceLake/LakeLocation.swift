import Foundation
import SluiceCore

/// A place in a lake, written the way users write it: a path, a `file://` URI or an
/// `s3://` URI.
///
/// | written | store | prefix |
/// |---|---|---|
/// | `lake`, `./lake/raw`, `/data/lake` | folder at that path (made absolute) | `""` |
/// | `file:///data/my%20lake` | folder `/data/my lake` | `""` |
/// | `s3://bank-lake` | bucket `bank-lake` | `""` |
/// | `s3://bank-lake/raw/2026/` | bucket `bank-lake` | `raw/2026/` |
///
/// A folder location's path is the store's root, so its keys are relative to the
/// folder named. A bucket is the root of an S3 location, and what follows it is a key
/// prefix, taken literally as the AWS CLI does (no percent-decoding: S3 keys may
/// contain `%`).
///
/// ```swift
/// let location = try LakeLocation.parse("s3://bank-lake/raw/")
/// let store = try location.openStore()
/// for try await object in store.list(prefix: location.prefix) { print(object.key) }
/// ```
public struct LakeLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A local folder at an absolute path.
        case folder(root: String)
        case s3(bucket: String)
    }

    public var kind: Kind
    /// Keys under this location start with it: `""`, a folder-like `raw/`, or a whole key.
    public var prefix: String

    public init(kind: Kind, prefix: String = "") {
        self.kind = kind
        self.prefix = prefix
    }

    /// The location as a URI: `file:///data/lake` or `s3://bank-lake/raw/`.
    public var description: String {
        switch kind {
        case .folder(let root):
            return FolderStore(root: root).location + (prefix.isEmpty ? "" : "/" + prefix)
        case .s3(let bucket):
            return "s3://\(bucket)/\(prefix)"
        }
    }

    /// Reads a location; `currentDirectory` resolves relative paths.
    ///
    /// - Throws: ``LakeError/Kind/invalidLocation`` saying what is wrong: an empty
    ///   location, an unsupported scheme (`gs://`, `http://`), a `file://` URI naming
    ///   another host, or an invalid bucket name.
    public static func parse(_ text: String, currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> LakeLocation {
        guard !text.isEmpty else { throw invalid(text, "the location is empty") }
        if text.hasPrefix("s3://") {
            let rest = text.dropFirst("s3://".count)
            let bucket = String(rest.prefix { $0 != "/" })
            if let problem = S3Store.bucketNameProblem(bucket) {
                throw invalid(text, "invalid bucket name \"\(bucket)\": \(problem)")
            }
            return LakeLocation(kind: .s3(bucket: bucket), prefix: String(rest.dropFirst(bucket.count + 1)))
        }
        if text.hasPrefix("file:") {
            guard let url = URL(string: text), url.isFileURL else {
                throw invalid(text, "not a valid file URI; write file:///absolute/path")
            }
            if let host = url.host, !host.isEmpty, host != "localhost" {
                throw invalid(text, "file URIs name local folders; \"\(host)\" is another host")
            }
            guard !url.path.isEmpty else { throw invalid(text, "the file URI has no path") }
            return LakeLocation(kind: .folder(root: FolderStore(root: url.path).root))
        }
        if let colon = text.range(of: "://") {
            let scheme = text[..<colon.lowerBound]
            throw invalid(text, "unsupported scheme \"\(scheme)\"; use a path, file:///path or s3://bucket/prefix")
        }
        let absolute = text.hasPrefix("/") ? text : currentDirectory + "/" + text
        return LakeLocation(kind: .folder(root: FolderStore(root: absolute).root))
    }

    /// The store this location lives in. S3 settings come from `s3Configuration`, or
    /// when it is `nil` from the standard AWS variables in `environment` and then the
    /// settings file `config` (see ``S3Configuration/init(environment:config:)``).
    /// A folder location reads neither, so a broken S3 setting never stops local work.
    public func openStore(
        s3Configuration: S3Configuration? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        config: SluiceConfig = SluiceConfig()
    ) throws -> any ObjectStore {
        switch kind {
        case .folder(let root):
            return FolderStore(root: root)
        case .s3(let bucket):
            return try S3Store(bucket: bucket, configuration: s3Configuration ?? S3Configuration(environment: environment, config: config))
        }
    }

    private static func invalid(_ text: String, _ message: String) -> LakeError {
        LakeError(.invalidLocation, location: text, message: message)
    }
}
