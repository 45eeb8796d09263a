"""Describes a SQLite file's schema and contents, to tell what a run changed in it.

Usage: sqlite_snapshot.py FILE

Read with Python's own sqlite3, independently of Sluice. stdout is a JSON object:
{"objects": {name: sql} for every table, index, trigger and view in sqlite_master,
 "tables": {name: {"rows": count, "digest": sha256 of the sorted rows' repr}}}.
A missing file reads as no objects and no tables.
"""
import hashlib
import json
import os
import sqlite3
import sys


def main():
    path = sys.argv[1]
    snapshot = {"objects": {}, "tables": {}}
    if os.path.exists(path):
        connection = sqlite3.connect(path)
        for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"):
            snapshot["objects"][name] = f"{kind}: {sql}"
            if kind == "table":
                rows = connection.execute(f'SELECT * FROM "{name.replace(chr(34), chr(34) * 2)}"').fetchall()
                digest = hashlib.sha256("\n".join(sorted(repr(row) for row in rows)).encode("utf-8")).hexdigest()
                snapshot["tables"][name] = {"rows": len(rows), "digest": digest}
        connection.close()
    json.dump(snapshot, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
