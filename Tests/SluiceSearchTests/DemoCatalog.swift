import Foundation
import SluiceCatalog
import SluiceLake
import SluiceSQLite
import SluiceTestSupport

/// The demo lake's catalog, as `sluice scan --demo` makes it: generated once per test
/// process into a temporary folder, scanned with the built-in annotations, and shared by
/// every search test (search reads the catalog only, never the lake).
enum DemoCatalog {
    /// The state folder holding `catalog.sqlite`; tests that write embeddings or logs copy it first.
    static func stateDirectory() async throws -> String {
        try await shared.value.directory
    }

    static func contents() async throws -> CatalogContents {
        try await shared.value.contents
    }

    /// The generated demo lake (read-only for tests): for checks that lake values never leave.
    static func lake() async throws -> FolderStore {
        try await shared.value.lake
    }

    /// A fresh copy of the scanned state folder, for tests that write to it.
    static func copyOfState() async throws -> String {
        let source = try await stateDirectory()
        let copy = try Python.temporaryDirectory().appendingPathComponent("state").path
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        return copy
    }

    private static let shared = Task<(directory: String, contents: CatalogContents, lake: FolderStore), any Error> {
        let root = try Python.temporaryDirectory()
        let lakeFolder = root.appendingPathComponent("lake").path
        try FileManager.default.createDirectory(atPath: lakeFolder, withIntermediateDirectories: true)
        let lake = FolderStore(root: lakeFolder)
        _ = try await DemoLakeGenerator(store: lake, options: .init(seed: 42, scale: 1)).generate()
        let directory = root.appendingPathComponent("state").path
        let store = try SQLiteCatalogStore(directory: directory)
        _ = try await CatalogScanner(lake: lake, store: store, options: ScanOptions()).scan()
        return (directory, try await store.load(), lake)
    }
}
