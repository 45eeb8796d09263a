import Foundation
import GRDB
import SluiceCatalog
import SluiceGovernance
import SluiceLake
@testable import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// The executor on a real state folder and the real demo lake, with compiled marts written by
/// hand (see ``ExecuteFixture``).
@Suite struct ExecutorTests {
    /// What callbacks saw, in the order they saw it.
    final class Recorder<Event: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Event] = []
        func record(_ event: Event) { lock.withLock { recorded.append(event) } }
        var events: [Event] { lock.withLock { recorded } }
    }

    struct InjectedFault: Error, CustomStringConvertible {
        let step: ProvisionStep
        var description: String { "injected failure at \(step.rawValue)" }
    }

    @Test func aRequestStagesBuildsPublishesAndAuditsOnce() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        let recorder = Recorder<ProvisionProgress>()
        let request = ExecuteFixture.request(for: try fixture.exposureMart(prefix: "x"))
        let compiled = try fixture.exposureMart(prefix: ExecuteFixture.prefix(request.requestID))
        let outcome = try await fixture.executor(progress: recorder.record).execute(compiled, request: request)

        #expect(outcome.status == .succeeded)
        #expect(outcome.error == nil && outcome.failedStep == nil)
        #expect(outcome.grants == ["bi_analyst: SELECT on data_mart.dm_portfolio_exposure", "risk_manager: SELECT on data_mart.dm_portfolio_exposure",
                                   "compliance_officer: SELECT on data_mart.dm_portfolio_exposure"])
        for table in ["positions", "accounts", "clients", "instruments"] {
            #expect(outcome.rowsStaged[table] == fixture.contents.table(named: table)?.rowCount, "\(table)")
        }
        // Staging is gone, the build was renamed into place.
        #expect(try await fixture.warehouse.stagingTables() == [])
        #expect(try await fixture.warehouse.martTables() == ["dm_portfolio_exposure"])

        // The mart holds what pandas computes from the same files.
        let reference = try #require(try JSONSerialization.jsonObject(with: Python.runTool("exposure_reference.py", arguments: [fixture.lakeFolder])) as? [[Any]])
        let result = try await fixture.warehouse.query("SELECT sector, segment, position_count, market_value, build_tag FROM dm_portfolio_exposure",
                                                       as: .biAnalyst, rowLimit: 1000)
        #expect(result.rows.count == reference.count)
        #expect(outcome.rowCount == reference.count)
        for (row, expected) in zip(result.rows, reference) {
            #expect(row[0] == .text(expected[0] as? String ?? "") && row[1] == .text(expected[1] as? String ?? ""), "\(row) vs \(expected)")
            #expect(row[2] == .integer(Int64(expected[2] as? Int ?? -1)), "\(row) vs \(expected)")
            guard case let .real(sum) = row[3], let wanted = expected[3] as? Double else {
                Issue.record("market_value \(row[3]) vs \(expected[3])")
                continue
            }
            #expect(abs(sum - wanted) <= 1e-9 * max(1, abs(wanted)), "\(row) vs \(expected)")
            #expect(row[4] == .text("v1"))
        }

        // Registered with lineage: the objects as the lake holds them now, the columns as compiled.
        let registration = try #require(outcome.registration)
        #expect(try await fixture.warehouse.registry.versions(of: "dm_portfolio_exposure") == [registration])
        #expect(registration.version == 1 && registration.requestID == request.requestID && registration.rowCount == reference.count)
        #expect(registration.classification == .internal && registration.grants == [.biAnalyst, .riskManager, .complianceOfficer])
        #expect(registration.lineage.columns == compiled.outputColumns.map(\.lineage))
        #expect(registration.lineage.sources.map(\.table) == ["positions", "accounts", "clients", "instruments"])
        for (source, staging) in zip(registration.lineage.sources, compiled.staging) {
            let path = (fixture.lakeFolder as NSString).appendingPathComponent("\(staging.sourceTable).parquet")
            #expect(source.uri == "file://\(path)")
            #expect(source.size == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
            #expect(source.etag == staging.objects[0].etag && source.etag != nil)
            #expect(source.contentHash == fixture.contents.table(named: staging.sourceTable)?.contentHash)
            #expect(source.columns == staging.columns.map(\.name))
        }

        // One audit entry, holding the request, the SQL run, the outcome and the timings.
        let entries = try await fixture.warehouse.auditLog.entries()
        #expect(entries.count == 1)
        #expect(outcome.auditEntry == entries.first)
        let record = try entries[0].record()
        #expect(record.requestID == request.requestID && record.requester == "maria.chen" && record.role == "bi_analyst")
        #expect(record.question == "Show me portfolio exposure by sector and client segment")
        #expect(record.searchResults == ["positions", "accounts", "clients", "instruments"])
        let build = "dm_portfolio_exposure__b\(request.requestID.prefix(8))"
        #expect(record.compiledSQL == ["CREATE TABLE data_mart.\"\(build)\" AS \(compiled.selectSQL)",
                                       "CREATE INDEX data_mart.\"\(build)_ix1\" ON \"\(build)\" (\"sector\", \"segment\")"])
        #expect(registration.compiledSQL == record.compiledSQL.joined(separator: ";\n"))
        #expect(record.classification == .internal && record.masking == [:] && record.grants == outcome.grants)
        #expect(record.status == .succeeded && record.error == nil && record.rowCount == reference.count)
        #expect(Set(record.timingsMs.keys) == ["search", "plan", "stage", "build", "grant", "cleanup", "total"])
        #expect(record.timingsMs["search"] == 12.5 && record.timingsMs["plan"] == 3.25)
        let steps = ["stage", "build", "grant", "cleanup"].compactMap { record.timingsMs[$0] }
        #expect(try #require(record.timingsMs["total"]) >= 12.5 + 3.25 + steps.reduce(0, +))
        #expect(record.martSpec == AuditText.specJSON(compiled.spec) && registration.specJSON == record.martSpec)
        #expect(try await fixture.warehouse.auditLog.verify() == .intact(entries: 1))
        let chain = try #require(try JSONSerialization.jsonObject(with: Python.runTool("audit_chain_check.py", arguments: [fixture.database.path(of: .governance)])) as? [String: Any])
        #expect(chain["entries"] as? Int == 1 && chain["broken"] is NSNull)

        // Progress: each step started and finished in order, staging counted per table.
        let steps_ = recorder.events.compactMap { event -> String? in
            switch event {
            case let .started(step): "start \(step.rawValue)"
            case let .finished(step, _): "end \(step.rawValue)"
            case .staged: nil
            }
        }
        #expect(steps_ == ["start stage", "end stage", "start build", "end build", "start grant", "end grant", "start cleanup", "end cleanup"])
        let staged = recorder.events.compactMap { event -> String? in
            if case let .staged(table, rows, expected) = event { "\(table) \(rows)/\(expected)" } else { nil }
        }
        #expect(staged == compiled.staging.map { "\($0.sourceTable) \(outcome.rowsStaged[$0.sourceTable] ?? 0)/\(fixture.contents.table(named: $0.sourceTable)?.rowCount ?? 0)" })
    }

    @Test func masksAndBoundParametersReachTheMartAsPythonComputesThem() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        let request = ExecuteFixture.request(for: try fixture.clientContactsMart(prefix: "x"))
        let compiled = try fixture.clientContactsMart(prefix: ExecuteFixture.prefix(request.requestID))
        let outcome = try await fixture.executor().execute(compiled, request: request)
        #expect(outcome.status == .succeeded, "\(outcome.error ?? "")")
        let reference = try #require(try JSONSerialization.jsonObject(with: Python.runTool("masked_clients.py", arguments: [
            (fixture.lakeFolder as NSString).appendingPathComponent("clients.parquet"), ExecuteFixture.pseudonymSecret,
        ])) as? [[Any]])
        let result = try await fixture.warehouse.query("SELECT * FROM dm_client_contacts", as: .biAnalyst, rowLimit: 100)
        #expect(result.columns == ["client_id", "legal_name", "email", "client_key", "is_pep", "date_of_birth", "reviewed"])
        #expect(result.rows.count == reference.count && !reference.isEmpty)
        for (row, expected) in zip(result.rows, reference) {
            let wanted: [QueryValue] = expected.map { value in
                switch value {
                case let number as NSNumber: .integer(number.int64Value)
                case let text as String: .text(text)
                default: .null
                }
            } + [.integer(1)]
            #expect(row == wanted)
        }
        let record = try #require(try await fixture.warehouse.auditLog.entries().last?.record())
        #expect(record.masking == ["legal_name": "mask_name", "email": "mask_email", "client_key": "hash"])
        #expect(!record.compiledSQL.joined().contains(ExecuteFixture.pseudonymSecret))
        let registered = try #require(try await fixture.warehouse.registry.currentMarts().first)
        #expect(registered.masking == compiled.masking)
        #expect(registered.lineage.columns.first { $0.outputColumn == "legal_name" }?.masking == .maskName)
    }

    /// Set by the writer when it is done, read by the reader between queries.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    @Test func readersSeeTheOldVersionOrTheNewOneWhileItIsRebuilt() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        // Between build and publish (as grant starts), a plain reader of the marts' file sees
        // the previous version whole, beside the unpublished build.
        let martsFile = fixture.database.path(of: .dataMart)
        let betweenBuildAndPublish = Recorder<String>()
        let executor = fixture.executor(progress: { event in
            guard event == .started(.grant) else { return }
            var configuration = Configuration()
            configuration.readonly = true
            let seen = try? DatabaseQueue(path: martsFile, configuration: configuration).read { db in
                try Row.fetchAll(db, sql: "SELECT build_tag, count(*) AS n FROM dm_exchange_list GROUP BY build_tag").map { "\($0[0] as String) \($0[1] as Int)" }
                    + String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dm\\_%' ESCAPE '\\' ORDER BY name")
            }
            betweenBuildAndPublish.record((seen ?? ["no mart yet"]).joined(separator: ", "))
        })
        // Version k is tagged "vk" and holds k rows, so a reader can tell a whole version from a mix.
        func publish(_ version: Int) async throws {
            let request = ExecuteFixture.request(for: try fixture.exchangeListMart(prefix: "x", tag: "v", limit: 1))
            let compiled = try fixture.exchangeListMart(prefix: ExecuteFixture.prefix(request.requestID), tag: "v\(version)", limit: version)
            let outcome = try await executor.execute(compiled, request: request)
            #expect(outcome.status == .succeeded && outcome.registration?.version == version, "\(outcome.error ?? "")")
        }
        try await publish(1)
        #expect(betweenBuildAndPublish.events == ["no mart yet"])
        let done = Flag()
        let writer = Task {
            defer { done.set() }
            for version in 2...6 { try await publish(version) }
        }
        var seen: Set<String> = []
        var reads = 0
        repeat {
            let result = try await fixture.warehouse.query(
                "SELECT build_tag, count(*) FROM dm_exchange_list GROUP BY build_tag", as: .biAnalyst, rowLimit: 10)
            reads += 1
            #expect(result.rows.count == 1, "one version at a time: \(result.rows)")
            if case let .text(tag) = result.rows.first?[0], let count = result.rows.first?[1] {
                #expect(count == .integer(Int64(tag.dropFirst()) ?? -1), "\(tag) is whole: \(count)")
                seen.insert(tag)
            }
        } while !done.isSet
        try await writer.value
        #expect(reads > 0 && seen.isSubset(of: ["v1", "v2", "v3", "v4", "v5", "v6"]))

        let observed = betweenBuildAndPublish.events.dropFirst().map { $0.replacing(/__b[0-9a-z]+/, with: "__b…") }
        #expect(observed == (1...5).map { "v\($0) \($0), dm_exchange_list, dm_exchange_list__b…" })

        let versions = try await fixture.warehouse.registry.versions(of: "dm_exchange_list")
        #expect(versions.map(\.version) == [1, 2, 3, 4, 5, 6])
        #expect(versions.map(\.isCurrent) == [false, false, false, false, false, true])
        #expect(try await fixture.warehouse.sample(mart: "exchange_list", limit: 10).rows.count == 6)
        #expect(try await fixture.warehouse.martTables() == ["dm_exchange_list"])
        #expect(try await fixture.warehouse.stagingTables() == [])
        #expect(try await fixture.warehouse.auditLog.verify() == .intact(entries: 6))
    }

    @Test(arguments: ProvisionStep.allCases)
    func aFailureAtAnyStepLeavesNoStagingNoBuildThePreviousMartAndOneAuditEntry(_ step: ProvisionStep) async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        let firstRequest = ExecuteFixture.request(for: try fixture.exposureMart(prefix: "x"))
        let first = try await fixture.executor().execute(try fixture.exposureMart(prefix: ExecuteFixture.prefix(firstRequest.requestID), tag: "v1"),
                                                         request: firstRequest)
        #expect(first.status == .succeeded)
        let before = try await fixture.warehouse.sample(mart: "dm_portfolio_exposure", limit: 1000)

        let executor = fixture.executor(faultInjector: { current in
            if current == step { throw InjectedFault(step: current) }
        })
        let request = ExecuteFixture.request(for: try fixture.exposureMart(prefix: "x"), requester: Requester(user: "thomas.weber", role: .riskManager))
        let compiled = try fixture.exposureMart(prefix: ExecuteFixture.prefix(request.requestID), tag: "v2")
        // A failure in compile comes before the compiler runs; the other steps start from a compiled mart.
        let outcome = step == .compile ? try await executor.provision(request) : try await executor.execute(compiled, request: request)

        #expect(outcome.status == .failed)
        #expect(outcome.failedStep == step)
        let expectedError = step == .cleanup
            ? "cleanup failed: injected failure at cleanup (data_mart.dm_portfolio_exposure version 2 was published before it)"
            : "\(step.rawValue) failed: injected failure at \(step.rawValue)"
        #expect(outcome.error == expectedError)
        #expect(try await fixture.warehouse.stagingTables() == [])
        #expect(try await fixture.warehouse.martTables() == ["dm_portfolio_exposure"])
        let current = try await fixture.warehouse.registry.currentMarts()
        let after = try await fixture.warehouse.sample(mart: "dm_portfolio_exposure", limit: 1000)
        if step == .cleanup {
            // The mart was published before cleanup failed: version 2 is whole and current.
            #expect(current.map(\.version) == [2])
            #expect(after.rows.count == before.rows.count && after.rows.allSatisfy { $0[2] == .text("v2") })
        } else {
            #expect(current.map(\.version) == [1])
            #expect(after == before && before.rows.allSatisfy { $0[2] == .text("v1") })
        }

        let entries = try await fixture.warehouse.auditLog.entries()
        #expect(entries.count == 2)
        #expect(outcome.auditEntry == entries.last)
        let record = try entries[1].record()
        #expect(record.requestID == request.requestID && record.requester == "thomas.weber" && record.role == "risk_manager")
        #expect(record.status == .failed && record.error == expectedError)
        #expect(record.compiledSQL.isEmpty == (step == .compile))
        #expect(record.grants == (step == .cleanup ? outcome.grants : []) && (step != .cleanup || !record.grants.isEmpty))
        #expect(record.timingsMs[step.rawValue] != nil && record.timingsMs["total"] != nil)
        #expect(try await fixture.warehouse.auditLog.verify() == .intact(entries: 2))
    }

    @Test func aStatementTheWarehouseRejectsFailsTheBuildAndSaysWhy() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        let request = ExecuteFixture.request(for: try fixture.exchangeListMart(prefix: "x", tag: "v", limit: 1))
        var compiled = try fixture.exchangeListMart(prefix: ExecuteFixture.prefix(request.requestID), tag: "v1", limit: 3)
        compiled.selectSQL = compiled.selectSQL.replacingOccurrences(of: "\"e\".\"city\"", with: "\"e\".\"town\"")
        let outcome = try await fixture.executor().execute(compiled, request: request)
        let build = "dm_exchange_list__b\(request.requestID.prefix(8))"
        #expect(outcome.status == .failed && outcome.failedStep == .build)
        #expect(outcome.error == "build failed: build data_mart.\(build): no such column: e.town (state folder \(fixture.state))")
        #expect(outcome.rowsStaged == ["exchanges": 8])
        #expect(try await fixture.warehouse.stagingTables() == [])
        #expect(try await fixture.warehouse.martTables() == [])
        let record = try #require(try await fixture.warehouse.auditLog.entries().first?.record())
        #expect(record.status == .failed && record.error == outcome.error && record.grants == [] && record.rowCount == nil)
        #expect(try await fixture.warehouse.registry.versions(of: "dm_exchange_list") == [])
    }

    @Test func cancellingDuringStagingCleansUpAndIsAudited() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        // The first table staged cancels the request's own task, as a client going away would.
        let executor = fixture.executor(progress: { event in
            if case .staged = event { withUnsafeCurrentTask { $0?.cancel() } }
        })
        let request = ExecuteFixture.request(for: try fixture.exposureMart(prefix: "x"))
        let compiled = try fixture.exposureMart(prefix: ExecuteFixture.prefix(request.requestID))
        let outcome = try await Task { try await executor.execute(compiled, request: request) }.value

        #expect(outcome.status == .failed && outcome.failedStep == .stage)
        #expect(outcome.error == "stage failed: cancelled")
        #expect(outcome.rowsStaged.keys.allSatisfy { $0 == "positions" })
        #expect(try await fixture.warehouse.stagingTables() == [])
        #expect(try await fixture.warehouse.martTables() == [])
        let entries = try await fixture.warehouse.auditLog.entries()
        #expect(entries.count == 1)
        let record = try entries[0].record()
        #expect(record.status == .failed && record.error == "stage failed: cancelled" && record.requestID == request.requestID)
        #expect(record.timingsMs["cleanup"] != nil)
    }
}
