# Two commands: `make report` and `make test`. Both create .venv from requirements.lock first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Once `make browser` has run, a re-sync (the lock changed) keeps Playwright: it syncs both locks
# (`uv pip sync` of the main lock alone would remove it).
BROWSER_STAMP := $(VENV)/.browser
LOCK = requirements.lock$(if $(wildcard $(BROWSER_STAMP)), requirements-browser.lock)
# `make report` builds every article (data/<slug>/), both editions; `make report ARTICLE=<slug>` one
# article, `make report EDITIONS=zh` one edition. Recipes run with a UTF-8 locale.
EDITIONS ?= zh en
ARTICLE ?=
# Only what changed runs again (jjj.build: each run keyed by a hash of what it reads); FORCE=1: all.
BUILD_ARGS = $(if $(ARTICLE),--article $(ARTICLE)) $(addprefix --lang ,$(EDITIONS)) $(if $(FORCE),--force)
RUN := LANG=C.UTF-8 LC_ALL=C.UTF-8
BASE ?= HEAD

# The installer: a uv on PATH, else uv bootstrapped from PyPI into .venv/.uv (pinned; a static
# binary, outside site-packages so that `uv pip sync` never removes it), else pip (slower).
UV_VERSION := 0.13.9
UV_BOOT := $(VENV)/.uv/bin/uv
UV_ON_PATH := $(shell command -v uv 2>/dev/null)
UV := $(or $(UV_ON_PATH),$(UV_BOOT))
export UV_PYTHON_DOWNLOADS := never
# uv installs without .pyc files; Python writes each module's .pyc on its first import, so only the
# first run pays for compiling. Where PYTHONDONTWRITEBYTECODE is set (some CI machines), every
# process would compile pandas, matplotlib ... again: unset here.
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help venv browser setup-git report pdf test lint lab catalog screenshot bench review lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV_BOOT):
	@# A failure here is not fatal: the venv recipe falls back to pip. pip's chatter is shown only
	@# when it fails.
	@echo "bootstrapping uv $(UV_VERSION) from PyPI into $(VENV)/.uv"
	@out=$$($(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps \
	  --target $(VENV)/.uv uv==$(UV_VERSION) 2>&1) || \
	  { echo "$$out" | tail -5; echo "could not bootstrap uv: installing with pip"; }

$(STAMP): requirements.lock requirements-browser.lock pyproject.toml | $(if $(UV_ON_PATH),,$(UV_BOOT))
	@set -e; if [ -x "$(UV)" ]; then \
	  test -x $(PY) || $(PYTHON) -m venv --without-pip $(VENV); \
	  echo "uv pip sync $(LOCK)"; \
	  "$(UV)" pip sync --quiet --python $(PY) $(LOCK); \
	  "$(UV)" pip install --quiet --python $(PY) --no-deps -e .; \
	else \
	  test -x $(PY) || $(PYTHON) -m venv $(VENV); \
	  $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --upgrade >/dev/null; \
	  echo "pip install -r $(LOCK)"; \
	  $(PY) -m pip install --quiet --disable-pip-version-check --no-deps $(addprefix -r ,$(LOCK)); \
	  $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .; \
	fi
	$(PY) -m ipykernel install --sys-prefix --name jjj --display-name "Python 3 (jjj)" >/dev/null
	touch $@

venv: $(STAMP) ## create .venv and install the locked dependencies (uv, else pip; idempotent)

browser: $(STAMP) ## for the HTML test: Playwright into .venv, and Debian's chromium (apt, needs root) if missing
	@# --no-deps: the browser lock pins the project's packages and Playwright's, all of them (not
	@# the test tools: this installs, it does not sync, so they stay); it is compiled against
	@# the main lock, so the two agree (tests/test_environment.py)
	@if [ -x "$(UV)" ]; then "$(UV)" pip install --quiet --python $(PY) --no-deps -r requirements-browser.lock; \
	else $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-browser.lock; fi
	@touch $(BROWSER_STAMP)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

setup-git: $(STAMP) ## use nbdime for notebook diffs and merges in this clone (idempotent)
	@# Absolute paths: git finds the drivers without .venv/bin on PATH. .gitattributes maps *.ipynb.
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config diff.jupyternotebook.command "$(CURDIR)/$(VENV)/bin/git-nbdiffdriver diff" && \
	  git config merge.jupyternotebook.driver \
	    "$(CURDIR)/$(VENV)/bin/git-nbmergedriver merge %O %A %B %L %P" && \
	  git config merge.jupyternotebook.name "nbdime notebook merge"; fi

report: setup-git ## every article (or ARTICLE=<slug>): sync the text pairs (jupytext), execute every notebook in each edition (a fresh kernel each), write data/<slug>/processed and figures/<slug>, render build/<slug>/html and build/<slug>/html/en
	$(RUN) $(PY) -m jjj.build $(BUILD_ARGS)

pdf: setup-git ## the report, and each edition printed as one PDF (build/<slug>/pdf/, linked from the front page; needs Chromium: make browser)
	$(RUN) $(PY) -m jjj.build $(BUILD_ARGS) --pdf

lint: $(STAMP) ## ruff over src, tests, tools, the notebooks and the site's conf.py
	$(VENV)/bin/ruff check --no-cache conftest.py src tests tools notebooks site

test: setup-git lint ## the whole suite: unit tests, strict nbval over the committed notebooks and a byte check of what that run wrote, the English edition, the site in a browser, pairs, review
	@# --dist loadgroup: a group (a module, a class, the Chinese edition: conftest.py) on one worker,
	@# the groups in the order of conftest.py
	$(RUN) $(PY) -m pytest -n 2 --dist loadgroup --no-loadscope-reorder --nbval --nbval-current-env tests notebooks

review: $(STAMP) ## build/<slug>/review/index.html: what the working tree changes against BASE (make review BASE=main; ARTICLE=<slug> when there are several)
	$(RUN) $(if $(ARTICLE),JJJ_ARTICLE=$(ARTICLE)) $(PY) -m jjj.review --base $(BASE)

lab: setup-git ## JupyterLab with the project kernel: Chinese in the bundled font, no outside request
	$(RUN) JUPYTER_CONFIG_DIR="$$($(PY) -m jjj.lab)" $(VENV)/bin/jupyter lab --notebook-dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

catalog: $(STAMP) ## bring the English catalogs (the engine's, src/jjj/locales; each article's, locales/<slug>) up to date (then translate the empty msgstr)
	$(RUN) $(PY) -m jjj.i18n update

screenshot: browser ## docs/front-page.png: the front page of the article's site (ARTICLE=<slug> when there are several) as the README shows it
	$(RUN) $(if $(ARTICLE),JJJ_ARTICLE=$(ARTICLE)) $(PY) -m jjj.site --no-build --screenshot docs/front-page.png

bench: $(STAMP) ## fresh clone to both editions, make test and the extractor, each against its floor
	$(RUN) $(PY) tools/bench.py

# rfc3987-syntax is left out of the locks: jsonschema imports it only if present (for the "iri"
# format, which nothing here validates), and building its grammar costs ~1-3 s in every process
# that imports nbformat (pytest, each worker, each build). Hence installs use --no-deps.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --no-emit-package rfc3987-syntax \
  --no-emit-package lark --quiet
lock: | $(if $(UV_ON_PATH),,$(UV_BOOT)) ## re-pin requirements.lock from pyproject.toml (needs network; then re-run make report)
	"$(UV)" pip compile pyproject.toml --extra test $(LOCK_FLAGS) -o requirements.lock
	"$(UV)" pip compile pyproject.toml --extra browser $(LOCK_FLAGS) \
	  -c requirements.lock -o requirements-browser.lock

clean: ## remove build/ and caches (keeps .venv, data/processed and figures, which are committed)
	rm -rf build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
