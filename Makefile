# Shuniu: two commands for a newcomer (`make run`, `make test`); the rest is for developers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
WORKERS ?= 1
# the warehouse `make refresh` builds and `make serve` shows: env SHUNIU_WAREHOUSE, else the default
WAREHOUSE := $(or $(SHUNIU_WAREHOUSE),data/warehouse/hub.duckdb)
STAMP := $(VENV)/.installed

.PHONY: run test setup refresh sample serve lint types check bench bench-serve bench-diff bench-changes clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Shuniu needs Python 3.11 ($(PYTHON)) on PATH."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv/ with the locked dependencies

refresh: setup  ## rebuild the warehouse (SHUNIU_WAREHOUSE, default data/warehouse/hub.duckdb) from data/raw/
	$(PY) -m pipeline refresh --warehouse "$(WAREHOUSE)"

serve: setup  ## start the dashboard on http://127.0.0.1:$(PORT); WORKERS=4: four processes behind Caddy
ifeq ($(WORKERS),1)
	SHUNIU_WAREHOUSE="$(WAREHOUSE)" $(PY) -m streamlit run dashboard/server.py --server.headless true \
	  --server.address 127.0.0.1 --server.port $(PORT) --browser.gatherUsageStats false
else
	SHUNIU_WAREHOUSE="$(WAREHOUSE)" $(PY) -m deploy.serve --workers $(WORKERS) --port $(PORT)
endif

run: refresh serve  ## set up, refresh the warehouse from the bundled sample, start the dashboard

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types: setup
	$(PY) -m mypy

test: setup  ## set up and run every test (lint, types, unit, sql, app, end-to-end)
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

sample: setup  ## regenerate the bundled sample in data/raw/
	$(PY) -m pipeline sample --out data/raw

bench: setup  ## national-scale benchmark; figures kept as comparable only on a quiet machine (docs/scale.md)
	$(PY) -m benchmarks.run $(ARGS)

bench-serve: setup  ## serving benchmark: 1-40 concurrent viewers against a real server (docs/scale.md)
	$(PY) -m benchmarks.serve $(ARGS)

bench-diff: setup  ## the release diff at national scale (see docs/releases.md)
	$(PY) -m benchmarks.diff

bench-changes: setup  ## the 变化 page's queries between two national releases (see docs/dashboard.md)
	$(PY) -m benchmarks.changes

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
