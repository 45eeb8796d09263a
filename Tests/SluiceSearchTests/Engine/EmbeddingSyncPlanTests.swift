import Foundation
import SluiceSearch
import Testing

@Suite struct EmbeddingSyncPlanTests {
    let model = EmbeddingModel(id: "m", version: "1", dimension: 2)

    func stored(_ document: CatalogDocument, hash: String? = nil, model: EmbeddingModel? = nil) -> StoredEmbedding {
        StoredEmbedding(item: document.id, model: model ?? self.model, textHash: hash ?? document.textHash,
                        vector: [1, 0], embeddedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func sortsItemsIntoStaleMissingUnchangedAndObsolete() {
        let orders = CatalogDocument(id: .table("orders"), text: "orders, changed since")
        let side = CatalogDocument(id: .column("orders", "side"), text: "side: BUY, SELL, SHRT")
        let clients = CatalogDocument(id: .table("clients"), text: "clients", needsEmbedding: true)
        let kpi = CatalogDocument(id: .kpi("portfolio_exposure"), text: "exposure")
        let gone = CatalogDocument(id: .table("legacy_trades"), text: "gone from the lake")

        let plan = EmbeddingSyncPlan(
            documents: [orders, side, clients, kpi],
            stored: [stored(orders, hash: CatalogDocument.hash(of: "orders")), stored(side), stored(clients), stored(gone)],
            model: model)

        // orders: text changed; clients: same text but flagged by the catalog.
        #expect(plan.stale.map(\.id) == [.table("clients"), .table("orders")])
        #expect(plan.missing.map(\.id) == [.kpi("portfolio_exposure")])
        #expect(plan.unchanged == 1)
        #expect(plan.obsolete == 1)
        #expect(plan.toEmbed.map(\.id) == [.table("clients"), .table("orders"), .kpi("portfolio_exposure")])
        #expect(!plan.isCurrent)
    }

    @Test func vectorsOfAnotherModelNeverCount() {
        let orders = CatalogDocument(id: .table("orders"), text: "orders")
        let widerModel = EmbeddingModel(id: "m", version: "1", dimension: 3)
        let plan = EmbeddingSyncPlan(documents: [orders], stored: [stored(orders, model: widerModel)], model: model)
        #expect(plan.missing.map(\.id) == [.table("orders")])
        #expect(plan.stale.isEmpty && plan.obsolete == 0)

        let current = EmbeddingSyncPlan(documents: [orders], stored: [stored(orders)], model: model)
        #expect(current.isCurrent)
        #expect(current.unchanged == 1)
    }
}
