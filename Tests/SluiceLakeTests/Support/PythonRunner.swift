import Foundation

/// Runs Python with pyarrow, the independent reader the lake's files are checked against.
///
/// The interpreter is `$SLUICE_PYTHON`, else `.cache/venv/bin/python3` in the package
/// (created by `make test`). A missing interpreter fails the test with a message saying
/// how to get one: these cross-checks are the point of the tests, so they never skip.
enum PythonRunner {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var interpreter: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["SLUICE_PYTHON"], !path.isEmpty { return path }
            let venv = packageRoot.appendingPathComponent(".cache/venv/bin/python3").path
            guard FileManager.default.isExecutableFile(atPath: venv) else {
                throw PythonRunnerError(message: "no Python with pyarrow: set SLUICE_PYTHON or run `make test-deps` to create \(venv)")
            }
            return venv
        }
    }

    /// Runs `script` with `arguments`; returns stdout, or throws with stderr on a non-zero exit.
    @discardableResult
    static func run(_ script: String, arguments: [String] = []) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try interpreter)
        process.arguments = ["-c", script] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain stderr on another thread so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonRunnerError(message: "python exited \(process.terminationStatus): \(String(decoding: stderrData, as: UTF8.self))")
        }
        return stdoutData
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-lake-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct PythonRunnerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
