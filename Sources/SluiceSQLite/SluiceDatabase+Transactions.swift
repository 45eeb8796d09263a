import GRDB

extension SluiceDatabase {
    /// Runs `work` in one read transaction (a consistent snapshot); a failure is passed
    /// through `translate`, so each store reports errors in its own layer's terms
    /// (``SluiceCatalog/CatalogError``, `SearchMonitorError`, …) naming its own file.
    func read<T: Sendable>(_ work: @Sendable (Database) throws -> T,
                           translatingErrors translate: (any Error) -> any Error) async throws -> T {
        do {
            return try await pool.read(work)
        } catch {
            throw translate(error)
        }
    }

    /// Runs `work` in one write transaction, rolled back when it throws; a failure is
    /// passed through `translate` as in ``read(_:translatingErrors:)``.
    func write<T: Sendable>(_ work: @Sendable (Database) throws -> T,
                            translatingErrors translate: (any Error) -> any Error) async throws -> T {
        do {
            return try await pool.write(work)
        } catch {
            throw translate(error)
        }
    }
}
