import SluiceCatalog
import SluiceGovernance

/// CONTRACT — owned by the recommendation helper; replace this body entirely.
///
/// Turns a retrieval result into a ``Recommendation`` using the catalog alone.
public enum Recommender {
    public static func recommend(question: String, retrieval: RetrievalResult, contents: CatalogContents,
                                 requester: String?, role: Role?, policy: AccessPolicy = .standard) -> Recommendation {
        fatalError("contract")
    }
}
