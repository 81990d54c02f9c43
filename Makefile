# Open MILD Guide — every target bootstraps .venv from requirements.lock first.
# The venv is rebuilt only when requirements.lock changes (the stamp file).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-lock
CONFIG ?= mkdocs.yml
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench lock readability linkcheck linkcheck-external review-report browser clean help

help:
	@echo "make serve   - build and serve the site on http://127.0.0.1:8000 with live reload"
	@echo "make test    - run every test (installs Debian chromium if missing)"
	@echo "make build   - strict build into site/ (CONFIG=mkdocs.clinic-example.yml for a clinic build)"
	@echo "make bench   - print build, page-weight and link-check figures"
	@echo "make review-report - every page with its review dates, days left and clinical review"
	@echo "make linkcheck          - strict build, then check every link in site/ (report: reports/linkcheck.txt)"
	@echo "make linkcheck-external - the same, then request every external URL online (cached in .cache/)"
	@echo "make lock    - re-pin requirements.lock from pyproject.toml"
	@echo "make readability - print each page's word count and reading grade (Flesch-Kincaid)"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'mildguide-scripts.pth').write_text('$(CURDIR)/scripts\n')"
	@touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve -f $(CONFIG) --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict -f $(CONFIG) --site-dir site

browser:
	@bash scripts/ensure-chromium.sh

test: $(STAMP) browser
	$(BIN)/python -m pytest -n auto

linkcheck: $(STAMP)
	$(BIN)/python scripts/linkcheck.py --build --config $(CONFIG) --site site --report reports/linkcheck.txt

linkcheck-external: $(STAMP)
	$(BIN)/python scripts/linkcheck.py --build --external --config $(CONFIG) --site site --report reports/linkcheck-external.txt

bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH)

readability: $(STAMP)
	$(BIN)/python -m mildguide.readability docs

review-report: $(STAMP)
	$(BIN)/python scripts/review_report.py --config $(CONFIG) $(if $(TODAY),--today $(TODAY))

lock:
	uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11.5 -o requirements.lock

clean:
	rm -rf site .cache build
