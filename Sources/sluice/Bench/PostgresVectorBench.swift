import Foundation
import NIOCore
import PostgresNIO
import SluicePostgres

/// `sluice bench search --postgres URL`: the same vectors and queries in PostgreSQL, searched
/// through pgvector's HNSW and pgvectorscale's StreamingDiskANN indexes, as a client would:
/// one query per round trip on one connection, latency measured at the client.
struct PostgresVectorBench {
    let database: SluicePostgres.PostgresDatabase
    let dimension: Int
    let k: Int
    let m: Int
    let efConstruction: Int
    let progress: (String) -> Void

    private var logger: Logger { database.logger }
    private let table = "sluice_bench.vectors"

    /// Loads `data` (row-major) with COPY into a fresh `sluice_bench.vectors`.
    func load(_ data: [Float], count: Int) async throws {
        try await database.withConnection { connection in
            try await connection.query("CREATE EXTENSION IF NOT EXISTS vector", logger: logger)
            try await connection.query("CREATE EXTENSION IF NOT EXISTS vectorscale CASCADE", logger: logger)
            try await connection.query("DROP SCHEMA IF EXISTS sluice_bench CASCADE", logger: logger)
            try await connection.query("CREATE SCHEMA sluice_bench", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (id integer PRIMARY KEY, embedding vector(\(dimension)) NOT NULL)"),
                                       logger: logger)
        }
        try await database.withTransaction { connection in
            try await connection.query("SET LOCAL search_path TO sluice_bench", logger: logger)
            try await connection.copyFrom(table: "vectors", columns: ["id", "embedding"], logger: logger) { writer in
                var buffer = ByteBuffer()
                for row in 0..<count {
                    buffer.writeString(String(row))
                    buffer.writeString("\t[")
                    for column in 0..<dimension {
                        if column > 0 { buffer.writeString(",") }
                        buffer.writeString(data[row * dimension + column].description)
                    }
                    buffer.writeString("]\n")
                    if buffer.readableBytes > 4 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        }
    }

    /// Builds `kind`'s index (dropping the other), then times every query at each search width.
    func measure(_ kind: PostgresVectorIndexKind, queries: [[Float]], truth: [[Int]], widths: [Int]) async throws -> BenchSearchCommand.Side {
        let build = DispatchTime.now().uptimeNanoseconds
        try await database.withConnection { connection in
            try await connection.query("DROP INDEX IF EXISTS sluice_bench.vectors_ann", logger: logger)
            try await connection.query("SET maintenance_work_mem = '1GB'", logger: logger)
            let method = kind == .hnsw
                ? "hnsw (embedding vector_cosine_ops) WITH (m = \(m), ef_construction = \(efConstruction))"
                : "diskann (embedding vector_cosine_ops)"
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE INDEX vectors_ann ON \(table) USING \(method)"), logger: logger)
            try await connection.query("RESET maintenance_work_mem", logger: logger)
            try await connection.query("ANALYZE sluice_bench.vectors", logger: logger)
        }
        let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - build) / 1e9
        var points: [BenchSearchCommand.Point] = []
        for width in widths {
            progress("postgres \(kind.rawValue): \(kind == .hnsw ? "ef_search" : "query_search_list_size") \(width)")
            let setting = kind == .hnsw ? "hnsw.ef_search" : "diskann.query_search_list_size"
            let (latencies, found) = try await database.withConnection { connection -> ([Double], Int) in
                try await connection.query(PostgresQuery(unsafeSQL: "SET \(setting) = \(width)"), logger: logger)
                var latencies: [Double] = [], found = 0
                for (index, query) in queries.enumerated() {
                    let text = "[" + query.map(\.description).joined(separator: ",") + "]"
                    let begin = DispatchTime.now().uptimeNanoseconds
                    let rows = try await connection.query(PostgresQuery(
                        unsafeSQL: "SELECT id FROM \(table) ORDER BY embedding <=> $1::vector LIMIT \(k)", binds: PostgresSQL.binds(text)), logger: logger)
                    var ids: [Int] = []
                    for try await id in rows.decode(Int32.self) { ids.append(Int(id)) }
                    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                    let expected = Set(truth[index])
                    found += ids.filter(expected.contains).count
                }
                return (latencies, found)
            }
            points.append(BenchSearchCommand.Point(ef: width, p50Milliseconds: BenchSearchCommand.percentile(latencies, 0.5),
                                                   p95Milliseconds: BenchSearchCommand.percentile(latencies, 0.95),
                                                   recall: Double(found) / Double(queries.count * k)))
        }
        return BenchSearchCommand.Side(version: kind == .hnsw ? "pgvector 0.8 HNSW" : "pgvectorscale StreamingDiskANN",
                                       buildSeconds: buildSeconds, results: points)
    }

    func dropTables() async throws {
        try await database.withConnection { connection in
            try await connection.query("DROP SCHEMA IF EXISTS sluice_bench CASCADE", logger: logger)
        }
    }
}
