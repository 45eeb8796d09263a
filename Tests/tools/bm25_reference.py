#!/usr/bin/env python3
"""An independent BM25 reference for SluiceSearchTests: tokenizes and scores from scratch.

Reads JSON on stdin: {"documents": {id: text}, "queries": [text], "k1": 1.2, "b": 0.75}.
Writes JSON: {"tokens": {id: [token]}, "scores": [{id: score}]}, one score map per query
holding every document with a non-zero score.

Tokenizer: regular expressions rather than a character walk, so a shared bug is unlikely.
BM25: idf = ln(1 + (N - df + 0.5) / (df + 0.5)) (Lucene), distinct query terms counted once.
"""
import json
import math
import re
import sys
from collections import Counter

# Acronym before a capitalized word (HTTPServer -> HTTP, Server), a capitalized or lowercase
# word with trailing digits, an acronym with digits, or a bare digit run.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*[0-9]*")


def tokenize(text):
    tokens = []
    for word in WORD.findall(text):
        if word.isascii():
            tokens.extend(part.lower() for part in PART.findall(word))
        else:
            tokens.append(word.lower())
    return tokens


def main():
    request = json.load(sys.stdin)
    k1, b = request["k1"], request["b"]
    tokens = {doc_id: tokenize(text) for doc_id, text in request["documents"].items()}
    n = len(tokens)
    avgdl = sum(len(t) for t in tokens.values()) / n
    tf = {doc_id: Counter(t) for doc_id, t in tokens.items()}
    df = Counter(term for counts in tf.values() for term in counts)
    scores = []
    for query in request["queries"]:
        result = {}
        for doc_id, counts in tf.items():
            total = 0.0
            for term in set(tokenize(query)):
                f = counts.get(term, 0)
                if f == 0:
                    continue
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                total += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(tokens[doc_id]) / avgdl))
            if total > 0:
                result[doc_id] = total
        scores.append(result)
    json.dump({"tokens": tokens, "scores": scores}, sys.stdout)


if __name__ == "__main__":
    main()
