import ArgumentParser
import Foundation
import SluiceLake

/// `sluice lake cp`: copies one object or a whole prefix between folders and buckets.
struct LakeCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp",
        abstract: "Copy objects between lake locations (folder ↔ S3, any file).",
        discussion: """
        A source that is one object is copied to the destination under its own name \
        when the destination is a folder or ends in `/`, else under the destination's \
        name. A source that is a prefix or folder is copied recursively, keeping the \
        paths below it. Objects are streamed in 8 MiB chunks and written atomically: \
        a folder object appears by rename, an S3 object when its upload completes \
        (multipart above 8 MiB).

        Examples:
          sluice lake cp lake/raw/clients.parquet s3://bank-lake/raw/
          sluice lake cp lake s3://bank-lake/ --create-bucket
          sluice lake cp s3://bank-lake/raw ./restored/raw
        """
    )

    @Argument(help: "The object, folder or prefix to copy.")
    var source: String

    @Argument(help: "Where to copy to: a folder, a file path, or an s3:// URI.")
    var destination: String

    @Flag(help: "Create the destination bucket first if it does not exist.")
    var createBucket = false

    @Flag(name: .shortAndLong, help: "Print nothing on stderr, not even the summary.")
    var quiet = false

    @OptionGroup var settings: ConfigOptions

    /// Copies smaller than this finish too soon for progress lines to help.
    static let progressThreshold = 32 * 1024 * 1024

    func run() async throws {
        try await reportingErrors {
            let config = try settings.load()
            let target = try LakeLocation.parse(destination)
            if createBucket, case .s3 = target.kind, let bucket = try target.openStore(config: config) as? S3Store {
                try await bucket.createBucket()
            }
            let copy = try await LakeCopy.plan(
                from: LakeLocation.parse(source), to: target, destinationIsFolder: destination.hasSuffix("/"), config: config
            )
            let started = ContinuousClock.now
            var reporter = ProgressReporter(enabled: !quiet && copy.totalBytes >= Self.progressThreshold)
            try await copy.run { reporter.update($0) }
            reporter.finish()
            if !quiet {
                let elapsed = (ContinuousClock.now - started).components
                let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
                let objects = copy.items.count
                let summary = "copied \(objects) object\(objects == 1 ? "" : "s") (\(ByteCount.format(copy.totalBytes))) to \(target) in \(String(format: "%.1f", seconds)) s\n"
                FileHandle.standardError.write(Data(summary.utf8))
            }
        }
    }
}

/// Progress lines on stderr, at most one a second: redrawn in place on a terminal,
/// one per line otherwise so logs stay readable.
struct ProgressReporter {
    let enabled: Bool
    private let redraw = isatty(STDERR_FILENO) != 0
    private var lastReport = ContinuousClock.now
    private var drewLine = false

    init(enabled: Bool) { self.enabled = enabled }

    mutating func update(_ progress: LakeCopy.Progress) {
        guard enabled, ContinuousClock.now - lastReport >= .seconds(1) else { return }
        lastReport = ContinuousClock.now
        let percent = progress.totalBytes == 0 ? 100 : progress.bytesCopied * 100 / progress.totalBytes
        let text = "\(percent)%  \(ByteCount.format(progress.bytesCopied)) of \(ByteCount.format(progress.totalBytes)), \(progress.objectsCopied)/\(progress.totalObjects) objects"
        FileHandle.standardError.write(Data((redraw ? "\r\u{1B}[K" + text : text + "\n").utf8))
        drewLine = redraw
    }

    func finish() {
        if drewLine { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

enum ByteCount {
    /// `512 B`, `3.4 KiB`, `17.0 MiB`, `2.1 GiB`.
    static func format(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["B", "KiB", "MiB", "GiB"] {
            if value < 1024 || unit == "GiB" {
                return unit == "B" ? "\(bytes) B" : String(format: "%.1f", value) + " " + unit
            }
            value /= 1024
        }
        return "\(bytes) B"
    }
}
