import ArgumentParser
import SluiceGovernance

/// `--as USER --role ROLE`: who asks for a mart, shared by `ask` and `provision`.
struct RequesterOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Who asks (the audit and the registry record it).", valueName: "user"))
    var user: String

    @Option(name: .long, help: ArgumentHelp(
        "The requester's role: bi_analyst, risk_manager or compliance_officer (pipeline_agent and sluice_admin are never granted a mart).",
        valueName: "role"))
    var role: String

    func validate() throws {
        guard !user.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--as needs a user name, e.g. --as maria.chen")
        }
        do { _ = try Role(parsing: role) } catch { throw ValidationError("--role: \(error)") }
    }

    var requester: Requester {
        get throws { Requester(user: user.trimmingCharacters(in: .whitespaces), role: try Role(parsing: role)) }
    }
}

/// `--sample N`: how many rows of a new mart to show.
struct SampleOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rows of the new mart to show, as the requester reads them (0 for none).", valueName: "n"))
    var sample = 10

    func validate() throws {
        guard sample >= 0 else { throw ValidationError("--sample must be 0 or more, got \(sample)") }
    }
}
