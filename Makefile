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

# Containers often set PYTHONDONTWRITEBYTECODE; the tests turn Python's bytecode cache back on
# (under __pycache__, which git ignores), or every xdist worker rewrites the asserts of every test
# module again: 7 of the 11 s each worker spent collecting on a 2-core machine.
test test-fast: export PYTHONDONTWRITEBYTECODE =

# Tests run on every core (pytest-xdist): each worker has its own databases and ports. The
# tests that start processes or hold the coach to a deadline then run one at a time, with the
# machine to themselves: beside a CPU-bound worker on a 2-core machine their timing failed.
# They all live in tests/e2e (tests/conftest.py refuses them elsewhere), so only it is collected.
# --cov-append adds their coverage to the first run's when CI measures it (ignored otherwise).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy dialogs bot
	$(BIN)/python -m pytest -n auto -m "not slow and not deadline"
	$(BIN)/python -m pytest tests/e2e -m "slow or deadline" --cov-append

# The quick lane while working: everything but the tests that start processes.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy dialogs bot
	$(BIN)/python -m pytest -n auto -m "not slow"

# Every benchmark, each printing its targets beside the figures measured (long: reminders seeds
# 100,000 runners; PostgreSQL figures too when TEST_DATABASE_URL is set).
bench: $(STAMP)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/updates.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/production.py
	$(BIN)/python bench/answers.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/triage_accuracy.py

clean:
	rm -rf $(VENV)
