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
