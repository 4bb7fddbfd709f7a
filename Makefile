# Two commands on a fresh machine: `make run` (sample job) and `make test` (the suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

.PHONY: setup run test lint clean bench

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(BIN)/fazhi refresh --input data/samples --warehouse warehouse/fazhi.duckdb
	$(BIN)/fazhi show --warehouse warehouse/fazhi.duckdb

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf warehouse target logs .pytest_cache

# Benchmark at scale (not a test): BENCH_SIZES="1000 10000 100000" make bench; see docs/benchmarks.md.
BENCH_SIZES ?= 1000 10000
bench: setup
	BENCH_SIZES="$(BENCH_SIZES)" $(BIN)/python -m bench
