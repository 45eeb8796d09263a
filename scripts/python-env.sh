#!/usr/bin/env bash
# Creates (or reuses) the Python environment the tests cross-check against:
# pyarrow is the independent Parquet implementation our reader is compared with;
# Faker generates the labeled columns the PII detector is measured on;
# pytrec-eval-terrier (trec_eval's C code) is the oracle the IR metrics are checked against;
# jsonschema validates mart specs against the published schema independently of our decoder;
# psycopg2 is the reference PostgreSQL client (the staging benchmark's peer, and the tests'
# independent reads of the server backend).
#
#   scripts/python-env.sh [VENV_DIR]     default: .cache/venv in the repository
#
# Idempotent: an existing environment that already imports pyarrow, pandas, faker, pytrec_eval, jsonschema and psycopg2 is
# left alone, so `make test` pays for the install only once per machine.
set -euo pipefail

cd "$(dirname "$0")/.."
venv="${1:-.cache/venv}"
python="$venv/bin/python3"
# Pinned so that the reference does not drift between machines.
requirements=(pyarrow==26.0.1 pandas==3.1.1 faker==40.54.0 pytrec-eval-terrier==0.5.11 jsonschema==4.23.0 psycopg2-binary==2.9.10)

if [ -x "$python" ] && "$python" -c 'import pyarrow, pandas, faker, pytrec_eval, jsonschema, psycopg2' 2>/dev/null; then
    echo "python-env: $venv ready (pyarrow $("$python" -c 'import pyarrow; print(pyarrow.__version__)'))"
    exit 0
fi

if [ ! -x "$python" ]; then
    echo "python-env: creating virtual environment $venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
fi
echo "python-env: installing ${requirements[*]} into $venv"
"$python" -m pip install --quiet "${requirements[@]}"
echo "python-env: $venv ready (pyarrow $("$python" -c 'import pyarrow; print(pyarrow.__version__)'))"
