"""Stages lake tables into a SQLite file the way a compiled mart expects its staging tables.

Usage: stage_mart_sources.py LAKE_DIR OUT_DB < staging.json

stdin: a JSON list of {"staged": NAME, "table": TABLE, "columns": [{"name": ..., "type": ...}]},
the compiled mart's staging tables with their storage types (integer, real, text, boolean,
date, timestamp, blob). Each `<table>.parquet` (or `<table>/` folder of parts) in LAKE_DIR is
read with pyarrow, only the listed columns, into table NAME of OUT_DB: dates as YYYY-MM-DD,
timestamps as YYYY-MM-DD HH:MM:SS.ffffff in UTC, booleans as 0/1.

stdout: {NAME: rows staged}.
"""
import datetime
import decimal
import json
import os
import sqlite3
import sys

import pyarrow.dataset as ds

SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "real": "REAL", "blob": "BLOB"}


def stored(value, kind):
    if value is None:
        return None
    if kind == "timestamp":
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if kind == "date":
        return value.isoformat()
    if kind == "boolean":
        return int(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def main():
    lake_dir, out_db = sys.argv[1], sys.argv[2]
    tables = json.load(sys.stdin)
    connection = sqlite3.connect(out_db)
    counts = {}
    for table in tables:
        path = os.path.join(lake_dir, table["table"] + ".parquet")
        if not os.path.exists(path):
            path = os.path.join(lake_dir, table["table"])
        names = [column["name"] for column in table["columns"]]
        kinds = [column["type"] for column in table["columns"]]
        data = ds.dataset(path, format="parquet").to_table(columns=names)
        definitions = ", ".join(f'"{name}" {SQL_TYPES.get(kind, "TEXT")}' for name, kind in zip(names, kinds))
        connection.execute(f'CREATE TABLE "{table["staged"]}" ({definitions})')
        columns = [[stored(value, kind) for value in data.column(name).to_pylist()] for name, kind in zip(names, kinds)]
        marks = ", ".join("?" for _ in names)
        connection.executemany(f'INSERT INTO "{table["staged"]}" VALUES ({marks})', zip(*columns))
        counts[table["staged"]] = data.num_rows
    connection.commit()
    connection.close()
    json.dump(counts, sys.stdout)


if __name__ == "__main__":
    main()
