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
	$(BIN)/newsdigest build

## browser-deps: Debian's Chromium and its driver for the browser tests (installed when missing)
browser-deps:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; \
	fi

## lint: ruff and mypy
lint: install
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy

## test: set up and run the whole suite (lint, types, unit, site build, browser)
test: install browser-deps lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache *.egg-info

## eval: ROUGE vs Lead-3 (CNN/DM, BBC) and keyphrase F1 vs YAKE (DUC-2001); skips without ../shared
eval: install
	$(BIN)/pip install --quiet -e '.[eval]'
	$(BIN)/python tools/eval.py
