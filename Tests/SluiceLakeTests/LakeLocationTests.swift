import Foundation
import Testing
@testable import SluiceLake

@Suite struct LakeLocationTests {
    @Test func pathsAndFileURIs() throws {
        #expect(try LakeLocation.parse("lake", currentDirectory: "/work") == LakeLocation(kind: .folder(root: "/work/lake")))
        #expect(try LakeLocation.parse("./lake/raw/", currentDirectory: "/work") == LakeLocation(kind: .folder(root: "/work/lake/raw")))
        #expect(try LakeLocation.parse("/data/lake") == LakeLocation(kind: .folder(root: "/data/lake")))
        #expect(try LakeLocation.parse("file:///data/my%20lake") == LakeLocation(kind: .folder(root: "/data/my lake")))
        #expect(try LakeLocation.parse("file://localhost/data/lake") == LakeLocation(kind: .folder(root: "/data/lake")))
        #expect(try LakeLocation.parse("file:///data/my%20lake").description == "file:///data/my%20lake")
    }

    @Test func s3URIs() throws {
        #expect(try LakeLocation.parse("s3://bank-lake") == LakeLocation(kind: .s3(bucket: "bank-lake")))
        #expect(try LakeLocation.parse("s3://bank-lake/") == LakeLocation(kind: .s3(bucket: "bank-lake")))
        let nested = try LakeLocation.parse("s3://bank-lake/raw/2026 Q1/%41.csv")
        #expect(nested == LakeLocation(kind: .s3(bucket: "bank-lake"), prefix: "raw/2026 Q1/%41.csv"))
        #expect(nested.description == "s3://bank-lake/raw/2026 Q1/%41.csv")
    }

    @Test(arguments: [
        ("", "empty"),
        ("gs://bucket/x", "unsupported scheme \"gs\""),
        ("https://example.com/lake", "unsupported scheme \"https\""),
        ("s3://", "invalid bucket name"),
        ("s3://Bank_Lake/x", "invalid bucket name"),
        ("file://server/share/lake", "\"server\" is another host"),
    ])
    func invalidLocations(_ text: String, _ expected: String) {
        do {
            _ = try LakeLocation.parse(text)
            Issue.record("\(text) parsed")
        } catch let error as LakeError {
            #expect(error.kind == .invalidLocation)
            #expect(error.message.contains(expected), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func openStore() throws {
        let folder = try LakeLocation.parse("/data/lake").openStore()
        #expect(folder.location == "file:///data/lake")
        let s3 = try LakeLocation.parse("s3://bank-lake/raw/").openStore(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:18333"])
        #expect(s3.location == "s3://bank-lake")
        #expect((s3 as? S3Store)?.configuration.addressing == .path)
    }
}
