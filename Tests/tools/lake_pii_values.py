"""Every value of the demo lake's PII columns, read with pyarrow, for leak checks.

Usage: lake_pii_values.py LAKE_DIR SPEC_MD

The PII columns are taken from the spec (SPEC_MD, `demo-lake.md`): in its tables section,
every `name type **PII**` entry of a table's column list. Each column is read from
`LAKE_DIR/<table>.parquet` (or the `part-*.parquet` files of `LAKE_DIR/<table>/`).

stdout: {"columns": ["clients.legal_name", ...], "values": [...]}: the distinct non-null
values of all those columns as text (dates as YYYY-MM-DD), sorted.
"""
import glob
import json
import os
import re
import sys

import pyarrow.parquet as pq


def pii_columns(spec_text):
    columns = []
    for line in spec_text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 4 or "**PII**" not in cells[3]:
            continue
        table = cells[0]
        for entry in re.split(r",\s*(?![^()]*\))", cells[3]):
            if "**PII**" in entry:
                columns.append((table, entry.split()[0]))
    return columns


def read_column(lake, table, column):
    single = os.path.join(lake, f"{table}.parquet")
    files = [single] if os.path.exists(single) else sorted(glob.glob(os.path.join(lake, table, "**", "*.parquet"), recursive=True))
    if not files:
        raise SystemExit(f"no Parquet file for table {table} under {lake}")
    values = []
    for path in files:
        values += pq.read_table(path, columns=[column]).column(column).to_pylist()
    return values


def main():
    lake, spec = sys.argv[1], sys.argv[2]
    with open(spec, encoding="utf-8") as file:
        columns = pii_columns(file.read())
    if not columns:
        raise SystemExit(f"{spec} marks no column **PII**")
    values = set()
    for table, column in columns:
        for value in read_column(lake, table, column):
            if value is not None:
                values.add(value.isoformat() if hasattr(value, "isoformat") else str(value))
    print(json.dumps({"columns": [f"{t}.{c}" for t, c in columns], "values": sorted(values)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
