"""Describes one schema of a PostgreSQL database, to tell what a run changed in it: the
counterpart of sqlite_snapshot.py for the server backend.

Usage: pg_snapshot.py URL SCHEMA

Read with psycopg2, independently of Sluice. stdout is a JSON object:
{"objects": {name: "kind: definition"} for every table, index, view, trigger and function,
 "tables": {name: {"rows": count, "digest": sha256 of the sorted rows' text}}}.
Kinds are spelled as sqlite_snapshot.py spells them (table, index, trigger, view), so tests
read both the same way.
"""
import hashlib
import json
import sys

import psycopg2


def main():
    url, schema = sys.argv[1], sys.argv[2]
    snapshot = {"objects": {}, "tables": {}}
    connection = psycopg2.connect(url)
    cursor = connection.cursor()
    cursor.execute("""
        SELECT c.relname, c.relkind,
               CASE c.relkind WHEN 'i' THEN pg_get_indexdef(c.oid)
                              WHEN 'v' THEN pg_get_viewdef(c.oid)
                              ELSE (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND c.relkind IN ('r', 'i', 'v', 'p')
        ORDER BY c.relname""", (schema,))
    kinds = {"r": "table", "p": "table", "i": "index", "v": "view"}
    tables = []
    for name, kind, definition in cursor.fetchall():
        snapshot["objects"][name] = f"{kinds[kind]}: {definition}"
        if kinds[kind] == "table":
            tables.append(name)
    cursor.execute("""
        SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND NOT t.tgisinternal""", (schema,))
    for name, definition in cursor.fetchall():
        snapshot["objects"][name] = f"trigger: {definition}"
    cursor.execute("""
        SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', md5(p.prosrc)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s""", (schema,))
    for name, digest in cursor.fetchall():
        snapshot["objects"][name] = f"function: {digest}"
    for name in tables:
        quoted = '"' + schema.replace('"', '""') + '"."' + name.replace('"', '""') + '"'
        cursor.execute(f"SELECT CAST(t AS text) FROM {quoted} AS t")
        rows = [row for (row,) in cursor.fetchall()]
        digest = hashlib.sha256("\n".join(sorted(rows)).encode("utf-8")).hexdigest()
        snapshot["tables"][name] = {"rows": len(rows), "digest": digest}
    connection.close()
    json.dump(snapshot, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
