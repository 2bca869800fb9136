# Subsidia: `make run` serves the demo, `make test` runs the whole test suite.
# Needs only python3 (>= 3.11), python3-venv and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run serve test test-fast lint schema schema-check messages check clean

install: $(STAMP)
	@$(BIN)/python scripts/compile_messages.py

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: install
	$(BIN)/subsidia migrate --no-input
	$(BIN)/subsidia load_reference
	$(BIN)/subsidia load_demo
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(BIN)/subsidia runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

schema: install
	$(BIN)/subsidia spectacular --lang en --file docs/openapi.yaml --validate --fail-on-warn

schema-check: install
	$(BIN)/subsidia spectacular --lang en --file $(VENV)/openapi.yaml --validate --fail-on-warn
	@diff -q docs/openapi.yaml $(VENV)/openapi.yaml >/dev/null || \
	  (echo "docs/openapi.yaml is stale: run 'make schema' and commit it"; diff -u docs/openapi.yaml $(VENV)/openapi.yaml | head -40; exit 1)

messages: install
	@for app in src/subsidia/*/; do \
	  if [ -d $$app/templates ] || ls $$app*.py >/dev/null 2>&1; then \
	    mkdir -p $$app/locale; \
	    (cd $$app && ../../../$(BIN)/django-admin makemessages -l nl -l fr -l en --no-obsolete >/dev/null); \
	  fi; \
	done
	$(BIN)/python scripts/compile_messages.py

check: install
	$(BIN)/subsidia check
	$(BIN)/subsidia makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var test-artifacts
