/// Errors of the core layer; every case names the value at fault.
public enum SluiceError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidIdentifier(String, reason: String)
    case invalidColumn(String, reason: String)

    public var description: String {
        switch self {
        case let .invalidIdentifier(name, reason):
            "invalid SQL identifier \(String(reflecting: name)): \(reason)"
        case let .invalidColumn(name, reason):
            "column \(String(reflecting: name)) \(reason)"
        }
    }
}
