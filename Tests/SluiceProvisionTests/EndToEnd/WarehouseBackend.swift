import Testing

/// The warehouses every end-to-end test runs against: the embedded SQLite files and a
/// PostgreSQL database on the test server of `scripts/services.sh`.
enum WarehouseBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}
