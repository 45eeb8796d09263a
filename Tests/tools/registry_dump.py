"""Reads the mart registry of a governance.sqlite file with Python's sqlite3, independently of
Sluice, and prints one JSON object: "registry" (rows of data_mart_registry with their JSON
columns parsed, by name and version), "sources" and "columns" (the lineage rows, by name,
version and position), and "canonical": whether every JSON column holds exactly the text
json.dumps writes with sorted keys and no spaces (what equal values must be stored as)."""
import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
db.row_factory = sqlite3.Row


def canonical(text):
    return text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rows(sql, json_columns):
    result, all_canonical = [], True
    for row in db.execute(sql):
        item = dict(row)
        for column in json_columns:
            all_canonical = all_canonical and canonical(item[column])
            item[column] = json.loads(item[column])
        result.append(item)
    return result, all_canonical


registry, registry_ok = rows("SELECT * FROM data_mart_registry ORDER BY name, version", ["grants", "masking"])
sources, sources_ok = rows("SELECT * FROM mart_lineage_sources ORDER BY name, version, position", ["columns"])
columns, columns_ok = rows("SELECT * FROM mart_lineage_columns ORDER BY name, version, position", ["source_columns"])
strict = {name: bool(flag) for name, flag in db.execute("SELECT name, strict FROM pragma_table_list WHERE schema = 'main'")}
print(json.dumps({"registry": registry, "sources": sources, "columns": columns,
                  "canonical": registry_ok and sources_ok and columns_ok, "strict": strict}, ensure_ascii=False))
