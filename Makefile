# The two commands of the README: `make run` (set up, ingest the examples, serve) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= data/store
SHARED ?= ../shared
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run setup ingest-examples test quality clean

run: setup ingest-examples
	$(BIN)/unionkg serve --store $(STORE) --host $(HOST) --port $(PORT)

setup: $(VENV)/.installed
	cd webui && npm ci --no-audit --no-fund --loglevel=error

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

ingest-examples: setup
	$(BIN)/unionkg ingest --store $(STORE) examples/corpus

test: setup
	$(BIN)/python -m pytest

# The extraction quality floor on the seed articles (skipped where ../shared is absent).
quality: setup
	$(BIN)/python quality/check_floor.py --shared $(SHARED)

clean:
	rm -rf $(VENV) data build *.egg-info

# Scale benchmarks (benchmarks/README.md): the full run writes benchmarks/results/latest.md.
.PHONY: bench bench-quick
bench: setup
	$(BIN)/python benchmarks/run.py

bench-quick: setup
	$(BIN)/python benchmarks/run.py --quick

# Slow tests (load, crash, fuzz; marked `slow`, left out of `make test`). The short form is what
# CI runs: the same tests, with shorter durations and smaller corpora set by environment variables.
.PHONY: test-slow test-slow-short
test-slow: setup
	$(BIN)/python -m pytest -m slow

test-slow-short: setup
	UNIONKG_LOAD_SECONDS=10 UNIONKG_CRASH_ARTICLES=80 UNIONKG_FUZZ_EXAMPLES=60 $(BIN)/python -m pytest -m slow

# Only the OpenLink Virtuoso tests (tests/virtuoso): they start Debian's virtuoso-t on loopback
# (apt install virtuoso-opensource-7-bin) and skip, with the reason, where it is not installed.
.PHONY: test-virtuoso
test-virtuoso: setup
	$(BIN)/python -m pytest tests/virtuoso -rsxX
