import Foundation
import Testing
@testable import SluiceLake

/// What only a folder store has to get right: keys that try to leave the root,
/// temporary files, folders that come and go with their objects.
@Suite struct FolderStoreTests {
    static let escapingKeys = [
        "../outside.csv", "raw/../../outside.csv", "raw/..", "..", "/etc/passwd", "raw/./a.csv", ".",
        "raw//a.csv", "raw/", "", "a\u{0}b", "raw\\..\\outside.csv",
    ]

    @Test(arguments: escapingKeys)
    func keysThatEscapeTheRootAreRejected(_ key: String) async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root + "/lake")
            for operation in [
                { _ = try await store.head(key) },
                { _ = try await store.get(key) },
                { _ = try await store.writer(for: key) },
                { try await store.delete(key) },
            ] as [() async throws -> Void] {
                let error = await lakeError(operation)
                #expect(error?.kind == .invalidKey)
                #expect(error?.key == key)
                #expect(error?.message.contains("invalid key") == true)
            }
            // Nothing was written anywhere, inside the lake or beside it.
            let contents = try FileManager.default.contentsOfDirectory(atPath: root)
            #expect(contents == [])
        }
    }

    @Test func errorNamesTheKeyWithNULMadeVisible() async {
        let store = FolderStore(root: "/tmp/lake")
        let error = await lakeError { _ = try await store.head("a\u{0}/../../etc/passwd") }
        #expect(error?.message == #"invalid key "a\0/../../etc/passwd": keys cannot contain NUL"#)
    }

    @Test func listingAPrefixThatEscapesFails() async throws {
        let store = FolderStore(root: "/tmp/lake")
        let error = await lakeError { _ = try await listKeys(store, prefix: "../") }
        #expect(error?.kind == .invalidKey)
    }

    @Test func writesAreAtomicViaHiddenTemporaryFiles() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            let sink = try await store.writer(for: "raw/a.csv")
            try await sink.write([1, 2, 3])
            let pending = try FileManager.default.contentsOfDirectory(atPath: root + "/raw")
            #expect(pending.count == 1)
            #expect(pending.first.map { $0.hasPrefix(".a.csv.sluice-tmp-") } == true)
            #expect(try await listKeys(store).isEmpty)
            try await sink.close()
            #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/raw") == ["a.csv"])
        }
    }

    @Test func anUnclosedSinkLeavesNothingWhenDropped() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            do {
                let sink = try await store.writer(for: "a.csv")
                try await sink.write([1])
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [])
        }
    }

    @Test func deletingTheLastObjectRemovesItsFoldersButNotTheRoot() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            try await store.put("a/b/c/d.csv", bytes: [1])
            try await store.put("a/keep.csv", bytes: [1])
            try await store.delete("a/b/c/d.csv")
            #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/a") == ["keep.csv"])
            try await store.delete("a/keep.csv")
            #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [])
            #expect(FileManager.default.fileExists(atPath: root))
        }
    }

    @Test func etagChangesWhenTheObjectIsReplaced() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            try await store.put("a.csv", bytes: [1, 2])
            let first = try await store.head("a.csv").etag
            #expect(try await store.head("a.csv").etag == first)
            try await store.put("a.csv", bytes: [1, 2])
            #expect(try await store.head("a.csv").etag != first)
        }
    }

    @Test func foldersAreNotObjects() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            try await store.put("raw/a.csv", bytes: [1])
            #expect(await lakeError { _ = try await store.head("raw") }?.kind == .notFound)
            #expect(await lakeError { _ = try await store.get("raw") }?.kind == .notFound)
            try await store.delete("raw")
            #expect(try await listKeys(store) == ["raw/a.csv"])
        }
    }

    @Test func aFileWhereAFolderMustGoIsReported() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root)
            try await store.put("raw", bytes: [1])
            let error = await lakeError { _ = try await store.writer(for: "raw/a.csv") }
            #expect(error?.kind == .io)
            #expect(error?.message.contains("\(root)/raw is a file") == true, "\(error?.message ?? "")")
        }
    }

    @Test func missingRootListsNothing() async throws {
        let store = FolderStore(root: "/tmp/sluice-no-such-lake-\(UUID().uuidString)")
        #expect(try await listKeys(store).isEmpty)
        #expect(await lakeError { _ = try await store.head("a") }?.kind == .notFound)
    }

    @Test func symbolicLinksToFilesAreListedButFolderLinksAreNotWalked() async throws {
        try await withTemporaryFolder { root in
            let store = FolderStore(root: root + "/lake")
            try await store.put("real/a.csv", bytes: [1, 2])
            try FileManager.default.createSymbolicLink(atPath: root + "/lake/link.csv", withDestinationPath: root + "/lake/real/a.csv")
            try FileManager.default.createSymbolicLink(atPath: root + "/lake/loop", withDestinationPath: root + "/lake")
            #expect(try await listKeys(store) == ["link.csv", "real/a.csv"])
            #expect(try await store.get("link.csv") == [1, 2])
        }
    }

    @Test func relativeRootsAndLocations() {
        let store = FolderStore(root: "lake/")
        #expect(store.root == FileManager.default.currentDirectoryPath + "/lake")
        #expect(FolderStore(root: "/data/my lake/").location == "file:///data/my%20lake")
        #expect(FolderStore(root: "/data/./x/../lake").root == "/data/lake")
    }
}
