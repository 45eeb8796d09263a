import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport

/// A fresh state folder with the warehouse schemas (and `catalog` and `rag_monitor`, so that
/// queries naming them reach the authorizer rather than "no such table"), and marts built
/// from plain SELECTs without staging.
struct TestWarehouse {
    let root: URL
    let database: SluiceDatabase
    let warehouse: SQLiteWarehouse

    init(pseudonymKey: PseudonymKey? = nil) throws {
        root = try Python.temporaryDirectory()
        database = try SluiceDatabase(directory: root.appendingPathComponent("state").path,
                                      schemas: [.catalog, .ragMonitor] + DatabaseSchema.warehouseSchemas)
        warehouse = try SQLiteWarehouse(database: database, pseudonymKey: pseudonymKey)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A compiled mart whose statement is `select` (the tests write it), over no staging table.
    static func compiled(_ name: String, select: String, parameters: [MartLiteral] = [], classification: Classification,
                         grants: [Role], indexes: [[String]] = [], columns: [String] = []) -> CompiledMart {
        let requester = Requester(user: "test.user", role: grants.last ?? .complianceOfficer)
        return CompiledMart(
            spec: MartSpec(name: name, sources: [MartSource(table: "exchanges")]), requester: requester, tableName: "dm_\(name)",
            decision: AccessDecision(classification: classification, sourceClassifications: ["exchanges": classification], allowed: true,
                                     refusal: nil, grants: grants, seesPIIInClear: false),
            staging: [], selectSQL: select, parameters: parameters,
            outputColumns: columns.map { OutputColumn(name: $0, type: .text, lineage: ColumnLineage(outputColumn: $0, sourceColumns: ["exchanges.\($0)"], transformation: "exchanges.\($0)", masking: nil)) },
            masking: [:], indexes: indexes, policyNotes: [], needsPseudonymKey: false, dialect: "sqlite")
    }

    /// A registration for `compiled` as the warehouse's next version, with a lineage of two
    /// objects and one masked column, every optional field set or not set as `variant` says.
    func registration(for compiled: CompiledMart, requestID: String = UUID().uuidString.lowercased(), rowCount: Int,
                      createdAt: Date = Date(timeIntervalSince1970: 1_760_000_000.125), variant: Bool = false) async throws -> MartRegistration {
        MartRegistration(
            name: compiled.tableName, version: try await warehouse.registry.nextVersion(of: compiled.tableName), requestID: requestID,
            requester: compiled.requester, question: variant ? nil : "Which exchanges? «Zürich» \"quoted\"",
            classification: compiled.decision.classification!, grants: compiled.decision.grants,
            specJSON: #"{"name":"\#(compiled.spec.name)","sources":[{"table":"exchanges"}]}"#,
            compiledSQL: warehouse.buildStatements(compiled, buildName: "b").joined(separator: ";\n"), rowCount: rowCount,
            createdAt: createdAt, masking: variant ? [:] : ["name": .maskName, "code": .hash],
            lineage: MartLineage(
                sources: [
                    LineageSource(table: "exchanges", uri: "file:///lake/exchanges/part-0.parquet", etag: variant ? nil : "e1",
                                  contentHash: "c0ffee", size: variant ? nil : 1234, columns: ["mic", "name"]),
                    LineageSource(table: "exchanges", uri: "s3://bank-lake/raw/exchanges/part-1.parquet", etag: "\"quoted\"",
                                  contentHash: nil, size: 0, columns: []),
                ],
                columns: [
                    ColumnLineage(outputColumn: "name", sourceColumns: ["exchanges.name"], transformation: "mask_name(exchanges.name)", masking: .maskName),
                    ColumnLineage(outputColumn: "label", sourceColumns: ["exchanges.mic", "exchanges.city"],
                                  transformation: "concat(exchanges.mic, exchanges.city)", masking: nil),
                ]))
    }

    /// Builds `compiled` under a build name and publishes it as the next version.
    @discardableResult
    func publish(_ compiled: CompiledMart, build: String? = nil, variant: Bool = false) async throws -> MartRegistration {
        let buildName = build ?? "\(compiled.tableName)__b\(UUID().uuidString.prefix(8).lowercased())"
        let rows = try await warehouse.buildMart(compiled, buildName: buildName)
        let registration = try await registration(for: compiled, rowCount: rows, variant: variant)
        _ = try await warehouse.publish(buildName: buildName, registration: registration)
        return registration
    }
}
