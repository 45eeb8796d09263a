/// Why ``CatalogSearchEngine`` could not search or embed; each case names what is at fault.
public enum SearchEngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The catalog has no active table: nothing was scanned yet (or everything was removed).
    case emptyCatalog(location: String)
    /// Vector or hybrid retrieval was asked of an engine without an embedder.
    case noEmbedder(mode: RetrievalMode)
    /// The question is empty or only spaces.
    case emptyQuestion
    /// A retrieval option outside its range: the option's name and what it must be.
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case let .emptyCatalog(location):
            "the catalog at \(location) is empty: run `sluice scan` first"
        case let .noEmbedder(mode):
            "\(mode.rawValue) retrieval needs an embedder and none is configured; lexical retrieval works without one"
        case .emptyQuestion:
            "the question is empty: ask for data in plain words"
        case let .invalidOption(name, reason):
            "retrieval option \(name) \(reason)"
        }
    }
}

extension SearchEngineError {
    /// Checks every option of `options` for its range: top-k values at least 1, the threshold and the
    /// relationship factor within 0...1 (scores are 0...1, so a threshold above 1 would
    /// silently answer nothing).
    ///
    /// - Throws: ``SearchEngineError/invalidOption(name:reason:)`` naming the first bad option.
    public static func validate(_ options: RetrievalOptions) throws {
        for (name, value) in [("topTables", options.topTables), ("topColumns", options.topColumns),
                              ("topRelationships", options.topRelationships), ("topKPIs", options.topKPIs)] where value < 1 {
            throw SearchEngineError.invalidOption(name: name, reason: "must be at least 1 (got \(value))")
        }
        for (name, value) in [("threshold", options.threshold), ("relationshipThresholdFactor", options.relationshipThresholdFactor)]
        where !(0...1).contains(value) {
            throw SearchEngineError.invalidOption(name: name, reason: "must lie within 0...1 (got \(value))")
        }
    }
}
