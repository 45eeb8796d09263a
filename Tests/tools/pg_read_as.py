"""Runs one query on PostgreSQL with psycopg2, as whoever the URL names, and prints JSON:
{"columns": [...], "rows": [[...], ...]} or {"sqlstate": "42501", "message": "..."}.

Independent of Sluice's own client (postgres-nio): the tests use it to read marts the way a
BI tool would, with the role's own credentials.

    pg_read_as.py URL SQL
"""
import json
import sys

import psycopg2

url, sql = sys.argv[1], sys.argv[2]
try:
    connection = psycopg2.connect(url)
except psycopg2.OperationalError as error:
    print(json.dumps({"sqlstate": "connect", "message": str(error).strip()}))
    sys.exit(0)
try:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        columns = [column.name for column in cursor.description]
        rows = [[value if value is None or isinstance(value, (int, float, str, bool)) else str(value) for value in row]
                for row in cursor.fetchall()]
        print(json.dumps({"columns": columns, "rows": rows}))
except psycopg2.Error as error:
    print(json.dumps({"sqlstate": error.pgcode, "message": (error.pgerror or str(error)).strip()}))
finally:
    connection.close()
