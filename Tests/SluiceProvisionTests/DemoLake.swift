import Foundation
import SluiceCatalog
import SluiceLake
import SluiceSQLite
import SluiceTestSupport

/// The demo lake at scale 1 and its catalog, as `sluice scan --demo` makes them: generated
/// once per test process and shared (read-only) by every provisioning test.
enum DemoLake {
    /// The lake folder (read-only for tests; staging reads it, leak checks scan it).
    static func folder() async throws -> String {
        try await shared.value.lakeFolder
    }

    static func store() async throws -> FolderStore {
        FolderStore(root: try await folder())
    }

    static func contents() async throws -> CatalogContents {
        try await shared.value.contents
    }

    /// A fresh copy of the scanned state folder (catalog only), for a test to add the
    /// warehouse schemas to and write in.
    static func copyOfState() async throws -> String {
        let copy = try Python.temporaryDirectory().appendingPathComponent("state").path
        try FileManager.default.copyItem(atPath: try await shared.value.stateDirectory, toPath: copy)
        return copy
    }

    private static let shared = Task<(lakeFolder: String, stateDirectory: String, contents: CatalogContents), any Error> {
        let root = try Python.temporaryDirectory()
        let lakeFolder = root.appendingPathComponent("lake").path
        try FileManager.default.createDirectory(atPath: lakeFolder, withIntermediateDirectories: true)
        let lake = FolderStore(root: lakeFolder)
        _ = try await DemoLakeGenerator(store: lake, options: .init(seed: 42, scale: 1)).generate()
        let directory = root.appendingPathComponent("state").path
        let store = try SQLiteCatalogStore(directory: directory)
        _ = try await CatalogScanner(lake: lake, store: store, options: ScanOptions()).scan()
        return (lakeFolder, directory, try await store.load())
    }
}
