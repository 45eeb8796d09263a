import Foundation

/// The catalog of published marts and their versions (`governance.data_mart_registry`),
/// with their grants and lineage. Each backend implements it next to its warehouse.
///
/// Registration happens in the same transaction that publishes the mart, so a mart that
/// readers can see is always registered; see the warehouse's `publish`.
public protocol MartRegistry: Sendable {
    /// The current version of every mart that is not dropped, by name.
    func currentMarts() async throws -> [MartRegistration]
    /// Every version of `name`, oldest first (empty when it never existed).
    func versions(of name: String) async throws -> [MartRegistration]
    /// The version the next build of `name` gets: 1 + the highest so far.
    func nextVersion(of name: String) async throws -> Int
}
