# Two commands on a fresh machine: `make run` (sample job) and `make test` (the suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

.PHONY: setup run test lint clean bench browser

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(BIN)/fazhi refresh --input data/samples --warehouse warehouse/fazhi.duckdb
	$(BIN)/fazhi show --warehouse warehouse/fazhi.duckdb

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/pytest

# Headless Chromium (Debian's package) and a Chinese font for the report test, tests/test_report.py.
# Never fails the build: without root or apt-get it says so, and that test is skipped with the reason.
BROWSER_PACKAGES := chromium fonts-wqy-microhei
browser:
	@if command -v chromium >/dev/null 2>&1 && [ -n "$$(fc-list :lang=zh 2>/dev/null)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(BROWSER_PACKAGES) >/dev/null) || echo "make browser: could not install $(BROWSER_PACKAGES); the browser test will be skipped"; \
	else echo "make browser: chromium is missing and apt-get/root is not available; the browser test will be skipped"; fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf warehouse target logs .pytest_cache

# Benchmark at scale (not a test): BENCH_SIZES="1000 10000 100000" make bench; see docs/benchmarks.md.
BENCH_SIZES ?= 1000 10000
bench: setup
	BENCH_SIZES="$(BENCH_SIZES)" $(BIN)/python -m bench
