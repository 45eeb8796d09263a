import ArgumentParser
import Foundation
import SluiceCore

/// `--config PATH`, shared by every command that may reach S3.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sluice settings file (JSON). Default: $SLUICE_CONFIG, else ./.sluice/config.json when it exists. AWS_* variables win over it.",
            valueName: "path"
        )
    )
    var config: String?

    /// The settings, with any warning about them printed on stderr first.
    func load() throws -> SluiceConfig {
        let settings = try SluiceConfig.load(explicitPath: config)
        for warning in settings.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        return settings
    }
}
