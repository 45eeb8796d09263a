import Foundation
import SluiceLake
import SluiceTestSupport
import Testing

/// `sluice scan` and `sluice catalog …` end to end, through the executable.
@Suite struct CatalogCLITests {
    @Test func scanThenReadAndCurateTheCatalog() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let lake = root.appendingPathComponent("lake")
        try FileManager.default.createDirectory(at: lake, withIntermediateDirectories: true)
        _ = try await DemoLakeGenerator(store: FolderStore(root: lake.path), options: .init()).generate()

        let scan = try SluiceCLI.run(["scan", lake.path, "--catalog", root.appendingPathComponent("state").path, "--json"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let summary = try #require(try scan.json() as? [String: Any])
        #expect((summary["added"] as? [String])?.count == 14)
        #expect(summary["pii_columns"] as? Int == 8)
        #expect(summary["bytes_read"] as? Int ?? 0 > 0)

        let catalog = ["--catalog", root.appendingPathComponent("state").path]
        let columns = try SluiceCLI.run(["catalog", "columns", "--json"] + catalog)
        #expect(columns.status == 0, "\(columns.stderr)")
        let objects = try #require(try columns.json() as? [[String: Any]])
        #expect(objects.count == 132, "the spec's 14 tables have 132 columns")
        let required = ["table", "column", "type", "is_pii", "pii_status", "pii_recognizer", "pii_score", "masking_rule", "domain", "classification"]
        for object in objects {
            for key in required where key != "pii_recognizer" && key != "masking_rule" {
                #expect(object[key] != nil, "\(object["table"] ?? "?").\(object["column"] ?? "?") lacks \(key)")
            }
        }
        let email = try #require(objects.first { $0["table"] as? String == "clients" && $0["column"] as? String == "email" })
        #expect(email["is_pii"] as? Bool == true)
        #expect(email["pii_status"] as? String == "confirmed")
        #expect(email["masking_rule"] as? String == "mask_email")
        #expect(email["classification"] as? String == "internal")
        #expect(email["domain"] as? String == "contact.email")

        let confirm = try SluiceCLI.run(["catalog", "confirm", "orders.cl_ord_id"] + catalog)
        #expect(confirm.status == 0, "\(confirm.stderr)")
        let reject = try SluiceCLI.run(["catalog", "reject", "clients.phone"] + catalog)
        #expect(reject.status == 0, "\(reject.stderr)")
        let classify = try SluiceCLI.run(["catalog", "classify", "exchanges", "internal"] + catalog)
        #expect(classify.status == 0, "\(classify.stderr)")
        let show = try SluiceCLI.run(["catalog", "show", "orders", "--json"] + catalog)
        let shown = try #require(try show.json() as? [String: Any])
        let orderColumns = try #require(shown["columns"] as? [[String: Any]])
        #expect(orderColumns.first { $0["column"] as? String == "cl_ord_id" }?["is_pii"] as? Bool == true)

        for listing in [["tables"], ["relationships"], ["kpis"], ["show", "clients"], ["columns", "--pii"]] {
            let result = try SluiceCLI.run(["catalog"] + listing + catalog)
            #expect(result.status == 0 && !result.stdout.isEmpty, "catalog \(listing): \(result.stderr)")
        }
        let kpis = try #require(try SluiceCLI.run(["catalog", "kpis", "--json"] + catalog).json() as? [[String: Any]])
        #expect(kpis.count == 10)
        let relationships = try #require(try SluiceCLI.run(["catalog", "relationships", "--json"] + catalog).json() as? [[String: Any]])
        #expect(relationships.count == 16)
    }

    @Test func badInputGetsAClearError() throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = ["--catalog", root.appendingPathComponent("state").path]

        let unknownTable = try SluiceCLI.run(["catalog", "show", "nope"] + catalog)
        #expect(unknownTable.status == 1)
        #expect(unknownTable.stderr.contains("no table \"nope\""))
        let badReference = try SluiceCLI.run(["catalog", "confirm", "justaname"] + catalog)
        #expect(badReference.status == 1 && badReference.stderr.contains("is not TABLE.COLUMN"))
        let badLevel = try SluiceCLI.run(["catalog", "classify", "orders", "secret"] + catalog)
        #expect(badLevel.status == 1 && badLevel.stderr.contains("public, internal, confidential, restricted"))
        let badSample = try SluiceCLI.run(["scan", root.path, "--sample-rows", "0"] + catalog)
        #expect(badSample.status != 0 && badSample.stderr.contains("--sample-rows"))
        let missingLake = try SluiceCLI.run(["scan", root.appendingPathComponent("no-such-lake").path] + catalog)
        #expect(missingLake.status == 1 && missingLake.stderr.contains("no-such-lake"))
    }
}
