# Open MILD Guide. Each venv is built from its own pinned, hashed lock, and rebuilt only when
# that lock changes (the stamp files):
#   .venv              requirements.lock            build only: make serve, make build
#   .venv (+ tests)    requirements-test.lock       make test, make bench (adds the test tools)
#   .venv-properdocs   requirements-properdocs.lock make build GENERATOR=properdocs
#   .venv-zensical     requirements-zensical.lock   make build GENERATOR=zensical
PYTHON    ?= python3
CONFIG    ?= mkdocs.yml
GENERATOR ?= mkdocs
SITE_DIR  ?= site
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed-lock
TESTSTAMP := $(VENV)/.installed-test-lock
export NO_MKDOCS_2_WARNING := 1

# GENERATOR=mkdocs uses .venv; the others their own venv from their own lock.
ifeq ($(GENERATOR),mkdocs)
GENVENV  := $(VENV)
GENLOCK  := requirements.lock
else
GENVENV  := .venv-$(GENERATOR)
GENLOCK  := requirements-$(GENERATOR).lock
endif
GENSTAMP := $(GENVENV)/.installed-lock

.PHONY: serve build test test-exhaustive test-wordpress bench lock readability glossary-report linkcheck linkcheck-external review-report browser vnu clean help \
        translation-report translation-stamp

help:
	@echo "make serve   - build and serve the site on http://127.0.0.1:8000 with live reload"
	@echo "make test    - run every test (installs the test tools and Debian chromium if missing)"
	@echo "make test-exhaustive - make test plus every page walked in a browser at both widths and schemes (slow; CI nightly)"
	@echo "make build   - strict build into site/ (SITE_DIR=… for another folder; CONFIG=mkdocs.clinic.yml for a clinic build;"
	@echo "               GENERATOR=properdocs or GENERATOR=zensical for another generator)"
	@echo "make bench   - print build, page-weight and link-check figures"
	@echo "make review-report - every page with its review dates, days left and clinical review"
	@echo "make linkcheck          - strict build (it checks every link) and write reports/linkcheck.txt"
	@echo "make linkcheck-external - the same, then request every external URL online (cached in .cache/)"
	@echo "make lock    - re-pin every requirements*.lock from pyproject.toml"
	@echo "make readability - each page's reading grade against the grade-8 limit (pass/FAIL), the longest sentences; Spanish pages: INFLESZ"
	@echo "make glossary-report - the glossary terms each page links, and near misses (file:line)"
	@echo "make translation-report - every Spanish page: current, stale since <date> (with the English diff), missing"
	@echo "make translation-stamp PAGES=x.es.md - record in the named Spanish pages the English version they translate"

# A venv from a lock: $(call venv,DIR,LOCK)
define venv
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed (found " + sys.version.split()[0] + ")")'
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --upgrade pip
	$(1)/bin/python -m pip install --quiet --require-hashes --no-deps -r $(2)
	$(1)/bin/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'mildguide-scripts.pth').write_text('$(CURDIR)/scripts\n')"
endef

$(STAMP): requirements.lock
	$(call venv,$(VENV),requirements.lock)
	@touch $@

# The test tools go into the same .venv, on top of the build set (same pins: see `make lock`).
$(TESTSTAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.lock
	@touch $@

ifneq ($(GENERATOR),mkdocs)
$(GENSTAMP): $(GENLOCK)
	$(call venv,$(GENVENV),$(GENLOCK))
	@touch $@
endif

serve: $(STAMP)
	$(BIN)/python scripts/serve.py --config $(CONFIG) --dev-addr 127.0.0.1:8000

build: $(GENSTAMP)
	$(GENVENV)/bin/python scripts/build.py --generator $(GENERATOR) --config $(CONFIG) --site $(SITE_DIR)

browser:
	@bash scripts/ensure-chromium.sh

vnu:
	@bash scripts/ensure-vnu.sh

# The WordPress plugin (integrations/wordpress/) in Debian's WordPress on loopback (as root).
test-wordpress: $(TESTSTAMP) browser
	$(BIN)/python scripts/test_wordpress.py

test: $(TESTSTAMP) browser vnu
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The same, plus the every-page, every-width, every-scheme browser walks (tests marked exhaustive).
test-exhaustive: $(TESTSTAMP) browser vnu
	$(BIN)/python -m pytest -n auto --dist loadgroup --exhaustive

linkcheck: $(STAMP)
	$(BIN)/python scripts/linkcheck.py --build --config $(CONFIG) --site site --report reports/linkcheck.txt

linkcheck-external: $(STAMP)
	$(BIN)/python scripts/linkcheck.py --build --external --config $(CONFIG) --site site --report reports/linkcheck-external.txt

bench: $(TESTSTAMP)
	$(BIN)/python scripts/bench.py $(BENCH)

readability: $(TESTSTAMP)
	$(BIN)/python -m mildguide.reports.readability docs

translation-report: $(STAMP)
	$(BIN)/python -m mildguide.translation report --docs docs

translation-stamp: $(STAMP)
	$(BIN)/python -m mildguide.translation stamp --docs docs $(PAGES) $(PAGE)

glossary-report: $(STAMP)
	$(BIN)/python -m mildguide.reports.glossary_report docs

review-report: $(STAMP)
	$(BIN)/python scripts/review_report.py --config $(CONFIG) $(if $(TODAY),--today $(TODAY))

# Build set first; the test and generator locks are constrained to its pins, so the test
# tools install on top of .venv without changing a build package.
LOCKFLAGS := --generate-hashes --python-version 3.11.5 --quiet
lock:
	uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	uv pip compile pyproject.toml $(LOCKFLAGS) -o requirements.lock
	uv pip compile pyproject.toml --extra test $(LOCKFLAGS) -c requirements.lock -o requirements-test.lock
	uv pip compile pyproject.toml --extra properdocs $(LOCKFLAGS) -c requirements.lock -o requirements-properdocs.lock
	uv pip compile pyproject.toml --extra zensical $(LOCKFLAGS) -c requirements.lock -o requirements-zensical.lock

clean:
	rm -rf site .cache build
