# One command to run the coach, one to run the tests; both set up .venv by themselves.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/glute-coach start

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy dialogs
	$(BIN)/python -m pytest

# The quick lane while working: everything but the tests that start processes.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy dialogs
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/updates.py

clean:
	rm -rf $(VENV)
