# Regionens nyhetsrum: `make run` starts the demo site, `make test` runs every test.
# Both create or update the virtual environment first (needs only Python 3.11).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export BASE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# Test processes (pytest-xdist); 0 runs the suite in this process.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

.PHONY: install
install: $(VENV)/.installed ## Create the virtual environment and install the locked dependencies
	@$(MANAGE) compile_po

.PHONY: setup
setup: install ## Migrate the database and load the demo content
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin --demo-users

.PHONY: run
run: setup ## Set up and serve the demo site on HOST:PORT (default 127.0.0.1:8000)
	@echo "Serving on http://$(HOST):$(PORT)/ (English: /en/, admin: /admin/)"
	@echo "Scheduled publishing runs every minute in the background (run_scheduler);"
	@echo "mail to subscribers goes through the queue worker (db_worker, EMAIL_URL or the console)."
	@$(MANAGE) run_scheduler & scheduler=$$!; \
		$(MANAGE) db_worker --backend queue --no-reload & worker=$$!; \
		trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test-deps
test-deps: ## Install the Debian packages the suite runs for real if missing (chromium, nginx)
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v nginx >/dev/null || missing="$$missing nginx-light"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] || \
		missing="$$missing libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages for the tests:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "WARNING: missing$$missing; the tests that need them are skipped (sudo apt-get install$$missing)."; \
		fi; \
	fi

.PHONY: test
test: install test-deps ## Set up and run the whole test suite (DATABASE_URL selects PostgreSQL)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

.PHONY: lint
lint: install ## ruff check and format check; templates indented as djhtml does
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	git ls-files -z '*.html' | xargs -0 $(BIN)/djhtml --check

.PHONY: format
format: install ## Format the code and the templates
	$(BIN)/ruff check --fix .
	git ls-files -z '*.html' | xargs -0 $(BIN)/djhtml
	$(BIN)/ruff format .

.PHONY: messages
messages: install ## Update the .po catalogues after changing UI strings
	$(MANAGE) makemessages -l sv -l en --no-location --no-obsolete -i ".venv/*" -i "staticfiles/*"
	$(BIN)/python scripts/check_translations.py --fill-en
	@# Again, so the catalogues keep msgmerge's own line wrapping (CI diffs them).
	$(MANAGE) makemessages -l sv -l en --no-location --no-obsolete -i ".venv/*" -i "staticfiles/*" >/dev/null

.PHONY: soak
soak: install ## Soak test: readers and editors against gunicorn for SOAK_SECONDS (300)
	$(BIN)/python scripts/soak.py

.PHONY: screenshots
screenshots: setup ## Screenshots of every page type, both languages, phone and desktop, into docs/screenshots/
	$(BIN)/python scripts/screenshots.py

.PHONY: openapi
openapi: install ## Write docs/openapi.json after changing the read API (a test compares it)
	$(MANAGE) openapi

.PHONY: bench
bench: install ## Load-test 10,000 press releases with gunicorn and wrk, cached and uncached
	$(BIN)/python bench/run.py

.PHONY: bench-alerts
bench-alerts: install ## Publish to 10,000 subscribers: publish time, enqueue and send times
	$(BIN)/python bench/alerts.py

.PHONY: backup
backup: install ## Back up the database and media to backups/<UTC time>/ (or BACKUP=dir)
	$(BIN)/python scripts/backup.py backup $(BACKUP)

.PHONY: restore
restore: install ## Restore BACKUP=backups/<time>: replaces the database and the media
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=backups/<time>"; exit 2)
	$(BIN)/python scripts/backup.py restore $(BACKUP)

.PHONY: lock
lock: ## Re-resolve the locked dependencies from pyproject.toml (needs network)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --quiet -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements/dev.txt
