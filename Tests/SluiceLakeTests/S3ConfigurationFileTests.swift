import Foundation
import SluiceCore
import Testing
@testable import SluiceLake

/// S3 settings from Sluice's settings file, and how they combine with the AWS variables:
/// a variable that is set wins, the file fills in the rest, defaults come last.
@Suite struct S3ConfigurationFileTests {
    static let file = SluiceConfig(path: "/home/a/.sluice/config.json", s3: .init(
        endpoint: "http://file-host:1", region: "file-region", accessKeyID: "FILE-ID",
        secretAccessKey: "FILE-SECRET", sessionToken: "FILE-TOKEN", addressing: .virtual))

    @Test func fileAloneConfiguresEverything() throws {
        let configuration = try S3Configuration(environment: [:], config: Self.file)
        #expect(configuration.endpoint == URL(string: "http://file-host:1"))
        #expect(configuration.region == "file-region")
        #expect(configuration.credentials == S3Credentials(accessKeyID: "FILE-ID", secretAccessKey: "FILE-SECRET", sessionToken: "FILE-TOKEN"))
        #expect(configuration.addressing == .virtualHosted)
    }

    @Test func environmentWinsOverFile() throws {
        let configuration = try S3Configuration(environment: [
            "AWS_ENDPOINT_URL": "http://env-host:2", "AWS_REGION": "env-region",
            "AWS_ACCESS_KEY_ID": "ENV-ID", "AWS_SECRET_ACCESS_KEY": "ENV-SECRET",
        ], config: Self.file)
        #expect(configuration.endpoint == URL(string: "http://env-host:2"))
        #expect(configuration.region == "env-region")
        // The file's token belongs to the file's keys, so it does not ride along with the variables' keys.
        #expect(configuration.credentials == S3Credentials(accessKeyID: "ENV-ID", secretAccessKey: "ENV-SECRET"))
        #expect(configuration.addressing == .virtualHosted)
    }

    @Test func variablesSetOnlyPartlyLeaveTheRestToTheFile() throws {
        let configuration = try S3Configuration(environment: ["AWS_DEFAULT_REGION": "env-default", "AWS_ENDPOINT_URL": ""], config: Self.file)
        #expect(configuration.region == "env-default")
        #expect(configuration.endpoint == URL(string: "http://file-host:1"))
        #expect(configuration.credentials?.accessKeyID == "FILE-ID")
    }

    @Test func defaultsWithoutEitherSource() throws {
        let configuration = try S3Configuration(environment: [:], config: SluiceConfig())
        #expect(configuration.endpoint == nil && configuration.region == "us-east-1" && configuration.credentials == nil)
        #expect(configuration.addressing == .virtualHosted)
        let withEndpoint = try S3Configuration(environment: [:], config: SluiceConfig(s3: .init(endpoint: "http://h:1")))
        #expect(withEndpoint.addressing == .path)
    }

    @Test func badFileValuesNameFileAndField() {
        let path = "/home/a/.sluice/config.json"
        let cases: [(SluiceConfig.S3Section, String)] = [
            (.init(endpoint: "http://h:1/path"), "s3.endpoint"),
            (.init(accessKeyID: "only-id"), "s3.secret_access_key"),
            (.init(secretAccessKey: "only-secret"), "s3.access_key_id"),
            (.init(sessionToken: "token-without-keys"), "s3.session_token"),
        ]
        for (section, expectedField) in cases {
            #expect {
                try S3Configuration(environment: [:], config: SluiceConfig(path: path, s3: section))
            } throws: { error in
                guard case .invalidConfig(path, expectedField?, _)? = error as? SluiceError else { return false }
                return true
            }
        }
    }

    /// The test server reached with nothing but a settings file: the AWS variables are
    /// taken out of the environment the store sees, so only the file can have signed.
    @Test func roundTripAgainstSeaweedFSFromFileOnly() async throws {
        let server = try TestS3.configuration()
        guard let endpoint = server.endpoint, let credentials = server.credentials else {
            throw TestSetupError(description: "the test server's configuration has no endpoint or credentials")
        }
        let text = """
            {"s3": {"endpoint": "\(endpoint.absoluteString)", "region": "\(server.region)",
                    "access_key_id": "\(credentials.accessKeyID)", "secret_access_key": "\(credentials.secretAccessKey)",
                    "addressing": "path"}}
            """
        try await withTemporaryFolder { root in
            try FileManager.default.createDirectory(atPath: root + "/.sluice", withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/.sluice/config.json"))
            let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") && $0.key != "SLUICE_CONFIG" }
            let config = try SluiceConfig.load(environment: environment, currentDirectory: root)
            #expect(config.path == root + "/.sluice/config.json")

            let bucket = TestS3.uniqueBucketName("cfg")
            let location = try LakeLocation.parse("s3://\(bucket)/from-config/")
            let store = try #require(try location.openStore(environment: environment, config: config) as? S3Store)
            #expect(store.configuration.credentials?.accessKeyID == credentials.accessKeyID)
            try await store.createBucket()
            do {
                let lake = try PrefixedObjectStore.open(location, environment: environment, config: config)
                try await lake.put("a b/ü.txt", bytes: Array("from the settings file".utf8))
                #expect(try await lake.get("a b/ü.txt") == Array("from the settings file".utf8))
                #expect(try await listKeys(lake) == ["a b/ü.txt"])
                guard case .object(_, let key) = try await LakeLocation.parse("s3://\(bucket)/from-config/a b/ü.txt")
                    .resolve(environment: environment, config: config) else {
                    Issue.record("an existing key should resolve to an object")
                    return
                }
                #expect(key == "from-config/a b/ü.txt")
            } catch {
                try? await TestS3.remove(store)
                throw error
            }
            try await TestS3.remove(store)
        }
    }
}
