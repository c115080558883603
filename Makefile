# Two entry points that work on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)  ## score every sample call (reports + paths), then a team batch (prints the team summary)
	$(BIN)/callreview score sample_calls --out out/reports --format html --format md --format json
	$(BIN)/callreview batch sample_calls --db out/demo.db --out out/batch

test: $(STAMP)  ## run the test suite
	$(BIN)/pytest -q

eval: $(STAMP)  ## agreement with the labelled development set
	$(BIN)/callreview eval ../shared/calls/labelled

bench: $(STAMP)  ## analysis cost vs the bare spaCy parse; a 1,000-call batch week
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) out
