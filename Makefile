# Build the report and run its tests.  `make help` lists the targets.
#
#   make book    set up .venv (pinned, hashed requirements), run every notebook, build the HTML
#   make test    the same, then the test suite (unit tests, notebooks, the site in Chromium)
#   make serve   serve the built site on http://127.0.0.1:8000/
#
# Build another call:  make book TRANSCRIPT=data/raw/<call>.txt

PYTHON  ?= python3.11
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    := 127.0.0.1
PORT    ?= 8000
SITE    := _build/html

# The notebooks read the transcript path from this variable (absolute: they run in notebooks/).
TRANSCRIPT ?= data/raw/tsla-2024-q1-earnings-call.txt
export CALLANALYSIS_TRANSCRIPT := $(abspath $(TRANSCRIPT))

.DEFAULT_GOAL := help
.PHONY: help venv book test serve lock clean distclean

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

book: $(STAMP)  ## Run every notebook and build the HTML book into _build/html
	$(VENV)/bin/jupyter-book build . --builder html --all -W --keep-going
	@echo
	@echo "Built. Open file://$(CURDIR)/$(SITE)/index.html"
	@echo "or run 'make serve' and visit http://$(HOST):$(PORT)/"

test: book  ## Build the book, then run the tests (the site test opens the built book)
	$(PY) -m pytest

serve:  ## Serve the built book on http://127.0.0.1:8000/ (PORT=... to change)
	@test -f $(SITE)/index.html || { echo "No $(SITE)/index.html: run 'make book' first."; exit 1; }
	@echo "Serving $(SITE) on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server --bind $(HOST) --directory $(SITE) $(PORT)

lock: $(STAMP)  ## Re-pin requirements.txt from requirements.in (PyPI only, with hashes)
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple \
	  --output-file requirements.txt requirements.in

clean:  ## Remove the built book, caches and screenshots (keeps .venv)
	rm -rf _build .pytest_cache src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean  ## Also remove .venv
	rm -rf $(VENV)
