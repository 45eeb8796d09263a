"""Runs one KPI pattern's SQL template over a lake folder and prints its rows.

Usage: kpi_template_rows.py LAKE_DIR < template.sql

The lake is loaded into an in-memory SQLite exactly as kpi_templates_sqlite.py loads it
(every `<table>.parquet` read with pyarrow into a table of the same name, dates and
timestamps as ISO text, booleans as 0/1), so the result is computed by Python's sqlite3
over pyarrow's reading of the files, independently of Sluice's reader and compiler.

stdout: {"columns": [...], "rows": [[...], ...]} with the values as sqlite3 returns them.
"""
import importlib.util
import json
import os
import sqlite3
import sys


def load_lake_module():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("kpi_templates_sqlite", os.path.join(here, "kpi_templates_sqlite.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    lake_dir = sys.argv[1]
    template = sys.stdin.read()
    connection = sqlite3.connect(":memory:")
    load_lake_module().load_lake(connection, lake_dir)
    cursor = connection.execute(template)
    columns = [description[0] for description in cursor.description]
    json.dump({"columns": columns, "rows": [list(row) for row in cursor.fetchall()]}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
