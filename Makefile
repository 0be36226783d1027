# Build the report and run its tests.  `make help` lists the targets.
#
#   make book    set up .venv (pinned, hashed requirements), run every notebook, build the HTML
#   make test    the same, then the test suite (unit tests, notebooks, the site in Chromium)
#   make serve   serve the built site on http://127.0.0.1:8000/
#   make pdf     print the built book to one PDF, _build/pdf/report.pdf (headless Chromium)
#   make run NB=notebooks/<name>.md   run one notebook headless; the executed copy goes to _build/executed/
#   make lab     open JupyterLab (installed on first use); notebooks/*.md open as notebooks
#
# Build another call:  make book TRANSCRIPT=data/raw/<call>.txt   (its site: _build/calls/<call>/_build/html)

PYTHON  ?= python3.11
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    := 127.0.0.1
PORT    ?= 8000
LAB_STAMP := $(VENV)/.lab-installed
# JupyterLab settings kept in .venv: open MyST Markdown files as notebooks (jupytext) by
# default; no news feed or update checks (no requests to the web).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_OVERRIDES := {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}, "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
LAB_ARGS ?=

# Paths given on the command line (TRANSCRIPT, NB, EVAL_CORPUS) are data: they reach the tools
# as environment variables, taken as typed ($(value ...): make expands nothing in them) and
# never pasted into a shell command, so a name with spaces, quotes, parentheses, `;` or `$(...)`
# is passed through unchanged and runs nothing. The tools resolve them (tools/book.py: the
# transcript's checks, its output folder and the site's place).
TRANSCRIPT ?= data/raw/tsla-2024-q1-earnings-call.txt
NB ?=
EVAL_CORPUS ?=
unexport TRANSCRIPT NB EVAL_CORPUS
export CALLANALYSIS_TRANSCRIPT = $(value TRANSCRIPT)
export CALLANALYSIS_NOTEBOOK = $(value NB)
export CALLANALYSIS_EVAL_CORPUS = $(value EVAL_CORPUS)

.DEFAULT_GOAL := help
.PHONY: help venv book test serve pdf run lab eval bench lock lock-lab clean distclean norms

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

book: $(STAMP)  ## Check the transcript, run every notebook, build the HTML book (TRANSCRIPT=... for another call)
	@$(PY) -m tools.book

test: book  ## Build the book, then run the tests (the site test opens the built book)
	$(PY) -m pytest

serve:  ## Serve the built book on http://127.0.0.1:8000/ (PORT=... to change)
	@site="$$($(PY) -m tools.book site)" && test -f "$$site/index.html" || \
	  { echo "No built book for this transcript: run 'make book' first." >&2; exit 1; }; \
	echo "Serving $$site on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"; \
	$(PY) -m http.server --bind $(HOST) --directory "$$site" $(PORT)

pdf: $(STAMP)  ## Print the built book to one PDF, pdf/report.pdf beside its html/ (builds the book first if missing)
	@test -f "$$($(PY) -m tools.book site)/index.html" || $(PY) -m tools.book
	$(PY) -m tools.pdf

run: $(STAMP)  ## Run one notebook headless into _build/executed/: make run NB=notebooks/<name>.md [TRANSCRIPT=path]
	@test -n "$$CALLANALYSIS_NOTEBOOK" || \
	  { echo "usage: make run NB=notebooks/<name>.md [TRANSCRIPT=path/to/call.txt]" >&2; exit 2; }
	@mkdir -p _build/executed
	@out="_build/executed/$$(basename -- "$$CALLANALYSIS_NOTEBOOK" .md).ipynb" && \
	  $(VENV)/bin/jupytext --quiet --to ipynb --output "$$out" -- "$$CALLANALYSIS_NOTEBOOK" && \
	  $(VENV)/bin/jupyter-execute --inplace --timeout=120 "$$out" && echo "$$out"

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
	$(PY) -m tools.evaluate $${CALLANALYSIS_EVAL_CORPUS:+--corpus "$$CALLANALYSIS_EVAL_CORPUS"}

# The norms the chapter "Against other calls" reads: the corpus mode over a folder of calls, then
# the small tables committed in data/norms/ (its README says what they hold and how they regenerate).
# CORPUS is data like TRANSCRIPT: it reaches the commands as an environment variable, quoted.
CORPUS ?= ../shared/corpus/fool-dev
unexport CORPUS
export CALLANALYSIS_NORMS_CORPUS = $(value CORPUS)

norms: $(STAMP)  ## Rebuild data/norms/ from a folder of transcripts (CORPUS=dir, default ../shared/corpus/fool-dev)
	mkdir -p _build
	$(PY) -m callanalysis corpus "$$CALLANALYSIS_NORMS_CORPUS" -o _build/norms-corpus
	$(PY) -m tools.norms "$$CALLANALYSIS_NORMS_CORPUS" _build/norms-corpus -o data/norms

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
