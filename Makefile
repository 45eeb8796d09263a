# Everyday entry points. `make test` is what CI runs (through .ci/run).
#
#   make build       debug build of the package and the `sluice` tool
#   make test-deps   the Python environment (pyarrow, pandas) the tests compare against
#   make test        every test; creates the Python environment first if it is missing

VENV := $(CURDIR)/.cache/venv

.PHONY: build test test-deps

build:
	swift build

test-deps:
	scripts/python-env.sh $(VENV)

test: test-deps
	SLUICE_PYTHON=$(VENV)/bin/python3 swift test
