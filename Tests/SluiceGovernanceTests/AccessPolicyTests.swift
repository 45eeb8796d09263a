import SluiceGovernance
import Testing

/// Roles and the classification matrix of `../shared/spec/governance.md`.
@Suite struct AccessPolicyTests {
    /// The spec's table, level → roles that may read it, written out as the spec writes it.
    private static let specMatrix: [(Classification, Set<Role>)] = [
        (.public, [.biAnalyst, .riskManager, .complianceOfficer]),
        (.internal, [.biAnalyst, .riskManager, .complianceOfficer]),
        (.confidential, [.riskManager, .complianceOfficer]),
        (.restricted, [.complianceOfficer]),
    ]

    @Test(arguments: [
        ("bi_analyst", Role.biAnalyst), ("BI_ANALYST", .biAnalyst), (" bi-analyst ", .biAnalyst),
        ("risk_manager", .riskManager), ("Risk-Manager", .riskManager),
        ("compliance_officer", .complianceOfficer), ("pipeline_agent", .pipelineAgent), ("sluice_admin", .sluiceAdmin),
    ])
    func parsesRoleNamesAsUsersTypeThem(text: String, role: Role) throws {
        #expect(try Role(parsing: text) == role)
    }

    @Test(arguments: ["", "analyst", "bi analyst", "compliance_officers", "admin"])
    func unknownRoleNamesTheValueAndTheRoles(text: String) {
        #expect(throws: GovernanceError.unknownRole(text)) { try Role(parsing: text) }
        let message = GovernanceError.unknownRole(text).description
        #expect(message.hasPrefix("unknown role \(String(reflecting: text)): use one of "))
        for role in Role.allCases { #expect(message.contains(role.rawValue)) }
    }

    @Test func everyRoleAtEveryLevelFollowsTheSpec() {
        let policy = AccessPolicy.standard
        for (level, readers) in Self.specMatrix {
            for role in Role.allCases {
                #expect(policy.mayRead(level, as: role) == readers.contains(role), "\(role) reading \(level)")
            }
            #expect(policy.readers(of: level) == Role.readers.filter(readers.contains), "\(level)")
        }
        #expect(Self.specMatrix.map(\.0) == Classification.allCases)
    }

    @Test func serviceAndAdministratorRolesReadNoData() {
        for level in Classification.allCases {
            #expect(!AccessPolicy.standard.mayRead(level, as: .pipelineAgent))
            #expect(!AccessPolicy.standard.mayRead(level, as: .sluiceAdmin))
        }
        #expect(Role.readers == [.biAnalyst, .riskManager, .complianceOfficer])
    }

    @Test func onlyComplianceOfficersSeePIIInClear() {
        for role in Role.allCases {
            #expect(AccessPolicy.standard.seesPIIInClear(role) == (role == .complianceOfficer), "\(role)")
        }
    }

    /// A derived object is classified at the highest level of every source it reads.
    @Test func derivedObjectsTakeTheHighestSourceLevel() {
        let policy = AccessPolicy.standard
        #expect(policy.classification(ofDerivedFrom: [Classification]()) == nil)
        #expect(policy.classification(ofDerivedFrom: [.public, .internal]) == .internal)
        #expect(policy.classification(ofDerivedFrom: [.internal, .restricted, .confidential]) == .restricted)
        #expect(policy.classification(ofDerivedFrom: [.public]) == .public)
        // Whoever may read the derived object may read every source.
        for levels in [[Classification.public, .confidential], [.internal, .internal], [.restricted, .public]] {
            let derived = policy.classification(ofDerivedFrom: levels)!
            for role in policy.readers(of: derived) {
                #expect(levels.allSatisfy { policy.mayRead($0, as: role) }, "\(role) on \(levels)")
            }
        }
    }

    @Test func rolesPrintAndSortInTheSpecsOrder() {
        #expect(Role.allCases.sorted() == [.biAnalyst, .riskManager, .complianceOfficer, .pipelineAgent, .sluiceAdmin])
        #expect(Role.complianceOfficer.description == "compliance_officer")
    }

    @Test func aCustomPolicyIsHonoured() {
        let policy = AccessPolicy(readersByLevel: [.public: [.biAnalyst], .restricted: []], piiPrivileged: [])
        #expect(policy.mayRead(.public, as: .biAnalyst))
        #expect(!policy.mayRead(.internal, as: .biAnalyst), "a level the policy does not list is readable by nobody")
        #expect(policy.readers(of: .restricted).isEmpty)
        #expect(!policy.seesPIIInClear(.complianceOfficer))
    }
}
