import Foundation
import Testing
@testable import SluiceLake

/// Retries against a scripted server, since a healthy SeaweedFS never says 503.
///
/// The server (Python's `http.server`, started per test) answers `GET /bucket/<key>`:
/// `flaky` fails twice with 503 SlowDown and then succeeds, `down` always fails with
/// 503, `denied` answers 403 AccessDenied; `/stats/<key>` counts requests for a key.
@Suite struct S3RetryTests {
    static let script = #"""
        import http.server, sys, threading
        counts = {}
        lock = threading.Lock()
        def error(code, message):
            return ('<?xml version="1.0"?><Error><Code>%s</Code><Message>%s</Message></Error>' % (code, message)).encode()
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, status, body):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def do_GET(self):
                parts = self.path.split("/")
                if parts[1] == "stats":
                    with lock: n = counts.get(parts[2], 0)
                    return self.answer(200, str(n).encode())
                key = parts[2]
                with lock:
                    counts[key] = counts.get(key, 0) + 1
                    n = counts[key]
                if key == "flaky" and n > 2: return self.answer(200, b"finally")
                if key in ("flaky", "down"): return self.answer(503, error("SlowDown", "Please reduce your request rate."))
                return self.answer(403, error("AccessDenied", "Access Denied"))
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdin.read()
        """#

    /// Runs `body` with a store pointed at a fresh scripted server and a way to read its counts.
    private func withScriptedServer(_ body: (S3Store, _ count: (String) async throws -> Int) async throws -> Void) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        // Closing stdin ends the server.
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let port = try #require(Int(String(decoding: line, as: UTF8.self)), "the scripted server did not start")
        let configuration = S3Configuration(
            endpoint: URL(string: "http://127.0.0.1:\(port)"),
            credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"),
            retry: S3RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(1), maxDelay: .milliseconds(10))
        )
        let store = try S3Store(bucket: "scripted", configuration: configuration)
        let stats = try S3Store(bucket: "stats", configuration: configuration)
        try await body(store) { key in Int(String(decoding: try await stats.get(key), as: UTF8.self)) ?? -1 }
    }

    @Test func slowDownIsRetriedUntilItPasses() async throws {
        try await withScriptedServer { store, count async throws in
            #expect(try await store.get("flaky") == Array("finally".utf8))
            #expect(try await count("flaky") == 3)
        }
    }

    @Test func retriesAreBoundedAndTheLastErrorIsReported() async throws {
        try await withScriptedServer { store, count async throws in
            let error = await lakeError { _ = try await store.get("down") }
            #expect(error?.code == "SlowDown")
            #expect(error?.kind == .remote)
            #expect(error?.message.contains("HTTP 503") == true)
            #expect(try await count("down") == 4)
        }
    }

    @Test func refusalsAreNotRetried() async throws {
        try await withScriptedServer { store, count async throws in
            let error = await lakeError { _ = try await store.get("denied") }
            #expect(error?.code == "AccessDenied")
            #expect(try await count("denied") == 1)
        }
    }
}
