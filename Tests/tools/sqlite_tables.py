"""The tables in SQLite files, read with Python's sqlite3 (not through Sluice): what a request
left behind in the warehouse's staging and mart files.

  sqlite_tables.py FILE [FILE ...]
      prints a JSON object: file name -> its table names, sorted (a missing file lists none)
"""
import json
import os
import sqlite3
import sys

result = {}
for path in sys.argv[1:]:
    if not os.path.exists(path):
        result[os.path.basename(path)] = []
        continue
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    result[os.path.basename(path)] = sorted(name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    db.close()
print(json.dumps(result))
