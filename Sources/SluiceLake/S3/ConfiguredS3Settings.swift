import Foundation
import SluiceCore

/// The `s3` section of a settings file, checked and turned into S3 types, with errors
/// that name the file and the field so the user knows which line to fix.
struct ConfiguredS3Settings {
    let section: SluiceConfig.S3Section
    let file: String

    init(_ config: SluiceConfig) {
        section = config.s3
        file = config.path ?? "(settings)"
    }

    var region: String? { nonEmpty(section.region) }

    var addressing: S3Configuration.Addressing? {
        section.addressing.map {
            switch $0 {
            case .path: .path
            case .virtual: .virtualHosted
            }
        }
    }

    func endpoint() throws -> URL? {
        guard let text = nonEmpty(section.endpoint) else { return nil }
        do {
            return try S3Configuration.parseEndpoint(text)
        } catch let error as LakeError {
            throw SluiceError.invalidConfig(file: file, field: "s3.endpoint", reason: "\"\(text)\": \(error.message)")
        }
    }

    func credentials() throws -> S3Credentials? {
        let token = nonEmpty(section.sessionToken)
        switch (nonEmpty(section.accessKeyID), nonEmpty(section.secretAccessKey)) {
        case let (id?, secret?):
            return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        case (nil, nil):
            guard token == nil else {
                throw SluiceError.invalidConfig(file: file, field: "s3.session_token", reason: "a session token needs access_key_id and secret_access_key")
            }
            return nil
        case (nil, _?):
            throw SluiceError.invalidConfig(file: file, field: "s3.access_key_id", reason: "missing; secret_access_key is set, and the keys come as a pair")
        case (_?, nil):
            throw SluiceError.invalidConfig(file: file, field: "s3.secret_access_key", reason: "missing; access_key_id is set, and the keys come as a pair")
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.isEmpty ? nil : $0 }
    }
}
