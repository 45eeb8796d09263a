import Foundation
import Testing
@testable import SluiceLake

/// `lake cp` semantics between a folder and SeaweedFS, both ways.
@Suite struct LakeCopyTests {
    @Test func folderToS3AndBackRecursively() async throws {
        try await withTemporaryFolder { root in
            let lake = FolderStore(root: root + "/lake")
            let files = ["raw/clients.csv": patternBytes(100), "raw/deep/trades ü.parquet": patternBytes(20_000), "top.json": patternBytes(3)]
            for (key, bytes) in files { try await lake.put(key, bytes: bytes) }

            try await TestS3.withBucket { bucket in
                let configuration = bucket.configuration
                let up = try await LakeCopy.plan(
                    from: LakeLocation.parse(root + "/lake"),
                    to: LakeLocation.parse("s3://\(bucket.bucket)/copied"),
                    s3Configuration: configuration
                )
                var reports: [LakeCopy.Progress] = []
                try await up.run { reports.append($0) }
                #expect(try await listKeys(bucket) == ["copied/raw/clients.csv", "copied/raw/deep/trades ü.parquet", "copied/top.json"])
                #expect(reports.last?.bytesCopied == 20_103)
                #expect(reports.last?.objectsCopied == 3)

                // `copied` without a slash copies what is under `copied/`.
                let down = try await LakeCopy.plan(
                    from: LakeLocation.parse("s3://\(bucket.bucket)/copied"),
                    to: LakeLocation.parse(root + "/restored"),
                    s3Configuration: configuration
                )
                try await down.run()
                let restored = FolderStore(root: root + "/restored")
                #expect(try await listKeys(restored) == ["raw/clients.csv", "raw/deep/trades ü.parquet", "top.json"])
                for (key, bytes) in files { #expect(try await restored.get(key) == bytes) }
            }
        }
    }

    @Test func singleObjectsKeepOrTakeNames() async throws {
        try await withTemporaryFolder { root in
            try await FolderStore(root: root).put("in/a.csv", bytes: [1, 2, 3])
            try await TestS3.withBucket { bucket in
                let configuration = bucket.configuration
                func copy(_ source: String, _ destination: String) async throws {
                    try await LakeCopy.plan(
                        from: LakeLocation.parse(source), to: LakeLocation.parse(destination),
                        destinationIsFolder: destination.hasSuffix("/"), s3Configuration: configuration
                    ).run()
                }
                try await copy(root + "/in/a.csv", "s3://\(bucket.bucket)/raw/")
                try await copy(root + "/in/a.csv", "s3://\(bucket.bucket)/renamed.csv")
                #expect(try await listKeys(bucket) == ["raw/a.csv", "renamed.csv"])

                try await copy("s3://\(bucket.bucket)/raw/a.csv", root + "/out/")
                try await copy("s3://\(bucket.bucket)/renamed.csv", root + "/out/b.csv")
                try await copy("s3://\(bucket.bucket)/renamed.csv", root + "/in")  // an existing folder
                #expect(try await listKeys(FolderStore(root: root)) == ["in/a.csv", "in/renamed.csv", "out/a.csv", "out/b.csv"])
                #expect(try await FolderStore(root: root).get("out/b.csv") == [1, 2, 3])
            }
        }
    }

    @Test func copyingNothingIsAnError() async throws {
        try await withTemporaryFolder { root in
            let error = await lakeError {
                _ = try await LakeCopy.plan(from: LakeLocation.parse(root + "/empty"), to: LakeLocation.parse(root + "/out"))
            }
            #expect(error?.kind == .notFound)
            #expect(error?.message.contains("nothing to copy") == true)
        }
    }

    @Test func largeObjectsAreCopiedInChunks() async throws {
        try await withTemporaryFolder { root in
            let bytes = patternBytes(2_500_000)
            try await FolderStore(root: root).put("big.bin", bytes: bytes)
            var copy = try await LakeCopy.plan(from: LakeLocation.parse(root + "/big.bin"), to: LakeLocation.parse(root + "/copy.bin"))
            copy.chunkSize = 1_000_000
            var chunks = 0
            try await copy.run { progress in if progress.objectsCopied == 0 { chunks += 1 } }
            #expect(chunks == 3)
            #expect(try await FolderStore(root: root).get("copy.bin") == bytes)
        }
    }
}
