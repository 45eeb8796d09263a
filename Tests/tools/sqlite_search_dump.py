"""Reads the search tables of a Sluice state folder with Python's own sqlite3 module.

The independent side of the embedding store and search monitor tests: it knows only the
documented schema (catalog.embeddings with its little-endian float32 vector blob,
rag_monitor's tables with JSON text that SQLite's json_extract reaches into, UTC
millisecond timestamps) and prints what it finds as JSON.

usage: sqlite_search_dump.py STATE_FOLDER
"""
import datetime
import json
import os
import sqlite3
import struct
import sys

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def milliseconds(text):
    return (datetime.datetime.fromisoformat(text.replace("Z", "+00:00")) - EPOCH) // datetime.timedelta(milliseconds=1)


def connect(folder, name):
    # Read-only: the stores must be the only writers.
    return sqlite3.connect(f"file:{os.path.join(folder, name)}?mode=ro", uri=True)


def embeddings(catalog):
    found = []
    for kind, key, model_id, version, dimension, text_hash, vector, embedded_at in catalog.execute(
        "SELECT item_kind, item_key, model_id, model_version, dimension, text_hash, vector, embedded_at FROM embeddings"
        " ORDER BY model_id, model_version, item_kind, item_key"
    ):
        if len(vector) != 4 * dimension:
            raise SystemExit(f"{kind}:{key}: {len(vector)} bytes for {dimension} dimensions")
        found.append({
            "item": f"{kind}:{key}",
            "model": [model_id, version, dimension],
            "textHash": text_hash,
            # A Python float holds a float32 exactly, and json writes it back exactly.
            "values": list(struct.unpack(f"<{dimension}f", vector)),
            "bits": list(struct.unpack(f"<{dimension}I", vector)),
            "embeddedAtMilliseconds": milliseconds(embedded_at),
        })
    return found


def searches(monitor):
    found = []
    for row in monitor.execute(
        "SELECT search_id, asked_at, question, model_id, mode, table_names, kpi_id,"
        " json_extract(table_names, '$[0]'), json_array_length(table_names),"
        " json_extract(recommendation, '$.kpi.id'), json_extract(recommendation, '$.question'),"
        " json_extract(recommendation, '$.governance.highestClassification'), total_ms"
        " FROM search_log ORDER BY search_id"
    ):
        (search_id, asked_at, question, model_id, mode, table_names, kpi_id, first_table, table_count,
         recommended_kpi, recommended_question, highest, total_ms) = row
        found.append({
            "id": search_id,
            "askedAtMilliseconds": milliseconds(asked_at),
            "question": question,
            "modelID": model_id,
            "mode": mode,
            "tableNames": json.loads(table_names),
            "firstTable": first_table,
            "tableCount": table_count,
            "kpiID": kpi_id,
            "recommendedKPI": recommended_kpi,
            "recommendedQuestion": recommended_question,
            "highestClassification": highest,
            "totalMs": total_ms,
            "feedback": [
                list(r) for r in monitor.execute(
                    "SELECT item_kind || ':' || item_key, rating FROM feedback_log WHERE search_id = ? ORDER BY feedback_id", (search_id,))
            ],
        })
    return found


def runs(monitor):
    found = []
    for run_id, started_at, metrics, ndcg, top_tables, query_count in monitor.execute(
        "SELECT run_id, started_at, metrics, json_extract(metrics, '$.ndcg_at_5'), json_extract(options, '$.topTables'), query_count"
        " FROM evaluation_runs ORDER BY run_id"
    ):
        queries = [
            {"queryID": q, "mrr": mrr, "rankedTables": json.loads(tables)}
            for q, mrr, tables in monitor.execute(
                "SELECT query_id, json_extract(metrics, '$.mrr'), ranked_tables FROM evaluation_query_results"
                " WHERE run_id = ? ORDER BY ordinal", (run_id,))
        ]
        judgments = [
            [q, f"{kind}:{key}", grade]
            for q, kind, key, grade in monitor.execute(
                "SELECT query_id, item_kind, item_key, grade FROM relevance_judgments WHERE run_id = ? ORDER BY ordinal", (run_id,))
        ]
        found.append({
            "id": run_id,
            "startedAtMilliseconds": milliseconds(started_at),
            "metrics": json.loads(metrics),
            "ndcgAt5": ndcg,
            "topTables": top_tables,
            "queryCount": query_count,
            "queries": queries,
            "judgments": judgments,
        })
    return found


def main():
    folder = sys.argv[1]
    catalog = connect(folder, "catalog.sqlite")
    monitor = connect(folder, "rag_monitor.sqlite")
    foreign_keys = {
        table: sorted([r[2], r[3], r[4], r[6]] for r in monitor.execute(f'PRAGMA foreign_key_list("{table}")'))
        for table in ("feedback_log", "evaluation_query_results", "relevance_judgments")
    }
    strict = {
        name: bool(strict)
        for connection in (catalog, monitor)
        for _, name, kind, _, _, strict in connection.execute("PRAGMA table_list")
        if kind == "table" and not name.startswith("sqlite_")
    }
    print(json.dumps({
        "embeddings": embeddings(catalog),
        "searches": searches(monitor),
        "runs": runs(monitor),
        "foreignKeys": foreign_keys,
        "strict": strict,
    }))


if __name__ == "__main__":
    main()
