import SluiceGovernance
import SluiceProvision
import Testing

/// Grants follow the level, narrowed for a mart that holds raw PII: one built with the PII
/// privilege is granted only to roles that hold it, because masking was decided for its
/// requester, not for its readers.
@Suite struct MartCompilerGrantTests {
    /// `clients` is internal: every reader role may read the level.
    static func spec(dimensions: String, filter: String = "") -> String {
        """
        {"name": "client_segments", "sources": [{"table": "clients", "alias": "c"}],
         "dimensions": [\(dimensions)], "measures": [{"name": "clients", "function": "count"}]\(filter)}
        """
    }

    static func grants(_ json: String, as requester: Requester) async throws -> [Role] {
        let compiled = try MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: true)
            .compile(try MartSpec.decode(json), catalog: try await DemoLake.contents(), requester: requester, stagingPrefix: "g1")
        return compiled.decision.grants
    }

    @Test func aMartWithoutPIIIsGrantedToEveryReaderOfItsLevel() async throws {
        let json = Self.spec(dimensions: #"{"column": "c.segment"}"#)
        for role in Role.readers {
            #expect(try await Self.grants(json, as: Requester(user: "u", role: role)) == [.biAnalyst, .riskManager, .complianceOfficer])
        }
    }

    @Test func aMaskedMartIsGrantedToEveryReaderOfItsLevel() async throws {
        let json = Self.spec(dimensions: #"{"column": "c.short_name"}"#)
        #expect(try await Self.grants(json, as: Requester(user: "maria.chen", role: .biAnalyst)) == [.biAnalyst, .riskManager, .complianceOfficer])
    }

    @Test func aMartWithPIIInClearIsGrantedOnlyToThePIIPrivileged() async throws {
        let officer = Requester(user: "sophie.martin", role: .complianceOfficer)
        let output = Self.spec(dimensions: #"{"column": "c.short_name"}"#)
        #expect(try await Self.grants(output, as: officer) == [.complianceOfficer])
        // A filter on a raw value decides which rows exist: that reveals PII too.
        let filtered = Self.spec(dimensions: #"{"column": "c.segment"}"#,
                                 filter: #", "filter": {"column": "c.legal_name", "op": "like", "value": "V%"}"#)
        #expect(try await Self.grants(filtered, as: officer) == [.complianceOfficer])
    }
}
