import ArgumentParser
import Foundation

/// The Python a benchmark runs its peer with: `--python`, else `$SLUICE_PYTHON`, else the
/// tests' environment `.cache/venv` (`make test-deps` creates it).
enum BenchPython {
    static func resolve(_ explicit: String?, needs packages: String) throws -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["SLUICE_PYTHON"], !env.isEmpty { return env }
        let venv = ".cache/venv/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: venv) else {
            throw ValidationError("no Python with \(packages): run `make test-deps` (creates \(venv)) or pass --python")
        }
        return venv
    }
}
