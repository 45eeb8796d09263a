"""Reads a Sluice catalog.sqlite with Python's own sqlite3 module and plain SQL.

The independent side of the SQLite catalog store tests: it knows only the documented
schema (table and column names, JSON lists, the little-endian key sketch blob, UTC
millisecond timestamps) and prints what it finds as JSON.

usage: sqlite_catalog_dump.py CATALOG_FILE            full dump
       sqlite_catalog_dump.py CATALOG_FILE --count    number of rows of table_metadata
"""
import datetime
import json
import sqlite3
import struct
import sys


def binary_key(*texts):
    # SQLite's BINARY collation compares UTF-8 bytes.
    return tuple(t.encode("utf-8") for t in texts)


def main():
    path = sys.argv[1]
    # Read-only: the store must be the only writer.
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    if "--count" in sys.argv[2:]:
        print(connection.execute("SELECT count(*) FROM table_metadata").fetchone()[0])
        return

    schema = {}
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        schema[name] = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]

    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    tables = []
    for name, row_count, classification, source, scanned_at, partition_keys, objects, needs_embedding, lifecycle in connection.execute(
        "SELECT table_name, row_count, classification, classification_source, scanned_at, partition_keys, objects,"
        " needs_embedding, lifecycle FROM table_metadata"
    ):
        instant = datetime.datetime.fromisoformat(scanned_at)
        tables.append({
            "name": name,
            "rowCount": row_count,
            "classification": classification,
            "classificationSource": source,
            "scannedAtMilliseconds": (instant - epoch) // datetime.timedelta(milliseconds=1),
            "partitionKeys": json.loads(partition_keys),
            "objectKeys": [o["key"] for o in json.loads(objects)],
            "needsEmbedding": bool(needs_embedding),
            "lifecycle": lifecycle,
        })
    tables.sort(key=lambda t: binary_key(t["name"]))

    columns = []
    for table, name, position, pii_kind, masking_rule, capacity, sketch, top_values in connection.execute(
        "SELECT table_name, column_name, ordinal_position, pii_kind, masking_rule, key_sketch_capacity, key_sketch, top_values"
        " FROM column_metadata"
    ):
        hashes = None if sketch is None else [str(h) for h in struct.unpack(f"<{len(sketch) // 8}Q", sketch)]
        columns.append({
            "table": table,
            "name": name,
            "position": position,
            "piiKind": pii_kind,
            "maskingRule": masking_rule,
            "sketchCapacity": capacity,
            "sketchHashes": hashes,
            "topValueCounts": [v["count"] for v in json.loads(top_values)],
        })
    columns.sort(key=lambda c: (binary_key(c["table"]), c["position"]))

    relationships = sorted(
        (list(r) for r in connection.execute("SELECT from_table, from_column, to_table, to_column FROM relationship_metadata")),
        key=lambda r: binary_key(*r),
    )
    kpis = sorted(
        ({"id": i, "tables": json.loads(t), "martTemplate": m}
         for i, t, m in connection.execute("SELECT id, table_names, mart_template FROM kpi_patterns")),
        key=lambda k: binary_key(k["id"]),
    )
    migrations = [list(r) for r in connection.execute("SELECT version, name FROM sluice_migrations ORDER BY version")]
    foreign_keys = [list(r[2:5]) for r in connection.execute('PRAGMA foreign_key_list("column_metadata")')]
    print(json.dumps({
        "schema": schema,
        "tables": tables,
        "columns": columns,
        "relationships": relationships,
        "kpis": kpis,
        "migrations": migrations,
        "columnForeignKeys": foreign_keys,
        "journalMode": connection.execute("PRAGMA journal_mode").fetchone()[0],
    }))


if __name__ == "__main__":
    main()
