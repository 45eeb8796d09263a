"""Recomputes the provisioning audit hash chain from a governance.sqlite file, independently
of Sluice: sha256(previous_hash + "\\n" + sequence + "\\n" + record), previous_hash of the first
entry 64 zeros. Prints a JSON object: entries, the first broken sequence (or null), and the
records' requesters, read back with json_extract."""
import hashlib
import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
previous = "0" * 64
broken = None
rows = db.execute("SELECT sequence, record, previous_hash, entry_hash FROM provisioning_audit ORDER BY sequence").fetchall()
for index, (sequence, record, previous_hash, entry_hash) in enumerate(rows, start=1):
    digest = hashlib.sha256(f"{previous}\n{sequence}\n{record}".encode("utf-8")).hexdigest()
    if sequence != index or previous_hash != previous or digest != entry_hash:
        broken = sequence
        break
    previous = entry_hash
requesters = [r for (r,) in db.execute("SELECT json_extract(record, '$.requester') FROM provisioning_audit ORDER BY sequence")]
print(json.dumps({"entries": len(rows), "broken": broken, "requesters": requesters}))
