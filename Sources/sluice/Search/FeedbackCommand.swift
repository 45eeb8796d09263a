import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceSearch

/// `sluice feedback`: a thumbs up or down on one result of a logged search.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Rate one result of a logged search (thumbs up or down), for rag_monitor.feedback_log.",
        discussion: """
        SEARCH_ID is the id `sluice search` printed (`sluice search --history` lists them). \
        ITEM names the result: a table (`orders` or `table:orders`), a column (`orders.side` \
        or `column:orders.side`), a KPI pattern (`kpi:portfolio_exposure`) or a relationship \
        (`orders.broker_id->counterparties.counterparty_id`). It must be in the catalog.

        Examples:
          sluice feedback 12 positions --up
          sluice feedback 12 kpi:portfolio_exposure --down --comment "wanted the VaR trend"
          sluice feedback 12 clients.segment --up --as maria.chen
        """
    )

    enum Rating: String, EnumerableFlag {
        case up, down

        static func help(for value: Rating) -> ArgumentHelp? {
            value == .up ? "The result is right for the question." : "The result is wrong for the question."
        }
    }

    @Argument(help: ArgumentHelp("The search's id.", valueName: "search-id"))
    var searchID: Int64

    @Argument(help: ArgumentHelp("The result rated: table, table.column, kpi:ID, table:NAME, column:T.C or relationship A.x->B.y.", valueName: "item"))
    var item: String

    @Flag var rating: Rating

    @Option(name: .long, help: ArgumentHelp("Why, in words.", valueName: "text"))
    var comment: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who gives the feedback.", valueName: "user"))
    var requester: String?

    @Flag(name: .long, help: "Print the recorded feedback as JSON.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let session = try await SearchSession.open(catalog: catalogOptions, embedderSettings: nil)
            let itemID = try FeedbackItem.parse(item)
            try FeedbackItem.check(itemID, in: try await session.loadCatalog())
            let entry = FeedbackEntry(searchID: searchID, item: itemID, rating: rating == .up ? .up : .down,
                                      comment: comment, requester: requester, givenAt: Date())
            let id = try await session.monitor.logFeedback(entry)
            if json {
                print(try jsonText(FeedbackJSON(id: id, entry: entry)))
            } else {
                print("Recorded thumbs \(entry.rating.rawValue) for \(itemID) on search \(searchID) (feedback \(id)).")
            }
        }
    }
}

/// `sluice feedback --json`.
struct FeedbackJSON: Encodable {
    var id: Int64
    var search_id: Int64
    var item_kind: String
    var item_key: String
    var rating: String
    var comment: String?
    var requester: String?
    var given_at: String

    init(id: Int64, entry: FeedbackEntry) {
        self.id = id
        search_id = entry.searchID
        item_kind = entry.item.kind.rawValue
        item_key = entry.item.key
        rating = entry.rating.rawValue
        comment = entry.comment
        requester = entry.requester
        given_at = entry.givenAt.formatted(.iso8601)
    }
}

/// How `sluice feedback` names a result.
enum FeedbackItem {
    /// `kind:key` with an explicit kind; else `a.x->b.y` is a relationship, `t.c` a column
    /// and a bare name a table.
    static func parse(_ text: String) throws -> CatalogItemID {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains(".") {
            let kindText = String(trimmed[..<colon])
            let key = String(trimmed[trimmed.index(after: colon)...])
            guard let kind = CatalogItemKind(rawValue: kindText.lowercased()) else {
                throw CommandError("item \(String(reflecting: text)): unknown kind \(String(reflecting: kindText)); use one of "
                    + CatalogItemKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !key.isEmpty else { throw CommandError("item \(String(reflecting: text)) names no \(kind.rawValue)") }
            return CatalogItemID(kind: kind, key: key)
        }
        guard !trimmed.isEmpty else { throw CommandError("the item is empty: name a table, table.column or kpi:ID") }
        if trimmed.contains("->") { return CatalogItemID(kind: .relationship, key: trimmed) }
        if trimmed.contains(".") { return CatalogItemID(kind: .column, key: trimmed) }
        return .table(trimmed)
    }

    /// Refuses an item the catalog does not have, so feedback never points at nothing.
    static func check(_ item: CatalogItemID, in contents: CatalogContents) throws {
        let known: Bool = switch item.kind {
        case .table: contents.table(named: item.key) != nil
        case .column: contents.columns.contains { $0.qualifiedName == item.key }
        case .relationship: contents.relationships.contains { CatalogItemID.relationship($0) == item }
        case .kpi: contents.kpiPatterns.contains { $0.id == item.key }
        }
        guard known else {
            let name = item.kind == .kpi ? "KPI pattern" : item.kind.rawValue
            throw CommandError("the catalog has no \(name) \(String(reflecting: item.key))")
        }
    }
}
