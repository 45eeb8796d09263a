import Crypto
import Foundation
import Testing
@testable import SluiceLake

/// What every ``ObjectStore`` promises, checked against the folder store and a real
/// S3 server (SeaweedFS from `scripts/services.sh`) alike.
@Suite struct ObjectStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func putHeadGetListDelete(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let bytes = patternBytes(1000)
            try await store.put("raw/clients.csv", bytes: bytes)

            let info = try await store.head("raw/clients.csv")
            #expect(info.key == "raw/clients.csv")
            #expect(info.size == 1000)
            #expect(info.etag?.isEmpty == false)
            #expect(info.lastModified != nil)
            #expect(try await store.get("raw/clients.csv") == bytes)

            let listed = try await listAll(store)
            #expect(listed.map(\.key) == ["raw/clients.csv"])
            #expect(listed.first?.size == 1000)
            #expect(listed.first?.etag == info.etag)

            try await store.delete("raw/clients.csv")
            #expect(try await listKeys(store).isEmpty)
            // Deleting what is not there is not an error, as in S3.
            try await store.delete("raw/clients.csv")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func emptyObject(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.put("empty", bytes: [])
            #expect(try await store.head("empty").size == 0)
            #expect(try await store.get("empty") == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func rangedReads(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let bytes = patternBytes(1000)
            try await store.put("data.bin", bytes: bytes)
            #expect(try await store.get("data.bin", range: 10..<20) == Array(bytes[10..<20]))
            #expect(try await store.get("data.bin", range: 0..<1) == [bytes[0]])
            #expect(try await store.get("data.bin", range: 992..<1000) == Array(bytes[992...]))
            // Past the end, a range is cut as HTTP cuts it.
            #expect(try await store.get("data.bin", range: 995..<1005) == Array(bytes[995...]))
            #expect(try await store.get("data.bin", range: 1000..<1010) == [])
            #expect(try await store.get("data.bin", range: 5..<5) == [])
            // The byte source the Parquet reader uses reads the same bytes.
            let source = try await store.byteSource(for: "data.bin")
            #expect(source.size == 1000)
            #expect(try await source.read(900..<1000) == Array(bytes[900...]))
        }
    }

    /// Spaces, `+`, `%`, `&`, `=`, `~`, and text in several scripts: each must survive
    /// URL building, signing, listing (URL-encoded keys) and the file system.
    static let unusualKeys = [
        "with space/report 2026.csv",
        "plus+sign and %percent%20/a&b=c;d.json",
        "ünïcødé/Zürich straße/日本語のファイル.parquet",
        "emoji 🚀/tilde~(paren)!*'$@,.txt",
        "decomposed/Cafe\u{301}.csv",
    ]

    @Test(arguments: StoreKind.allCases)
    func keysWithSpacesAndNonASCIICharacters(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for (index, key) in Self.unusualKeys.enumerated() {
                try await store.put(key, bytes: patternBytes(10 + index))
            }
            let listed = try await listKeys(store)
            #expect(listed == Self.unusualKeys.sorted { $0.keyPrecedes($1) })
            for (index, key) in Self.unusualKeys.enumerated() {
                #expect(try await store.head(key).size == 10 + index)
                #expect(try await store.get(key) == patternBytes(10 + index))
                #expect(try await store.get(key, range: 2..<5) == Array(patternBytes(10 + index)[2..<5]))
            }
            // The decomposed é is a different key from the composed one: keys are bytes.
            let composed = await lakeError { _ = try await store.head("decomposed/Café.csv") }
            #expect(composed?.kind == .notFound)
            #expect(try await listKeys(store, prefix: "ünïcødé/Zürich") == ["ünïcødé/Zürich straße/日本語のファイル.parquet"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func missingKeyIsNotFound(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let headError = await lakeError { _ = try await store.head("no/such.parquet") }
            #expect(headError?.kind == .notFound)
            #expect(headError?.key == "no/such.parquet")
            let getError = await lakeError { _ = try await store.get("no/such.parquet") }
            #expect(getError?.kind == .notFound)
            #expect(getError?.description.contains("no/such.parquet") == true)
            let rangeError = await lakeError { _ = try await store.get("no/such.parquet", range: 0..<10) }
            #expect(rangeError?.kind == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func listingIsInByteOrderAndFiltersByPrefix(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let keys = ["b", "a0", "a/c/d", "a/b", "a-b", "a/c/e/f", "ab"]
            for key in keys { try await store.put(key, bytes: Array(key.utf8)) }
            // `-` < `/` < `0` < `b` in ASCII: in byte order a folder's keys sort between
            // its neighbours. SeaweedFS lists the folder `a` by its name, before `a-b`.
            let byteOrder = ["a-b", "a/b", "a/c/d", "a/c/e/f", "a0", "ab", "b"]
            let folderFirst = ["a/b", "a/c/d", "a/c/e/f", "a-b", "a0", "ab", "b"]
            let listed = try await listKeys(store)
            if kind == .folder {
                #expect(listed == byteOrder)
                #expect(try await listKeys(store, prefix: "a") == Array(byteOrder.dropLast()))
            } else {
                #expect(listed == byteOrder || listed == folderFirst, "\(listed)")
                #expect(Set(try await listKeys(store, prefix: "a")) == Set(byteOrder.dropLast()))
            }
            #expect(try await listKeys(store, prefix: "a/") == ["a/b", "a/c/d", "a/c/e/f"])
            #expect(try await listKeys(store, prefix: "a/c") == ["a/c/d", "a/c/e/f"])
            #expect(try await listKeys(store, prefix: "a/c/") == ["a/c/d", "a/c/e/f"])
            #expect(try await listKeys(store, prefix: "zzz").isEmpty)
            #expect(try await listKeys(store, prefix: "a/b") == ["a/b"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func smallPagesListEverythingOnce(_ kind: StoreKind) async throws {
        try await withStore(kind, StoreTuning(pageSize: 7)) { store in
            let keys = (0..<52).map { String(format: "part-%03d.parquet", $0) }
            try await forEachConcurrently(keys) { try await store.put($0, bytes: Array($0.utf8)) }
            #expect(try await listKeys(store) == keys)
            #expect(try await listKeys(store, prefix: "part-04") == Array(keys[40..<50]))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func moreThanOneThousandKeysAcrossPages(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let keys = (0..<1_050).map { "events/day-\($0 / 100)/event-\(String(format: "%05d", $0)).json" }
            try await forEachConcurrently(keys) { try await store.put($0, bytes: [1]) }
            let listed = try await listKeys(store, prefix: "events/")
            #expect(listed.count == 1_050)
            #expect(listed == keys.sorted { $0.keyPrecedes($1) })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func overwriteIsAtomic(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let old = patternBytes(300, seed: 1)
            let new = patternBytes(500, seed: 2)
            try await store.put("table.parquet", bytes: old)

            let sink = try await store.writer(for: "table.parquet")
            try await sink.write(Array(new[..<200]))
            // Mid-write, readers still see the whole old object and nothing else.
            #expect(try await store.get("table.parquet") == old)
            #expect(try await listKeys(store) == ["table.parquet"])
            try await sink.write(Array(new[200...]))
            try await sink.close()

            #expect(try await store.get("table.parquet") == new)
            #expect(try await store.head("table.parquet").size == 500)
            #expect(try await listKeys(store) == ["table.parquet"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func abortLeavesNoTrace(_ kind: StoreKind) async throws {
        let tuning = StoreTuning(partSize: S3Configuration.minimumPartSize, multipartThreshold: S3Configuration.minimumPartSize)
        try await withStore(kind, tuning) { store in
            try await store.put("kept.csv", bytes: [1, 2, 3])

            let small = try await store.writer(for: "small.csv")
            try await small.write(patternBytes(100))
            await small.abort()

            // Large enough that an S3 store has a multipart upload with a part sent.
            let large = try await store.writer(for: "large.bin")
            try await large.write(patternBytes(6 * 1024 * 1024))
            await large.abort()

            let overwritten = try await store.writer(for: "kept.csv")
            try await overwritten.write([9, 9, 9, 9])
            await overwritten.abort()

            #expect(try await listKeys(store) == ["kept.csv"])
            #expect(try await store.get("kept.csv") == [1, 2, 3])
            #expect(await lakeError { _ = try await store.head("large.bin") }?.kind == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func multipartUploadOfMoreThanTwoParts(_ kind: StoreKind) async throws {
        let partSize = S3Configuration.minimumPartSize
        try await withStore(kind, StoreTuning(partSize: partSize, multipartThreshold: partSize)) { store in
            // Three full 5 MiB parts and a short last one, written in uneven chunks.
            let bytes = patternBytes(3 * partSize + 123_457, seed: 7)
            let sink = try await store.writer(for: "big/trades.parquet")
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 1_000_003, bytes.count)
                try await sink.write(Array(bytes[offset..<end]))
                offset = end
            }
            try await sink.close()

            let info = try await store.head("big/trades.parquet")
            #expect(info.size == bytes.count)
            if kind == .s3 {
                // A multipart ETag is the MD5 of the part MD5s with the part count after a dash.
                #expect(info.etag?.hasSuffix("-4") == true, "ETag \(info.etag ?? "nil") should say 4 parts")
            }
            let read = try await store.get("big/trades.parquet")
            #expect(read.count == bytes.count)
            #expect(SHA256.hash(data: read) == SHA256.hash(data: bytes))
            let straddlingParts = (partSize - 10)..<(partSize + 10)
            #expect(try await store.get("big/trades.parquet", range: straddlingParts) == Array(bytes[straddlingParts]))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func writeAfterCloseFails(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let sink = try await store.writer(for: "once.txt")
            try await sink.write([1])
            try await sink.close()
            #expect(await lakeError { try await sink.write([2]) } != nil)
            #expect(try await store.get("once.txt") == [1])
        }
    }
}
