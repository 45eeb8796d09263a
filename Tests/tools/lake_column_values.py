"""The raw values of named columns of the demo lake, read from its Parquet files with pyarrow,
independently of Sluice: for PII columns, what a masked mart must never show and a
privileged reader's mart does show (the CLI tests name the columns).

  lake_column_values.py LAKE_FOLDER TABLE.COLUMN [TABLE.COLUMN ...]
      prints a JSON object: "table.column" -> the distinct non-null values as text
      (dates as YYYY-MM-DD), for the tables stored as <table>.parquet in the folder
"""
import json
import os
import sys

import pyarrow.parquet as pq

lake, names = sys.argv[1], sys.argv[2:]
result = {}
for name in names:
    table, column = name.split(".", 1)
    values = pq.read_table(os.path.join(lake, f"{table}.parquet"), columns=[column]).column(column).to_pylist()
    result[name] = sorted({value.isoformat() if hasattr(value, "isoformat") else str(value) for value in values if value is not None})
print(json.dumps(result, ensure_ascii=False))
