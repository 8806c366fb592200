# GooseTier — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint system-deps bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools wheel

$(VENV)/.run-stamp: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.test-stamp: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test,postgres,package]'
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

include packaging/package.mk

## Refresh the Chinese .ts from the sources (translate new entries, commit the .ts), build the .qm
translations: $(VENV)/.run-stamp
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none -source-language en -target-language zh_CN \
	    $$(find goosetier/gui -name '*.py' -not -path 'goosetier/gui/printing*' | sort) \
	    -ts resources/i18n/goosetier_zh_CN.ts
	$(VENV)/bin/pyside6-lrelease -silent resources/i18n/goosetier_zh_CN.ts -qm resources/i18n/goosetier_zh_CN.qm

## Offscreen screenshots of the window, import preview and dashboard (README picture in docs/)
screenshots: $(VENV)/.run-stamp system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m goosetier.gui.screenshots build/screenshots
	mkdir -p docs && cp build/screenshots/main-window.png docs/main-window.png

.PHONY: translations screenshots
