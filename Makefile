# Hamahang: `make run` serves the app with its worker; `make test` runs lint and the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run test lint install messages migrate system-deps node-deps bench bench-load prod clean print-compare

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (the machine's default Python 3.11)"; exit 1; }
	@pkg-config --exists icu-uc 2>/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config; }  # PyICU builds against it
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Compiled message catalogues are built, not committed: they need gettext's msgfmt.
messages: install
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext; }
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

migrate: messages
	mkdir -p var
	$(MANAGE) migrate --no-input --verbosity 0
	$(MANAGE) createcachetable

run: migrate
	$(MANAGE) seed_demo --if-empty
	$(BIN)/honcho start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: lint messages node-deps
	$(MANAGE) makemigrations --check --dry-run --verbosity 1
	$(BIN)/pytest

# Debian's Chromium for the browser tests (Playwright cannot download browsers here), poppler's
# pdftoppm, which turns test PDFs into PNG pages to look at, and npm, which installs axe-core.
system-deps:
	@test -x /usr/bin/chromium -a -x /usr/bin/pdftoppm || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; }
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }

# axe-core for the accessibility tests, from the npm registry at the version package-lock.json pins
# (injected from node_modules, never from a CDN). `npm ci` again only when the lock file changes.
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for axe-core (make system-deps installs it)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node-deps: $(NODE_STAMP)

# Every printed document kind in fa, sq and en beside the same text printed by Chromium: var/test-artifacts/print/
print-compare: messages
	$(BIN)/python scripts/print_compare.py

# Speed and memory figures, printed (never asserted in tests).
bench: messages
	$(BIN)/python scripts/bench_pdf.py
	$(BIN)/python scripts/bench_dashboards.py

# Production on this machine: gunicorn (5 workers), two django-q2 clusters, WhiteNoise, DEBUG off.
# Needs DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (see README).
prod: messages
	@test -n "$$DATABASE_URL" -a -n "$$DJANGO_SECRET_KEY" || { echo "set DATABASE_URL and DJANGO_SECRET_KEY"; exit 1; }
	DJANGO_DEBUG=0 $(MANAGE) migrate --no-input --verbosity 0
	DJANGO_DEBUG=0 $(MANAGE) createcachetable
	DJANGO_DEBUG=0 $(MANAGE) collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/honcho -f Procfile.prod start

# The load benchmark: generated councils on PostgreSQL, the production run, locust (own venv).
.venv-bench/.installed: requirements-bench.txt
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet -r requirements-bench.txt
	touch $@

bench-load: messages .venv-bench/.installed
	$(BIN)/python scripts/bench_load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static
