"""Runs each KPI pattern's SQL template and its mart template side by side in SQLite.

Usage: kpi_mart_templates_sqlite.py LAKE_DIR < patterns.json

stdin: a JSON list of {"id": ..., "template": SQL, "mart": mart spec JSON text}. The lake is
loaded by kpi_templates_sqlite.py's loader (every `<table>.parquet` into a SQLite table of
the same name). The mart spec is turned into SQL here, by a translator written from the
spec format's documentation alone and independent of Sluice's compiler: sources and
inner/left joins, plain-column and coalesce expressions, count / count_distinct / sum / avg
/ min / max with an optional row filter (`CASE WHEN filter THEN argument END`), safe_ratio
(`scale * numerator / NULLIF(denominator, 0)`), conditions (comparisons, in, between,
is_null, is_not_null, like, is_latest as `= (SELECT MAX(column) FROM table)`, and, or, not),
GROUP BY the dimensions when there are measures, ORDER BY output names or source columns,
LIMIT. Anything else stops the tool, naming it.

stdout: {"results": [{"id", "sql_columns", "mart_columns", "sql_row_count",
"mart_row_count", "mismatches", "mart_sql"}]}. A mismatch is a column both have whose values
differ in some row, as {"column", "row", "sql", "mart"} (rows compared in order; numbers
equal within a relative 1e-9, since sums may add in another order). At most 20 are listed.
"""
import json
import math
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kpi_templates_sqlite import load_lake  # noqa: E402


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


class Translator:
    def __init__(self, spec):
        self.spec = spec
        self.parameters = []
        self.tables = {source.get("alias", source["table"]): source["table"] for source in spec["sources"]}

    def column(self, reference):
        source, name = reference.split(".", 1)
        return f"{quoted(source)}.{quoted(name)}"

    def bind(self, value):
        self.parameters.append(value)
        return "?"

    def expression(self, node):
        if "column" in node:
            return self.column(node["column"])
        if "value" in node:
            return self.bind(node["value"])
        if node.get("transform") == "coalesce":
            return "COALESCE(" + ", ".join(self.expression(arg) for arg in node["args"]) + ")"
        raise SystemExit(f"translator: unsupported expression {json.dumps(node)}")

    def subject(self, node):
        return self.expression(node["expression"]) if "expression" in node else self.column(node["column"])

    def condition(self, node):
        if "and" in node:
            return "(" + " AND ".join(self.condition(part) for part in node["and"]) + ")"
        if "or" in node:
            return "(" + " OR ".join(self.condition(part) for part in node["or"]) + ")"
        if "not" in node:
            return "(NOT " + self.condition(node["not"]) + ")"
        op = node["op"]
        if op == "is_latest":
            source, name = node["column"].split(".", 1)
            return f"{self.column(node['column'])} = (SELECT MAX({quoted(name)}) FROM {quoted(self.tables[source])})"
        subject = self.subject(node)
        if op in ("=", "<>", "<", "<=", ">", ">="):
            return f"{subject} {op} {self.bind(node['value'])}"
        if op == "in":
            return f"{subject} IN (" + ", ".join(self.bind(value) for value in node["values"]) + ")"
        if op == "between":
            low, high = node["values"]
            return f"{subject} BETWEEN {self.bind(low)} AND {self.bind(high)}"
        if op == "is_null":
            return f"{subject} IS NULL"
        if op == "is_not_null":
            return f"{subject} IS NOT NULL"
        if op == "like":
            return f"{subject} LIKE {self.bind(node['value'])}"
        raise SystemExit(f"translator: unsupported operator {op}")

    def aggregate(self, node):
        function = node["function"]
        if function == "safe_ratio":
            scale = self.bind(float(node.get("scale", 1)))
            return f"({scale} * {self.aggregate(node['numerator'])}) / NULLIF({self.aggregate(node['denominator'])}, 0)"
        if "column" in node or "expression" in node:
            argument = self.subject(node)
        elif function == "count":
            argument = None
        else:
            raise SystemExit(f"translator: {function} without an argument")
        if "filter" in node:
            argument = f"CASE WHEN {self.condition(node['filter'])} THEN {argument or 1} END"
        if argument is None:
            return "COUNT(*)"
        if function == "count_distinct":
            return f"COUNT(DISTINCT {argument})"
        if function in ("count", "sum", "avg", "min", "max"):
            return f"{function.upper()}({argument})"
        raise SystemExit(f"translator: unsupported function {function}")

    def sql(self):
        spec = self.spec
        outputs, groups = [], []
        for dimension in spec.get("dimensions", []):
            expression = self.expression(dimension)
            name = dimension.get("as") or dimension["column"].split(".", 1)[1]
            outputs.append(f"{expression} AS {quoted(name)}")
            groups.append(expression)
        for measure in spec.get("measures", []):
            outputs.append(f"{self.aggregate(measure)} AS {quoted(measure['name'])}")
        root = spec["sources"][0]
        text = "SELECT " + ", ".join(outputs)
        text += f" FROM {quoted(root['table'])} AS {quoted(root.get('alias', root['table']))}"
        by_reference = {source.get("alias", source["table"]): source for source in spec["sources"]}
        for join in spec.get("joins", []):
            source = by_reference[join["source"]]
            kind = "LEFT JOIN" if join.get("type") == "left" else "JOIN"
            on = " AND ".join(f"{self.column(pair['left'])} = {self.column(pair['right'])}" for pair in join["on"])
            text += f" {kind} {quoted(source['table'])} AS {quoted(join['source'])} ON {on}"
        if "filter" in spec:
            text += " WHERE " + self.condition(spec["filter"])
        if spec.get("measures"):
            text += " GROUP BY " + ", ".join(groups)
        keys = []
        for key in spec.get("order", []):
            target = quoted(key["by"]) if "by" in key else self.column(key["column"])
            keys.append(target + (" DESC" if key.get("direction") == "desc" else ""))
        if keys:
            text += " ORDER BY " + ", ".join(keys)
        if "limit" in spec:
            text += f" LIMIT {int(spec['limit'])}"
        return text


def same(left, right):
    if isinstance(left, (int, float)) and isinstance(right, (int, float)) and not isinstance(left, bool):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    return left == right


def run(connection, sql, parameters=()):
    cursor = connection.execute(sql, parameters)
    return [column[0] for column in cursor.description], cursor.fetchall()


def main():
    lake_dir = sys.argv[1]
    patterns = json.load(sys.stdin)
    connection = sqlite3.connect(":memory:")
    load_lake(connection, lake_dir)
    results = []
    for pattern in patterns:
        sql_columns, sql_rows = run(connection, pattern["template"])
        translator = Translator(json.loads(pattern["mart"]))
        mart_sql = translator.sql()
        mart_columns, mart_rows = run(connection, mart_sql, translator.parameters)
        mismatches = []
        shared = [name for name in sql_columns if name in mart_columns]
        for index, (sql_row, mart_row) in enumerate(zip(sql_rows, mart_rows)):
            for name in shared:
                expected, got = sql_row[sql_columns.index(name)], mart_row[mart_columns.index(name)]
                if not same(expected, got) and len(mismatches) < 20:
                    mismatches.append({"column": name, "row": index, "sql": expected, "mart": got})
        results.append({
            "id": pattern["id"],
            "sql_columns": sql_columns,
            "mart_columns": mart_columns,
            "sql_row_count": len(sql_rows),
            "mart_row_count": len(mart_rows),
            "mismatches": mismatches,
            "mart_sql": mart_sql,
        })
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
