import Foundation
import SluiceTestSupport
import Testing
import Parquet

/// Files that pyarrow writes with every setting that changes the bytes on disk
/// (page version, dictionary, codec, tiny pages and row groups, delta and
/// byte-stream-split encodings, nulls, extremes, non-ASCII text) must read in
/// Sluice with exactly the values pyarrow reads back. See `Tests/tools/pyarrow_write_matrix.py`.
@Suite struct PyarrowMatrixTests {
    /// Generated once per test run; empty when Python could not run (reported by `matrixIsGenerated`).
    static let generated: Result<(folder: URL, files: [String]), any Error> = Result {
        let folder = try Python.temporaryDirectory()
        let output = try Python.runTool("pyarrow_write_matrix.py", arguments: [folder.path])
        let files = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        return (folder, files)
    }

    static var files: [String] { (try? generated.get().files) ?? [] }

    @Test func matrixIsGenerated() throws {
        let (_, files) = try Self.generated.get()
        #expect(files.count >= 25, "pyarrow wrote only \(files)")
    }

    @Test(arguments: files)
    func readsLikePyarrow(_ file: String) async throws {
        let (folder, _) = try Self.generated.get()
        try await ConformanceTests.expectConformance(folder.appendingPathComponent(file).path, options: ParquetReadOptions())
    }
}
