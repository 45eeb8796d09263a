import Foundation
import SluiceGovernance
import SluiceTestSupport
import Testing

/// `AccessPolicy.decide` against the classification matrix as `../shared/spec/governance.md`
/// writes it: the expected answers are read from the spec's table, not from the policy.
@Suite struct AccessDecisionTests {
    /// The spec's table: level → the reader roles as the row lists them, in its order.
    private static func specMatrix() throws -> [Classification: [String]] {
        let spec = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/governance.md"), encoding: .utf8)
        var matrix: [Classification: [String]] = [:]
        for line in spec.split(separator: "\n") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, let level = Classification(rawValue: cells[0]) else { continue }
            matrix[level] = cells[1].components(separatedBy: ", ")
        }
        return matrix
    }

    /// The roles the spec gives the PII privilege: "the PII privilege (`compliance_officer` only, …)".
    private static func specPIIPrivileged() throws -> Set<String> {
        let spec = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/governance.md"), encoding: .utf8)
        let marker = try #require(spec.range(of: "holds the PII privilege ("))
        let rest = spec[marker.upperBound...]
        let close = try #require(rest.range(of: " only"))
        return Set(rest[..<close.lowerBound].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "` ")) })
    }

    @Test func theSpecsTableIsReadWhole() throws {
        let matrix = try Self.specMatrix()
        #expect(Set(matrix.keys) == Set(Classification.allCases))
        #expect(try Self.specPIIPrivileged() == ["compliance_officer"])
    }

    /// Every role at every level: allowed exactly when the spec's row lists the role; granted
    /// to the row's roles; refused naming the role, the level, the table and the row's readers.
    @Test(arguments: Role.allCases)
    func everyRoleAtEveryLevelFollowsTheSpecsTable(role: Role) throws {
        let matrix = try Self.specMatrix()
        let privileged = try Self.specPIIPrivileged()
        for level in Classification.allCases {
            let readers = try #require(matrix[level])
            let sources: [String: Classification] = ["exchanges": .public, "table_\(level)": level]
            let decision = AccessPolicy.standard.decide(requester: Requester(user: "someone", role: role), sources: sources)
            #expect(decision.classification == level, "\(role) at \(level)")
            #expect(decision.sourceClassifications == sources)
            #expect(decision.seesPIIInClear == privileged.contains(role.rawValue))
            if readers.contains(role.rawValue) {
                #expect(decision.allowed, "\(role) at \(level)")
                #expect(decision.refusal == nil)
                #expect(decision.grants.map(\.rawValue) == readers, "\(role) at \(level)")
            } else {
                #expect(!decision.allowed, "\(role) at \(level)")
                #expect(decision.grants.isEmpty)
                let refusal = try #require(decision.refusal)
                switch role {
                case .pipelineAgent:
                    #expect(refusal == "pipeline_agent provisions marts but is never granted one; request it as a reader role (bi_analyst, risk_manager, compliance_officer)")
                case .sluiceAdmin:
                    #expect(refusal == "sluice_admin manages policies and reads no data; request the mart as a reader role (bi_analyst, risk_manager, compliance_officer)")
                default:
                    #expect(refusal == "\(role.rawValue) may not read \(level.rawValue) data: table_\(level.rawValue) is \(level.rawValue) (readers: \(readers.joined(separator: ", ")))")
                }
            }
        }
    }

    /// The example of `AccessDecision`'s documentation.
    @Test func theDocumentedExample() {
        let decision = AccessPolicy.standard.decide(requester: Requester(user: "maria.chen", role: .biAnalyst),
                                                    sources: ["positions": .internal, "clients": .internal])
        #expect(decision == AccessDecision(classification: .internal, sourceClassifications: ["positions": .internal, "clients": .internal],
                                           allowed: true, refusal: nil, grants: [.biAnalyst, .riskManager, .complianceOfficer],
                                           seesPIIInClear: false))
    }

    /// Scenario 3's AML tables, asked for by a BI analyst: every table above the role's reach
    /// is named, grouped by level, highest first.
    @Test func aRefusalNamesEveryTableThatRaisesTheLevel() {
        let decision = AccessPolicy.standard.decide(
            requester: Requester(user: "maria.chen", role: .biAnalyst),
            sources: ["aml_alerts": .restricted, "clients": .internal, "accounts": .internal, "orders": .confidential, "compliance_checks": .restricted])
        #expect(!decision.allowed)
        #expect(decision.classification == .restricted)
        #expect(decision.refusal == "bi_analyst may not read restricted data: aml_alerts, compliance_checks are restricted (readers: compliance_officer); orders is confidential (readers: risk_manager, compliance_officer)")

        let riskManager = AccessPolicy.standard.decide(requester: Requester(user: "thomas.weber", role: .riskManager),
                                                       sources: ["aml_alerts": .restricted, "orders": .confidential])
        #expect(riskManager.refusal == "risk_manager may not read restricted data: aml_alerts is restricted (readers: compliance_officer)")

        let officer = AccessPolicy.standard.decide(requester: Requester(user: "sophie.martin", role: .complianceOfficer),
                                                   sources: ["aml_alerts": .restricted, "orders": .confidential])
        #expect(officer.allowed && officer.grants == [.complianceOfficer] && officer.seesPIIInClear)
    }

    @Test func noSourcesIsRefused() {
        let decision = AccessPolicy.standard.decide(requester: Requester(user: "sophie.martin", role: .complianceOfficer), sources: [:])
        #expect(!decision.allowed)
        #expect(decision.classification == nil)
        #expect(decision.grants.isEmpty)
        #expect(decision.refusal == "a mart reads at least one source table, and this request names none")
    }

    @Test func aCustomPolicyDecidesByItsOwnMatrix() {
        let policy = AccessPolicy(readersByLevel: [.public: [.biAnalyst], .internal: [.riskManager]], piiPrivileged: [.riskManager])
        let allowed = policy.decide(requester: Requester(user: "t", role: .riskManager), sources: ["a": .internal])
        #expect(allowed.allowed && allowed.grants == [.riskManager] && allowed.seesPIIInClear)
        let refused = policy.decide(requester: Requester(user: "c", role: .complianceOfficer), sources: ["a": .internal, "b": .restricted])
        #expect(refused.refusal == "compliance_officer may not read restricted data: b is restricted (readers: none); a is internal (readers: risk_manager)")
    }
}
