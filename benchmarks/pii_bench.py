#!/usr/bin/env python3
"""Presidio's pattern recognizers on the labeled PII corpus, for `sluice bench pii`.

    pii_bench.py corpus   --seed N --out FILE     writes the corpus of Tests/tools/pii_corpus.py
    pii_bench.py presidio --corpus FILE [--repeat N]
                                                  prints Presidio's column-level quality and time as JSON

Runs itself inside .cache/bench-venv-pii (created on first use with the pinned
requirements below), so the comparison never depends on what else is installed.

Presidio runs with its no-op NLP engine: no spaCy model, so only pattern and
checksum recognizers (no NER, hence no PERSON). Every predefined pattern recognizer
is registered for English, including those Presidio ships for other countries
(ES NIF/NIE, IT fiscal code, PL PESEL, UK NINO, DE tax ids, ...), and the column's
name words are passed as context, so Presidio gets the same cues Sluice reads.

Column rule: a column is PII when at least half of its non-empty values contain an
entity of a personal-data type scored at least 0.4 (MIN_SCORE). Presidio's own
AnalyzerEngine default threshold is 0, which lets its "weak" patterns through
(US driver licence 0.01, US bank number 0.05, German postal code 0.05, ...): those
are meant to count only once context words raise them, and context (the column
name) raises a score to at least 0.4. Phone numbers score 0.4 and count. Technical
entity types that are not personal data (URL, UUID, CRYPTO, MAC_ADDRESS) do not
count; DATE_TIME counts, as Presidio classes it as PII.
"""
import argparse
import json
import logging
import os
import re
import subprocess
import sys
import time
import venv
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".cache" / "bench-venv-pii"
REQUIREMENTS = ["presidio-analyzer==2.2.366", "faker==40.54.0"]
NON_PERSONAL = {"URL", "UUID", "CRYPTO", "MAC_ADDRESS"}
MIN_SCORE = 0.4


def ensure_venv():
    """Re-executes this script inside the benchmark's own venv, creating it if needed."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    marker = VENV / ".requirements"
    wanted = "\n".join(REQUIREMENTS)
    if not python.exists() or not marker.exists() or marker.read_text() != wanted:
        print(f"pii_bench: creating {VENV} with {' '.join(REQUIREMENTS)}", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True,
                       stdout=sys.stderr)
        marker.write_text(wanted)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def make_corpus(seed, out):
    result = subprocess.run([sys.executable, str(ROOT / "Tests" / "tools" / "pii_corpus.py"), "--seed", str(seed)],
                            check=True, capture_output=True, text=True)
    Path(out).write_text(result.stdout)


def presidio_engine():
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers as predefined
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}]}).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(nlp_engine=nlp, languages=["en"])
    loaded = {type(r).__name__ for r in registry.recognizers}
    # Country recognizers Presidio registers for other languages (or not by default): add them for English.
    for name in ["EsNifRecognizer", "EsNieRecognizer", "ItFiscalCodeRecognizer", "PlPeselRecognizer", "UkNinoRecognizer",
                 "DeTaxIdRecognizer", "DeSocialSecurityRecognizer", "UkPostcodeRecognizer", "DePlzRecognizer"]:
        cls = getattr(predefined, name, None)
        if cls is None or name in loaded:
            continue
        recognizer = cls(supported_language="en")
        if isinstance(recognizer, EntityRecognizer):
            registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def column_words(name):
    return [w for w in re.split(r"[^a-z]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()) if w]


def classify(engine, item):
    values = [v for v in item["values"] if v.strip()]
    if not values:
        return False, "no values"
    context = column_words(item["column"])
    hits = 0
    entities = {}
    for value in values:
        found = [r for r in engine.analyze(text=value, language="en", context=context)
                 if r.entity_type not in NON_PERSONAL and r.score >= MIN_SCORE]
        if found:
            hits += 1
            best = max(found, key=lambda r: r.score)
            entities[best.entity_type] = entities.get(best.entity_type, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(entities.items(), key=lambda kv: -kv[1]))
    return hits * 2 >= len(values), f"{hits} of {len(values)} values with an entity ({summary or 'none'})"


def run_presidio(corpus_path, repeat):
    from importlib.metadata import version
    corpus = json.loads(Path(corpus_path).read_text())
    engine = presidio_engine()
    seconds = []
    verdicts = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        verdicts = [classify(engine, item) for item in corpus]
        seconds.append(time.perf_counter() - start)
    tp = fp = fn = tn = 0
    misclassified = []
    for item, (is_pii, reason) in zip(corpus, verdicts):
        where = f"{item['id']} {item['table']}.{item['column']} [{item['note']}]: {reason}"
        if item["label"] and is_pii:
            tp += 1
        elif not item["label"] and not is_pii:
            tn += 1
        elif is_pii:
            fp += 1
            misclassified.append("FP " + where)
        else:
            fn += 1
            misclassified.append("FN " + where)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ordered = sorted(seconds)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    print(json.dumps({
        "version": version("presidio-analyzer"),
        "quality": {"truePositives": tp, "falsePositives": fp, "falseNegatives": fn, "trueNegatives": tn,
                    "precision": precision, "recall": recall, "f1": f1, "misclassified": misclassified},
        "timing": {"seconds": seconds, "best": ordered[0], "median": median},
    }))


def main():
    ensure_venv()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus")
    corpus.add_argument("--seed", type=int, default=1)
    corpus.add_argument("--out", required=True)
    presidio = sub.add_parser("presidio")
    presidio.add_argument("--corpus", required=True)
    presidio.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.command == "corpus":
        make_corpus(args.seed, args.out)
    else:
        run_presidio(args.corpus, args.repeat)


if __name__ == "__main__":
    main()
