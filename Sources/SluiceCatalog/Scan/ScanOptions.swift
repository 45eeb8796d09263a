/// What a ``CatalogScanner`` does besides profiling.
public struct ScanOptions: Sendable {
    /// How much of each dataset is read and how distinct values are counted.
    public var profile: ProfileOptions
    /// Annotations to apply. `nil`: the built-in demo-lake annotations when the lake holds
    /// every demo table (see ``applyDemoAnnotations``), else none.
    public var annotations: Annotations?
    /// Apply the bundled demo-lake annotations when ``annotations`` is `nil` and the lake is the demo lake.
    public var applyDemoAnnotations: Bool
    public var relationships: RelationshipInference.Options
    /// Re-profile every dataset, also the unchanged ones (whose verdicts are otherwise kept as they are).
    public var full: Bool
    /// Datasets profiled at the same time. Each holds one row group or batch in memory.
    public var concurrency: Int

    public init(profile: ProfileOptions = .init(), annotations: Annotations? = nil, applyDemoAnnotations: Bool = true,
                relationships: RelationshipInference.Options = .init(), full: Bool = false, concurrency: Int = 2) {
        self.profile = profile
        self.annotations = annotations
        self.applyDemoAnnotations = applyDemoAnnotations
        self.relationships = relationships
        self.full = full
        self.concurrency = max(1, concurrency)
    }
}

/// What a scan reports while it runs, for a progress display.
public enum ScanProgress: Sendable {
    /// The listing is done: `objects` listed, grouped into `datasets`, of which `toProfile` changed or are new.
    case listed(objects: Int, datasets: Int, toProfile: Int)
    /// A dataset is being profiled (1-based `index` among those to profile).
    case profiling(dataset: String, index: Int, of: Int)
    /// A dataset was profiled.
    case profiled(dataset: String, rows: Int, rowsRead: Int)
    /// Everything is profiled; inference, annotations and the store write follow.
    case finishing
}
