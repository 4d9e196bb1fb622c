# The two commands: `make run` serves the demo storefront, `make test` runs the tests.
# `make serve` serves the storefront on your own database (DATABASE_URL) without the demo.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test lint bench clean migration

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e ".[storefront,dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m storefront.demo serve

# No demo data, no migration: run `creative-market db upgrade` on the database first.
serve: $(STAMP)
	$(BIN)/flask --app storefront run --host "$${HOST:-127.0.0.1}" --port "$${PORT:-5000}"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) instance .pytest_cache

# Write a new Alembic revision from the models (compared against a scratch SQLite database
# upgraded to head), e.g. `make migration MESSAGE="add gift wrapping"`.
migration: $(STAMP)
	rm -f .migration-scratch.sqlite
	CREATIVE_MARKET_DATABASE_URL=sqlite:///.migration-scratch.sqlite $(BIN)/creative-market db upgrade
	CREATIVE_MARKET_DATABASE_URL=sqlite:///.migration-scratch.sqlite $(BIN)/alembic -c alembic.ini revision --autogenerate -m "$(MESSAGE)"
	rm -f .migration-scratch.sqlite
