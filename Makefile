# foedus: two entry points on a fresh machine (see README):
#   make demo   installs everything, ingests the bundled demo corpus, prints a summary
#               and the commitment ledger, then serves the dashboard (NO_SERVE=1 to skip)
#   make test   installs everything (browser included) and runs the whole test suite

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DEMO_DB ?= demo.duckdb
PORT   ?= 8000
STAMP   = $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/foedus ingest examples/demo --db $(DEMO_DB)
	$(BIN)/foedus summary --db $(DEMO_DB)
	$(BIN)/foedus ledger --db $(DEMO_DB)
	@if [ -z "$(NO_SERVE)" ]; then $(BIN)/foedus serve --db $(DEMO_DB) --port $(PORT); fi

test: $(STAMP)
	bash scripts/install-browser.sh
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/coder.py
	$(BIN)/python bench/web_latency.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache
