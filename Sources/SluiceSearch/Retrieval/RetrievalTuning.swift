/// The constants of hybrid retrieval's scoring, in one place so that the evaluation on the
/// golden set (and a held-out set) judges one coherent method.
///
/// Every score is on 0…1 and means the same thing in every kind and mode, so that one
/// threshold (0.40 by default) separates what the catalog can answer from what it cannot.
struct RetrievalTuning: Sendable {
    /// ``KindIndex/lexicalScores(_:weights:foreign:borrowed:)``: how much the
    /// question's words an item leaves unmatched count against it. A KPI pattern should
    /// fit the whole question; a table or a relationship answers a part of it, a column a
    /// smaller part.
    var unmatchedCost: [CatalogItemKind: Double] = [.table: 0.5, .column: 0.35, .relationship: 0.5, .kpi: 0.8]
    /// A question word a KPI pattern lacks but one of its tables has costs this fraction of
    /// an unmatched word: a pattern reads its tables, so a question naming a value they
    /// list ("sanctions checks") is not a question about something else.
    var borrowedWeight = 0.5
    /// The doubt left when every word of the question matched, in idf units.
    var lexicalPrior = 1.0
    /// Hybrid only: a question word the item does not contain but names in other words
    /// (a thesaurus concept: "fees" for a text about commission) counts this much of a match.
    var synonymWeight = 0.6

    /// Cosine similarity `c` maps onto 0…1 as `1 − exp(−(c − floor) / scale)` (0 below
    /// the floor): what unrelated texts reach scores near 0, and the curve flattens
    /// instead of clipping, so two strong matches still rank. Per kind, because short
    /// texts (columns) reach higher cosines than long ones (tables).
    var cosineFloor: [CatalogItemKind: Double] = [.table: 0.10, .column: 0.15, .relationship: 0.15, .kpi: 0.12]
    var cosineScale: [CatalogItemKind: Double] = [.table: 0.33, .column: 0.30, .relationship: 0.30, .kpi: 0.26]

    /// Hybrid: the lexical score's share of the fused score (the vector's is the rest).
    /// The fused score never falls below the (discounted) vector score alone: exact words
    /// confirm a meaning, but an analyst's paraphrase or jargon ("tickets", "paper gains")
    /// that the catalog words differently must not be vetoed for lack of them.
    var lexicalShare = 0.5
    /// Hybrid: the vector similarity is discounted by this times the share of the
    /// question (by idf) that is foreign to the catalog. Similarity sees only what a
    /// question shares with an item, so "restaurant reservations" is close to the
    /// `reserved` cash column; the words the catalog has never seen say the question is
    /// about something else.
    var foreignDiscount = 0.5

    /// Cosines are calibrated on the offline embedder (``HashedNGramEmbedder``); a remote
    /// model's similarities spread alike enough (unrelated texts near 0.1, related ones
    /// from 0.3) for the same curve to be a fair start.
    ///
    /// Evidence from several sources (an item's own score, what its column or KPI
    /// pattern adds) is combined as the strongest plus `confirmation × (1 − strongest) ×
    /// the second`: a second source confirms, it does not add up to certainty.
    var confirmation = 0.3
    /// A table gains from its best column: `support × column score`.
    var columnSupport = 0.8
    /// A table gains from a KPI pattern that uses it: `support × KPI score`.
    var kpiSupport = 0.9
    /// A relationship between two retrieved tables scores `context × the weaker table`.
    var relationshipContext = 0.9
    /// A table that joins two retrieved tables not joined directly scores at least
    /// `bridge × the weaker of the two`.
    var bridge = 0.9
    /// How many of the best tables bridging looks between.
    var bridgeCandidates = 5
    /// A column's score is its own times `(1 − context) + context × its table's score`: of
    /// two `currency` columns, the one in the table the question is about ranks first.
    var columnTableContext = 0.3
    /// A join key column (either side of a relationship) scores this much of itself: keys
    /// are how tables connect, which relationships answer; a column list is for the
    /// attributes and measures a question asks about. A key still ranks when the question
    /// names what it points at ("which custodian" → `accounts.custodian_id`).
    var joinKeyColumn = 0.85
    /// A column the template of a retrieved KPI pattern reads gains `support × KPI score`.
    var kpiColumnSupport = 0.7

    /// Up to this many vectors of one kind are searched exactly (a few thousand dot
    /// products take well under a millisecond); above it, with an ``HNSWIndex``
    /// (m 16, ef_construction 128), whose search asks for at least 100 candidates.
    var exactSearchLimit = 5_000

    static let standard = RetrievalTuning()
}
