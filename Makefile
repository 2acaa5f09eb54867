# Quick start: `make site` builds the site into site/, `make test` runs the whole test suite.
# Both set everything up first: Debian packages that are missing, a virtualenv, pinned Python packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# Debian packages sitegen and the tests use: aspell with the Upper Sorbian, German and English
# dictionaries for spell-checking, gettext for msgfmt (checks the translators' PO files), and
# Chromium with fonts that have every Sorbian letter for the browser tests (Playwright drives
# Debian's chromium; it never downloads a browser of its own).
DEBIAN_PACKAGES := aspell aspell-hsb aspell-de aspell-en gettext chromium fonts-dejavu-core fonts-liberation
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check build status clean setup

site: setup  ## check the content (structure, language, spelling), then build the site into site/
	$(BIN)/sitegen check
	$(BIN)/mkdocs build --strict

test: setup  ## run the whole test suite
	$(BIN)/python -m pytest

serve: setup  ## live preview on http://127.0.0.1:8000/, reloads on every change in content/
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: setup  ## validate all content
	$(BIN)/sitegen check

build: setup  ## render content/ into docs/ without running MkDocs
	$(BIN)/sitegen build

status: setup  ## show what is translated, outdated or missing, per language
	$(BIN)/sitegen status

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	sh scripts/ensure-debian-packages.sh $(DEBIAN_PACKAGES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

clean:  ## remove everything generated
	rm -rf site docs/*/ docs/.sitegen-manifest.json overrides/partials/languages overrides/.sitegen-manifest.json
