# Build the report and run its tests.  `make help` lists the targets.
#
#   make book    set up .venv (pinned, hashed requirements), run every notebook, build the HTML
#   make test    the same, then the test suite (unit tests, notebooks, the site in Chromium)
#   make serve   serve the built site on http://127.0.0.1:8000/
#   make pdf     print the built book to one PDF, _build/pdf/report.pdf (headless Chromium)
#   make run NB=notebooks/<name>.md   run one notebook headless; the executed copy goes to _build/executed/
#   make lab     open JupyterLab (installed on first use); notebooks/*.md open as notebooks
#
# Build another call:  make book TRANSCRIPT=data/raw/<call>.txt

PYTHON  ?= python3.11
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    := 127.0.0.1
PORT    ?= 8000
SITE     = $(patsubst ./%,%,$(BOOK_OUT)/_build/html)
PDF      = $(patsubst ./%,%,$(BOOK_OUT)/_build/pdf/report.pdf)
LAB_STAMP := $(VENV)/.lab-installed
# JupyterLab settings kept in .venv: open MyST Markdown files as notebooks (jupytext) by
# default; no news feed or update checks (no requests to the web).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_OVERRIDES := {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}, "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
LAB_ARGS ?=
NB      ?=

# The notebooks read the transcript path from this variable (absolute: they run in notebooks/).
# Another call's book goes to its own folder, _build/calls/<file name>/, with its own title.
DEFAULT_TRANSCRIPT := data/raw/tsla-2024-q1-earnings-call.txt
TRANSCRIPT ?= $(DEFAULT_TRANSCRIPT)
export CALLANALYSIS_TRANSCRIPT := $(abspath $(TRANSCRIPT))
ifeq ($(abspath $(TRANSCRIPT)),$(abspath $(DEFAULT_TRANSCRIPT)))
BOOK_OUT := .
else
BOOK_OUT := _build/calls/$(basename $(notdir $(TRANSCRIPT)))
endif

.DEFAULT_GOAL := help
.PHONY: help venv book test serve pdf run lab eval bench lock lock-lab clean distclean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins or the package metadata change (the stamp lives in .venv,
# so deleting .venv also forgets it).
$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --require-hashes -r requirements.txt
	$(PY) -m pip install --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP)  ## Create .venv and install the pinned requirements and the package

book: $(STAMP)  ## Run every notebook and build the HTML book into _build/html (TRANSCRIPT=... for another call)
ifneq ($(BOOK_OUT),.)
	$(PY) -m callanalysis.bookconfig $(TRANSCRIPT) $(BOOK_OUT)/_config.yml
endif
	$(VENV)/bin/jupyter-book build . --builder html --all -W --keep-going --path-output $(BOOK_OUT) \
	  $(if $(filter-out .,$(BOOK_OUT)),--config $(BOOK_OUT)/_config.yml)
	@echo
	@echo "Built. Open file://$(CURDIR)/$(SITE)/index.html"
	@echo "or run 'make serve' and visit http://$(HOST):$(PORT)/"

test: book  ## Build the book, then run the tests (the site test opens the built book)
	$(PY) -m pytest

serve:  ## Serve the built book on http://127.0.0.1:8000/ (PORT=... to change)
	@test -f $(SITE)/index.html || { echo "No $(SITE)/index.html: run 'make book' first."; exit 1; }
	@echo "Serving $(SITE) on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server --bind $(HOST) --directory $(SITE) $(PORT)

pdf: $(STAMP)  ## Print the built book to _build/pdf/report.pdf (builds the book first if missing)
	@test -f $(SITE)/index.html || $(MAKE) book
	$(PY) -m callanalysis.pdf --site $(SITE) --output $(PDF)

run: $(STAMP)  ## Run one notebook headless: make run NB=notebooks/<name>.md [TRANSCRIPT=path]
	@test -n "$(NB)" || { echo "Usage: make run NB=notebooks/<name>.md [TRANSCRIPT=path/to/call.txt]"; exit 2; }
	$(PY) -m callanalysis.runner $(NB) $(if $(filter-out file,$(origin TRANSCRIPT)),--transcript $(TRANSCRIPT))

# Optional JupyterLab, pinned with hashes in requirements-lab.txt (same pins as requirements.txt
# for every package both use); installed on first `make lab`, never by `make book` or `make test`.
$(LAB_STAMP): requirements-lab.txt $(STAMP)
	$(PY) -m pip install --require-hashes -r requirements-lab.txt
	mkdir -p $(dir $(LAB_SETTINGS))
	echo '$(LAB_OVERRIDES)' > $(LAB_SETTINGS)
	touch $@

lab: $(LAB_STAMP)  ## Open JupyterLab in .venv; notebooks/*.md open and run as notebooks (LAB_ARGS=...)
	$(VENV)/bin/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.root_dir=$(CURDIR) \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

eval: $(STAMP)  ## Score the parser and the annotator on labelled real calls (EVAL_CORPUS=dir with truth.jsonl)
	$(PY) -m callanalysis evaluate $(if $(EVAL_CORPUS),--corpus "$(EVAL_CORPUS)")

bench: $(STAMP)  ## Time the seed, unseen text, corpus scaling 1->2 workers and the book build (BENCH_ARGS=--only ...)
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

lock: $(STAMP)  ## Re-pin requirements.txt from requirements.in (PyPI only, with hashes)
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple \
	  --output-file requirements.txt requirements.in

lock-lab: $(STAMP)  ## Re-pin requirements-lab.txt from requirements-lab.in (within requirements.txt)
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple \
	  --output-file requirements-lab.txt requirements-lab.in

clean:  ## Remove the built book, PDF, executed notebooks, caches and screenshots (keeps .venv)
	rm -rf _build .pytest_cache src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean  ## Also remove .venv
	rm -rf $(VENV)
