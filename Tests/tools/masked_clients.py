"""The client contacts a bi_analyst may see, computed from the demo lake's clients.parquet with
pyarrow and the masking rules of shared/spec/governance.md written out here, independently of
Sluice: clients outside the retail segment, by client_id, with the legal name and email
masked and the client_id pseudonymised with the keyed hash.

  masked_clients.py CLIENTS_PARQUET KEY
      prints a JSON array of [client_id, legal_name, email, client_key, is_pep, date_of_birth]
      (is_pep as 0/1, date_of_birth as YYYY-MM-DD or null)
"""
import hashlib
import hmac
import json
import sys

import pyarrow.parquet as pq


def mask_name(text):
    """The first character of each space-separated word stays; every other character becomes *."""
    return " ".join(word[:1] + "*" * max(0, len(word) - 1) for word in text.split(" "))


def mask_email(text):
    """The first character of the local part and the whole domain stay; the rest of the local
    part becomes one * fewer than it has characters (the width of the spec's example)."""
    at = text.rfind("@")
    if at < 0:
        return text[:1] + "*" * max(0, len(text) - 1)
    local = text[:at]
    return local[:1] + "*" * max(0, len(local) - 2) + text[at:]


def pseudonym(value, key):
    return hmac.new(key.encode(), str(value).encode(), hashlib.sha256).hexdigest()[:16]


path, key = sys.argv[1], sys.argv[2]
rows = pq.read_table(path, columns=["client_id", "legal_name", "email", "is_pep", "date_of_birth", "segment"]).to_pylist()
result = [[r["client_id"], None if r["legal_name"] is None else mask_name(r["legal_name"]),
           None if r["email"] is None else mask_email(r["email"]), pseudonym(r["client_id"], key),
           None if r["is_pep"] is None else int(r["is_pep"]),
           None if r["date_of_birth"] is None else r["date_of_birth"].isoformat()]
          for r in sorted(rows, key=lambda r: r["client_id"]) if r["segment"] != "retail"]
print(json.dumps(result, ensure_ascii=False))
