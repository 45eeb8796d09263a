"""Recomputes the provisioning audit hash chain from a governance.sqlite file, or from
governance.provisioning_audit of a PostgreSQL database given as a postgres:// URL (read with
psycopg2), independently of Sluice: sha256(previous_hash + "\\n" + sequence + "\\n" + record),
previous_hash of the first entry 64 zeros. Prints a JSON object: entries, the first broken
sequence (or null), and the records' requesters, read back from the JSON."""
import hashlib
import json
import sqlite3
import sys

source = sys.argv[1]
query = "SELECT sequence, record, previous_hash, entry_hash FROM {} ORDER BY sequence"
if source.startswith(("postgres://", "postgresql://")):
    import psycopg2
    connection = psycopg2.connect(source)
    cursor = connection.cursor()
    cursor.execute(query.format("governance.provisioning_audit"))
    rows = cursor.fetchall()
    connection.close()
else:
    db = sqlite3.connect(source)
    rows = db.execute(query.format("provisioning_audit")).fetchall()
previous = "0" * 64
broken = None
for index, (sequence, record, previous_hash, entry_hash) in enumerate(rows, start=1):
    digest = hashlib.sha256(f"{previous}\n{sequence}\n{record}".encode("utf-8")).hexdigest()
    if sequence != index or previous_hash != previous or digest != entry_hash:
        broken = sequence
        break
    previous = entry_hash
def requester(record):
    try:
        return json.loads(record).get("requester")
    except (ValueError, AttributeError):
        return None


requesters = [requester(record) for (_, record, _, _) in rows]
print(json.dumps({"entries": len(rows), "broken": broken, "requesters": requesters}))
