# Quick start: `make site` builds the site into site/, `make test` runs the whole test suite.
# Both set everything up first: Debian packages that are missing, a virtualenv, pinned Python packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What sitegen needs (make site, check, serve …): requirements.txt. What the tests add: requirements-test.txt,
# installed only by the targets that need it (make test, test-fast, bench, hooks, accessibility-checks), so
# that a first `make site` on a fresh machine installs no browser and no test tools.
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.tested-$(shell cat requirements-test.txt requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# Debian packages sitegen uses: aspell with the Upper Sorbian, German and English dictionaries for
# spell-checking, gettext for msgfmt (checks the translators' PO files), git (sitegen never replaces a
# folder that holds files git tracks; pre-commit too).
DEBIAN_PACKAGES := aspell aspell-hsb aspell-de aspell-en gettext git
# And the tests: Chromium with fonts that have every Sorbian letter for the browser tests (Playwright
# drives Debian's chromium; it never downloads a browser of its own).
TEST_DEBIAN_PACKAGES := chromium fonts-dejavu-core fonts-liberation
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test html-checker test-fast serve check release-check accessibility-checks build status clean setup test-setup hooks bench messages

site: setup  ## check the content (structure, language, spelling), then build the site into site/
	$(BIN)/sitegen check
	$(BIN)/sitegen site

# Both run on TEST_WORKERS processes (pytest-xdist), each file's tests on one of them (--dist loadfile), so
# a site a test file builds once is built once; each worker builds the served real site and starts Chromium
# at most once (see tests/conftest.py).
TEST_WORKERS ?= 2

test: test-setup html-checker  ## run the whole test suite (about 3½ to 4 minutes on 2 cores)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The W3C Nu HTML Checker for tests/site/test_html_valid.py (only `make test` needs it): vnu.jar from the npm
# package vnu-jar, pinned in tests/vnu/package-lock.json and installed into tests/vnu/node_modules/ (never
# committed), run with Debian's Java (17 or newer). Debian packages when missing: default-jre-headless when
# there is no `java`, nodejs and npm when there is no `npm`. --ignore-scripts: vnu-jar's install script would
# download a Java of its own.
VNU := tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar

html-checker: $(VNU)
	@command -v java >/dev/null 2>&1 || sh scripts/ensure-debian-packages.sh default-jre-headless

$(VNU): tests/vnu/package.json tests/vnu/package-lock.json
	@command -v npm >/dev/null 2>&1 || sh scripts/ensure-debian-packages.sh nodejs npm
	cd tests/vnu && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@test -s $@ || { echo "$@: npm ci did not install it" >&2; exit 1; }
	touch $@

test-fast: test-setup  ## run the unit tests: no site builds, no browser, nothing slow (under a minute)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not site and not browser and not slow"

serve: setup  ## live preview on http://127.0.0.1:8000/, reloads on every change in content/
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: setup  ## validate all content
	$(BIN)/sitegen check

accessibility-checks: test-setup  ## measure the site's accessibility again; the statement is made from content/accessibility-checks.json
	SITEGEN_RECORD_CHECKS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_browser.py -k accessibility_statement

release-check: setup  ## validate all content; missing publisher facts are errors (before the site goes live)
	$(BIN)/sitegen check --release

build: setup  ## render content/ into docs/ without running MkDocs
	$(BIN)/sitegen build

status: setup  ## show what is translated, outdated or missing, per language
	$(BIN)/sitegen status

bench: test-setup  ## benchmarks at N = 5, 100 and 1000 workshops per language, live preview, Lighthouse; writes BENCHMARKS.md
	$(BIN)/python bench/run.py

hooks: test-setup  ## install the git pre-commit hook: checks content, JSON Schemas and workflows
	$(BIN)/pre-commit install

# sitegen's messages, German and English: the catalogs (.po) are written by hand and committed; set-up
# compiles each one (.mo, never committed) when it has changed.
CATALOGS := $(wildcard scripts/sitegen/locale/*/LC_MESSAGES/sitegen.po)

setup: $(STAMP) $(CATALOGS:.po=.mo)
	@$(BIN)/python -m compileall -q scripts/sitegen  # bytecode for every start, also where PYTHONDONTWRITEBYTECODE is set

test-setup: setup $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.txt
	sh scripts/ensure-debian-packages.sh $(TEST_DEBIAN_PACKAGES)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	rm -f $(VENV)/.tested-*
	touch $@

%/LC_MESSAGES/sitegen.mo: %/LC_MESSAGES/sitegen.po $(STAMP)
	@rm -f $@
	$(BIN)/pybabel -q compile --domain sitegen --input-file $< --output-file $@
	@test -s $@ || { echo "$<: not compiled (a fuzzy catalog is skipped); run make messages" >&2; exit 1; }

messages: setup  ## after changing a message in scripts/sitegen: add new messages to the catalogs, drop old ones
	$(BIN)/python scripts/update_messages.py

# Debian's python3 creates a virtualenv only with python3-venv (ensurepip lives there). A venv whose
# creation failed for want of it has a python but no pip; making it again over the old one repairs it. It is
# installed in the same apt run as the packages above when it is needed (one `apt-get update`, not two).
$(STAMP): requirements.txt pyproject.toml
	sh scripts/ensure-debian-packages.sh $(DEBIAN_PACKAGES) $$($(BIN)/python -m pip --version >/dev/null 2>&1 \
		|| $(PYTHON) -c 'import ensurepip' 2>/dev/null || echo python3-venv)
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(PYTHON) -c 'import ensurepip' 2>/dev/null \
		|| sh scripts/ensure-debian-packages.sh python3-venv
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# docs/assets/ is hand-written; the generated docs/<lang> are symlinks into docs/.sitegen/. `sitegen clean`
# removes only what sitegen made (site/ only if sitegen built it) and names what it leaves. It is the
# sitegen installed beside this Makefile, so `make -f path/to/Makefile clean` works in other folders too.
clean: SITEGEN = $(dir $(abspath $(firstword $(MAKEFILE_LIST)))).venv/bin/sitegen
clean:  ## remove everything sitegen generated (a site/ it did not build is left alone)
	@test -x $(SITEGEN) || { echo "make clean: $(SITEGEN) is missing; run make setup first" >&2; exit 2; }
	$(SITEGEN) clean
