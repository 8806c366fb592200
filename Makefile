# GooseTier — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint system-deps bench screenshots package clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools wheel

$(VENV)/.run-stamp: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.test-stamp: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test,postgres]'
	touch $(VENV)/.run-stamp $@

## Start the program on the default local registry.
run: $(VENV)/.run-stamp
	QT_QPA_PLATFORM= $(VENV)/bin/goosetier

## Install what the tests need (Python and Debian packages), then lint, layering and the suite.
test: $(VENV)/.test-stamp system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

lint: $(VENV)/.test-stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## Debian packages the suite needs (Qt's libraries, a CJK font, poppler, PostgreSQL).
system-deps:
	@bash .ci/system-deps.sh

bench: $(VENV)/.test-stamp
	$(PY) -m bench.run

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache
