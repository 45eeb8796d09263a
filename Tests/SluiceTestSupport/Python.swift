import Foundation

/// Runs Python with pyarrow, the independent implementation our files are checked against.
///
/// The interpreter is `$SLUICE_PYTHON`, else `.cache/venv/bin/python3` in the package
/// (which `make test` creates). A missing interpreter fails the test: these checks are
/// the point of the suite, so they never silently skip.
public enum Python {
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared` beside the checkout.
    public static let sharedRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static var interpreter: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["SLUICE_PYTHON"], !path.isEmpty { return path }
            let venv = packageRoot.appendingPathComponent(".cache/venv/bin/python3").path
            guard FileManager.default.isExecutableFile(atPath: venv) else {
                throw PythonError(message: "no Python with pyarrow: run `make test` (or `make test-deps`) to create \(venv), or set SLUICE_PYTHON")
            }
            return venv
        }
    }

    /// Writing to a pipe whose reader has gone raises SIGPIPE, which would end the whole
    /// test process without a word; ignored, the write fails with EPIPE instead.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Runs `script` (Python source) with `arguments`; returns stdout. Non-zero exit throws with stderr.
    @discardableResult
    public static func run(_ script: String, arguments: [String] = [], stdin: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try interpreter)
        process.arguments = ["-c", script] + arguments
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        _ = ignoreBrokenPipes
        try process.run()
        // Feed stdin and drain stderr concurrently with reading stdout, so a child that
        // writes before it has read everything (or exits early) cannot block either side.
        nonisolated(unsafe) var stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            // A child that exits without reading its input makes this write fail with EPIPE;
            // its exit status and stderr then tell what happened.
            if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
            try? input.fileHandleForWriting.close()
            group.leave()
        }
        let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: "python exited \(process.terminationStatus): \(String(decoding: stderrData, as: UTF8.self))")
        }
        return stdoutData
    }

    /// Runs a script file under `Tests/tools/`.
    @discardableResult
    public static func runTool(_ name: String, arguments: [String] = [], stdin: Data? = nil) throws -> Data {
        let path = packageRoot.appendingPathComponent("Tests/tools/\(name)").path
        return try run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", arguments: [path] + arguments, stdin: stdin)
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

public struct PythonError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}

extension Python {
    /// Starts a long-running script under `Tests/tools/` (a server) and waits for the first
    /// line it prints on stdout, which such tools use to say they are ready and where
    /// (a port). The process keeps running until ``PythonService/stop()`` or until the
    /// service is released; tools also stop on their own when their stdin closes, so one
    /// never outlives a test process that crashed.
    public static func startTool(_ name: String, arguments: [String] = []) throws -> PythonService {
        try PythonService(script: packageRoot.appendingPathComponent("Tests/tools/\(name)").path, arguments: arguments)
    }
}

/// A Python tool running in the background; see ``Python/startTool(_:arguments:)``.
public final class PythonService: @unchecked Sendable {
    /// The first line the tool printed (without the newline).
    public let readyLine: String
    private let process = Process()
    private let input = Pipe()
    private let errorsFile: URL
    private let lock = NSLock()
    private var stopped = false

    fileprivate init(script: String, arguments: [String]) throws {
        errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-tool-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: try Python.interpreter)
        process.arguments = ["-c", "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", script] + arguments
        process.standardOutput = output
        // A file rather than a pipe: nobody has to keep draining it while the tool runs.
        process.standardError = try FileHandle(forWritingTo: errorsFile)
        process.standardInput = input
        try process.run()
        var line = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
            if line.contains(UInt8(ascii: "\n")) { break }
        }
        guard let end = line.firstIndex(of: UInt8(ascii: "\n")) else {
            process.waitUntilExit()
            let errors = (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: errorsFile)
            throw PythonError(message: "\(script) exited \(process.terminationStatus) before it was ready: \(errors)")
        }
        readyLine = String(decoding: line[..<end], as: UTF8.self)
    }

    /// What the tool wrote to stderr so far.
    public var errors: String {
        (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? ""
    }

    /// Ends the tool and waits for it; calling it again does nothing.
    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errorsFile)
    }

    deinit { stop() }
}
