# Two commands: `make report` and `make test`. Both create .venv from requirements.lock first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make report LANG=en` builds the English edition. LANG is also the shell's locale variable
# (en_US.UTF-8 ...), so only the exact value "en" selects it, and recipes run with a UTF-8 locale.
EDITION := $(if $(filter en,$(LANG)),en,zh)
RUN := LANG=C.UTF-8 LC_ALL=C.UTF-8

.DEFAULT_GOAL := help
.PHONY: help venv browser setup-git report test lint lab bench lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name jjj --display-name "Python 3 (jjj)" >/dev/null
	touch $@

venv: $(STAMP) ## create .venv and install the locked dependencies (idempotent)

browser: $(STAMP) ## for the HTML test: Playwright into .venv, and Debian's chromium (apt, needs root) if missing
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-browser.lock
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

setup-git: $(STAMP) ## use nbdime for notebook diffs and merges in this clone (idempotent)
	@# Absolute paths: git finds the drivers without .venv/bin on PATH. .gitattributes maps *.ipynb.
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config diff.jupyternotebook.command "$(CURDIR)/$(VENV)/bin/git-nbdiffdriver diff" && \
	  git config merge.jupyternotebook.driver \
	    "$(CURDIR)/$(VENV)/bin/git-nbmergedriver merge %O %A %B %L %P" && \
	  git config merge.jupyternotebook.name "nbdime notebook merge"; fi

report: setup-git ## execute every notebook, write data/processed and figures, render build/html (LANG=en: English edition)
	$(RUN) $(PY) -m jjj.build report --lang $(EDITION)

lint: $(STAMP) ## ruff over src, tests, tools and the notebooks
	$(VENV)/bin/ruff check src tests tools notebooks

test: setup-git lint ## the whole suite: unit tests, strict nbval over every notebook, browser, freshness
	$(RUN) $(PY) -m pytest -n 2 --dist loadscope --nbval --nbval-current-env tests notebooks

lab: setup-git ## JupyterLab with the project kernel
	$(RUN) $(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## time nbval against the floor, make report, and extraction throughput
	$(RUN) $(PY) tools/bench.py

lock: ## re-pin requirements.lock from pyproject.toml (needs network; then re-run make report)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --quiet -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra browser --universal --python-version 3.11 \
	  --quiet -c requirements.lock -o requirements-browser.lock

clean: ## remove build/ and caches (keeps .venv, data/processed and figures, which are committed)
	rm -rf build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
