/// Errors of the core layer; every case names the value at fault.
public enum SluiceError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidIdentifier(String, reason: String)
    case invalidColumn(String, reason: String)
    /// A settings file that cannot be used; `field` is dotted (`s3.region`) when one field is at fault.
    case invalidConfig(file: String, field: String?, reason: String)

    public var description: String {
        switch self {
        case let .invalidIdentifier(name, reason):
            "invalid SQL identifier \(String(reflecting: name)): \(reason)"
        case let .invalidColumn(name, reason):
            "column \(String(reflecting: name)) \(reason)"
        case let .invalidConfig(file, field?, reason):
            "config file \(file): \(field): \(reason)"
        case let .invalidConfig(file, nil, reason):
            "config file \(file): \(reason)"
        }
    }
}
