# Everyday entry points. `make test` is what CI runs (through .ci/run).
#
#   make build       debug build of the package and the `sluice` tool
#   make test-deps   the Python environment (pyarrow, pandas) the tests compare against
#   make test        every test: creates the Python environment if missing, starts the
#                    services the integration tests use (scripts/services.sh), stops them after
#   make services-up / services-down   the same services, by hand

VENV := $(CURDIR)/.cache/venv

.PHONY: build test test-deps services-up services-down

build:
	swift build

test-deps:
	scripts/python-env.sh $(VENV)

# Every test uses Swift Testing; --disable-xctest keeps XCTest's empty "Executed 0 tests" out of the log.
test: test-deps
	scripts/services.sh up
	eval "$$(scripts/services.sh env)"; \
	SLUICE_PYTHON=$(VENV)/bin/python3 swift test --disable-xctest; status=$$?; \
	scripts/services.sh down; exit $$status

services-up:
	scripts/services.sh up

services-down:
	scripts/services.sh down
