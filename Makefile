# Two commands on a fresh machine: `make run` starts the app, `make test` runs the checks.
# Both create .venv and install what they need on first use.
# `make run` installs only what the app needs; the test extras (pytest, keyrings.alt, ...)
# come with the first `make test`, into the same venv, in either order.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APP_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench translations clean

$(APP_STAMP): pyproject.toml
	./packaging/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(APP_STAMP)

$(STAMP): $(APP_STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(APP_STAMP)
	$(PY) main.py

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy reader ui main.py
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto

bench: $(STAMP)
	$(PY) bench/extract.py
	$(PY) bench/corpus.py
	$(PY) bench/anchor.py
	$(PY) bench/sync.py
	$(PY) bench/search.py
	$(PY) bench/adversarial.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/render.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/startup.py
	$(PY) bench/diff.py

translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none $(shell find ui -name "*.py" | sort) -ts resources/i18n/moedemappe_en.ts
	$(VENV)/bin/pyside6-lrelease resources/i18n/moedemappe_en.ts -qm resources/i18n/moedemappe_en.qm

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
