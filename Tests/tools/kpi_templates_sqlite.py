"""Runs KPI pattern templates against a lake folder in an in-memory SQLite.

Usage: kpi_templates_sqlite.py LAKE_DIR < patterns.json

stdin: a JSON list of {"id": ..., "template": ...}. Every `<table>.parquet` in LAKE_DIR is
loaded with pyarrow into a SQLite table of the same name (dates and timestamps as ISO
text, booleans as 0/1), then each template is executed. SQLite's authorizer reports
every table a statement reads, independently of how the SQL is written.

stdout: {"sqlite_version": ..., "tables": {name: rows}, "results": [{"id", "error",
"row_count", "columns", "tables_read"}]}.
"""
import datetime
import decimal
import json
import os
import sqlite3
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def sqlite_type(arrow_type):
    if pa.types.is_integer(arrow_type) or pa.types.is_boolean(arrow_type):
        return "INTEGER"
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return "REAL"
    return "TEXT"


def sqlite_value(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def load_lake(connection, lake_dir):
    counts = {}
    for file_name in sorted(os.listdir(lake_dir)):
        if not file_name.endswith(".parquet"):
            continue
        name = file_name[: -len(".parquet")]
        table = pq.read_table(os.path.join(lake_dir, file_name))
        columns = ", ".join(f'"{field.name}" {sqlite_type(field.type)}' for field in table.schema)
        connection.execute(f'CREATE TABLE "{name}" ({columns})')
        rows = zip(*[[sqlite_value(v) for v in column.to_pylist()] for column in table.columns])
        marks = ", ".join("?" for _ in table.schema)
        connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        counts[name] = table.num_rows
    return counts


def run_template(connection, lake_tables, pattern):
    tables_read = set()

    def authorizer(action, first, second, database, trigger):
        if action == sqlite3.SQLITE_READ and first in lake_tables:
            tables_read.add(first)
        return sqlite3.SQLITE_OK

    connection.set_authorizer(authorizer)
    result = {"id": pattern["id"], "error": None, "row_count": 0, "columns": [], "tables_read": []}
    try:
        cursor = connection.execute(pattern["template"])
        result["columns"] = [description[0] for description in cursor.description or []]
        result["row_count"] = len(cursor.fetchall())
    except sqlite3.Error as error:
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        connection.set_authorizer(None)
    result["tables_read"] = sorted(tables_read)
    return result


def main():
    lake_dir = sys.argv[1]
    patterns = json.load(sys.stdin)
    connection = sqlite3.connect(":memory:")
    counts = load_lake(connection, lake_dir)
    results = [run_template(connection, set(counts), pattern) for pattern in patterns]
    json.dump({"sqlite_version": sqlite3.sqlite_version, "tables": counts, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
