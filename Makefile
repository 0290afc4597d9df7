# Two commands on a fresh machine: `make run` starts the app, `make test` runs the checks.
# Both create .venv and install what they need on first use.
# `make run` installs only what the app needs; the test extras (pytest, keyrings.alt, ...)
# come with the first `make test`, into the same venv, in either order.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APP_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed-test
BUNDLE_STAMP := $(VENV)/.installed-bundle

.PHONY: run test lint bench translations bundle release-check icons screenshots clean

$(APP_STAMP): pyproject.toml
	./packaging/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(APP_STAMP)

$(STAMP): $(APP_STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(BUNDLE_STAMP): $(APP_STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	touch $(BUNDLE_STAMP)

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

# The app as members install it, for this platform: dist/moedemappe/ (and on Linux the tarball
# dist/moedemappe-VERSION-linux-ARCH.tar.gz with install.sh). See packaging/README.md.
bundle: $(BUNDLE_STAMP)
	$(PY) packaging/build.py

# Build the bundle, run its self-test headless, install the tarball into a temporary prefix,
# start the app from its menu entry on Xvfb, uninstall; prints sizes and start-up times.
release-check: $(BUNDLE_STAMP)
	./packaging/release-deps.sh
	$(PY) packaging/release_check.py

icons: $(APP_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/make_icons.py

screenshots: $(APP_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
