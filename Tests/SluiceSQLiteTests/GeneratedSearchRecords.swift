import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceSearch

/// Deterministic pseudo-random search records, vectors and monitor rows, drawn from a
/// ``GeneratedCatalog``'s generator: optionals both set and unset, every enumeration case,
/// awkward text and sub-millisecond instants, so a round trip that drops, confuses or
/// rounds a field fails.
extension GeneratedCatalog {
    /// Finite floats of every sort: negative, tiny (subnormal), huge, zero and negative zero.
    mutating func vector(dimension: Int) -> [Float] {
        (0..<dimension).map { index in
            switch index % 7 {
            case 0: Float(fraction() * 2 - 1)
            case 1: Float.leastNonzeroMagnitude * Float(int(1...100))
            case 2: Float.greatestFiniteMagnitude / Float(int(1...100))
            case 3: index % 2 == 0 ? 0 : -0.0
            // The exponent's top bit cleared: finite, below 2 in magnitude, subnormals included.
            default: Float(bitPattern: UInt32(truncatingIfNeeded: next()) & 0xBFFF_FFFF)
            }
        }
    }

    mutating func model() -> EmbeddingModel {
        EmbeddingModel(id: pick(["sluice-hashed-ngram", "text-embedding-3-small", "nomic-embed-text"]),
                       version: pick(["1", "2", "http://127.0.0.1:11434/v1"]), dimension: int(1...64))
    }

    mutating func recommendation(question: String) -> Recommendation {
        let tables = (0..<int(0...4)).map { index in
            RecommendedTable(name: text("table_\(index)"), score: fraction(), reasons: (0..<int(0...2)).map { _ in text("matches ") },
                             classification: pick(Classification.allCases), rowCount: int(0...1_000_000), selected: bool())
        }
        let columns = (0..<int(0...5)).map { index in
            RecommendedColumn(table: text("t"), column: "col_\(index)", score: fraction(), dataType: pick(["int64", "string"]),
                              reasons: [text("because ")], isPII: bool(), piiKind: maybe { $0.pick(PIIKind.allCases).rawValue },
                              maskingRule: maybe { $0.pick(MaskingRule.allCases) })
        }
        let relationships = (0..<int(0...3)).map { _ in
            RecommendedRelationship(fromTable: text("a"), fromColumn: "id", toTable: text("b"), toColumn: "a_id",
                                    score: fraction(), confidence: fraction())
        }
        let joinPlan: JoinPlan? = maybe { generator in
            JoinPlan(tables: tables.map(\.name), bridgeTables: generator.bool() ? [generator.text("bridge")] : [],
                     joins: relationships, unreachable: generator.bool() ? [generator.text("island")] : [])
        }
        let kpi: RecommendedKPI? = maybe { generator in
            RecommendedKPI(id: generator.text("kpi_"), name: generator.text("KPI "), score: generator.fraction(), tables: tables.map(\.name),
                           template: "SELECT sum(x) FROM t WHERE note = 'it''s'", reasons: [generator.text("named ")])
        }
        let governance = GovernanceFlags(
            highestClassification: maybe { $0.pick(Classification.allCases) },
            classificationByTable: Dictionary(tables.map { ($0.name, $0.classification) }, uniquingKeysWith: { first, _ in first }),
            piiColumns: columns.filter(\.isPII).map { PIIColumnFlag(table: $0.table, column: $0.column, kind: $0.piiKind, maskingRule: $0.maskingRule) },
            rolesAllowed: Role.allCases.filter { _ in bool() },
            requester: maybe { generator in
                RequesterAccess(user: generator.maybe { $0.text("user") }, role: generator.pick(Role.allCases), mayRead: generator.bool(),
                                seesPIIInClear: generator.bool(), reason: generator.text("may read "))
            })
        return Recommendation(question: question, answerable: !tables.isEmpty, message: text("found "), tables: tables, columns: columns,
                              relationships: relationships, joinPlan: joinPlan, kpi: kpi, governance: governance)
    }

    mutating func searchEntry(askedAt: Date? = nil) -> SearchLogEntry {
        let question = text("which clients hold ")
        let mode = pick(RetrievalMode.allCases)
        let recommendation = recommendation(question: question)
        return SearchLogEntry(
            askedAt: askedAt ?? date(), question: question, requester: maybe { $0.text("analyst") },
            role: maybe { $0.pick(Role.allCases).rawValue }, model: mode == .lexical ? nil : model(), mode: mode,
            answerable: recommendation.answerable, recommendation: recommendation,
            timings: SearchTimings(embedMs: fraction() * 10, searchMs: fraction() * 5, reasoningMs: fraction(), totalMs: fraction() * 20))
    }

    mutating func item() -> CatalogItemID {
        switch pick(CatalogItemKind.allCases) {
        case .table: .table(text("orders"))
        case .column: .column(text("orders"), text("side"))
        case .relationship: CatalogItemID(kind: .relationship, key: "orders.broker_id->\(text("counterparties")).counterparty_id")
        case .kpi: .kpi(text("kpi_"))
        }
    }

    mutating func feedback(searchID: Int64, givenAt: Date? = nil) -> FeedbackEntry {
        FeedbackEntry(searchID: searchID, item: item(), rating: pick(FeedbackRating.allCases), comment: maybe { $0.text("not this ") },
                      requester: maybe { $0.text("analyst") }, givenAt: givenAt ?? date())
    }

    mutating func embeddingCall(calledAt: Date? = nil) -> EmbeddingCallRecord {
        EmbeddingCallRecord(
            calledAt: calledAt ?? date(), endpoint: pick(["https://api.openai.com/v1", "http://127.0.0.1:11434/v1"]),
            model: pick(["text-embedding-3-small", "nomic-embed-text"]), mode: pick(EmbeddingMode.allCases), inputCount: int(0...64),
            inputCharacters: int(0...100_000), requestBytes: int(0...1_000_000), responseBytes: int(0...10_000_000),
            promptTokens: maybe { $0.int(0...50_000) }, durationMs: fraction() * 900, error: maybe { $0.text("HTTP 429: ") })
    }

    mutating func evaluationRun(startedAt: Date? = nil, queryCount: Int? = nil) -> EvaluationRunRecord {
        func metrics(_ generator: inout GeneratedCatalog) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: ["p_at_5", "r_at_10", "ndcg_at_5", "ndcg_at_10", "mrr", "map", "odd \"name\""].map { ($0, generator.fraction()) })
        }
        let queries = (0..<(queryCount ?? int(0...6))).map { index in
            EvaluationQueryRecord(
                queryID: "q\(index)-\(int(0...999))", question: text("how much "), metrics: metrics(&self),
                expectedKPI: maybe { $0.text("kpi_") }, foundKPI: maybe { $0.text("kpi_") }, latencyMs: maybe { $0.fraction() * 100 },
                rankedTables: (0..<int(0...5)).map { _ in text("table ") }, rankedColumns: (0..<int(0...5)).map { _ in text("t.c ") },
                answerable: bool())
        }
        let judgments = queries.flatMap { query in
            (0..<int(0...4)).map { index in
                RelevanceJudgmentRecord(queryID: query.queryID, itemKind: pick([.table, .column, .kpi]), itemKey: "item_\(index)", grade: int(0...3))
            }
        }
        return EvaluationRunRecord(
            startedAt: startedAt ?? date(), goldenSource: text("golden/"), goldenSHA256: String(repeating: String(next(), radix: 16), count: 2),
            model: maybe { $0.model() },
            options: RetrievalOptions(mode: pick(RetrievalMode.allCases), topTables: int(1...20), topColumns: int(1...40),
                                      topRelationships: int(1...10), topKPIs: int(1...5), threshold: fraction(), relationshipThresholdFactor: fraction()),
            metrics: metrics(&self), queries: queries, judgments: judgments)
    }
}

extension Date {
    /// The instant a store gives back: rounded to the millisecond.
    var asStored: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000) }
}

extension SearchLogEntry {
    var asStored: SearchLogEntry {
        var stored = self
        stored.askedAt = askedAt.asStored
        return stored
    }
}

extension FeedbackEntry {
    var asStored: FeedbackEntry {
        var stored = self
        stored.givenAt = givenAt.asStored
        return stored
    }
}

extension EmbeddingCallRecord {
    var asStored: EmbeddingCallRecord {
        var stored = self
        stored.calledAt = calledAt.asStored
        return stored
    }
}

extension EvaluationRunRecord {
    func asStored(id: Int64) -> EvaluationRunRecord {
        var stored = self
        stored.id = id
        stored.startedAt = startedAt.asStored
        return stored
    }
}

extension StoredEmbedding {
    var asStored: StoredEmbedding {
        var stored = self
        stored.embeddedAt = embeddedAt.asStored
        return stored
    }
}
