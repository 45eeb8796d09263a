"""Prints what trec_eval (through pytrec_eval) says about runs, for the IR metric tests.

usage: trec_eval_reference.py < {"qrels": {qid: {doc: grade}}, "run": {qid: {doc: score}}}

Prints one JSON object:
  per_query: {qid: {P_5, P_10, recall_5, recall_10, ndcg_cut_5, ndcg_cut_10,
                    recip_rank, map, num_rel}} for every qid in both qrels and run,
  means:     {measure: mean} over the queries with at least one relevant document
             (num_rel > 0, counted from the qrels), averaged by
             pytrec_eval.compute_aggregated_measure.
pytrec_eval wraps trec_eval's own C code, so it is the independent implementation
the Swift metrics are checked against; the relevance level is trec_eval's default, 1.
"""
import json
import sys

import pytrec_eval

MEASURES = ["P_5", "P_10", "recall_5", "recall_10", "ndcg_cut_5", "ndcg_cut_10", "recip_rank", "map"]


def main():
    request = json.load(sys.stdin)
    qrels = {qid: {doc: int(grade) for doc, grade in docs.items()} for qid, docs in request["qrels"].items()}
    run = {qid: {doc: float(score) for doc, score in docs.items()} for qid, docs in request["run"].items()}
    evaluator = pytrec_eval.RelevanceEvaluator(qrels, {"P.5,10", "recall.5,10", "ndcg_cut.5,10", "recip_rank", "map", "num_rel"})
    per_query = evaluator.evaluate(run)
    for qid, values in per_query.items():
        missing = [m for m in MEASURES + ["num_rel"] if m not in values]
        if missing:
            sys.exit(f"pytrec_eval did not report {missing} for query {qid}")
    # num_rel is taken from the qrels, not from pytrec_eval: for a query whose run is empty,
    # pytrec_eval 0.5.11 reports num_rel 0 in some processes and the true count in others
    # (seen on the same input), while every other measure is 0 either way.
    for qid, values in per_query.items():
        values["num_rel"] = sum(1 for grade in qrels.get(qid, {}).values() if grade >= 1)
    answerable = [values for values in per_query.values() if values["num_rel"] > 0]
    means = {
        measure: pytrec_eval.compute_aggregated_measure(measure, [values[measure] for values in answerable])
        for measure in MEASURES
    } if answerable else {}
    json.dump({"per_query": per_query, "means": means}, sys.stdout)


if __name__ == "__main__":
    main()
