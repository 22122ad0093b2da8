# BenchGuard — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
BASE := $(VENV)/.installed-base
HOST ?= 127.0.0.1
PORT ?= 8000
# The address users open, printed and used in e-mailed links; set BASE_URL when they
# reach the demo by another name than HOST (e.g. HOST=0.0.0.0 BASE_URL=http://10.1.2.3:8000).
DEMO_URL = $(or $(BASE_URL),http://$(HOST):$(PORT))

.PHONY: demo test lint typecheck check pytest e2e bench bench-quick load install messages clean

# The demo needs the application alone; the tests also need the dev tools and the
# directory sign-in library (python-ldap, compiled against libldap2-dev and libsasl2-dev).
$(BASE): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	@touch $(BASE)

$(INSTALLED): $(BASE)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(INSTALLED)

install: $(INSTALLED)

## make demo [HOST=… PORT=… BASE_URL=…]: install, migrate SQLite, load demo data, run the
## worker and serve on HOST:PORT (127.0.0.1:8000); e-mails go to files under var/mail/
demo: $(BASE)
	$(BIN)/benchguard migrate --no-input
	BENCHGUARD_BASE_URL=$(DEMO_URL) $(BIN)/benchguard seed-demo
	$(BIN)/benchguard serve-demo --host $(HOST) --port $(PORT) --base-url $(DEMO_URL)

## make test: lint, types, Django checks, migrations check, the whole pytest suite
test: $(INSTALLED) lint typecheck check pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy benchguard

check: $(INSTALLED)
	DJANGO_SETTINGS_MODULE=benchguard.config.settings_test $(BIN)/benchguard check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=benchguard.config.settings_test $(BIN)/benchguard makemigrations --check --dry-run

pytest: $(INSTALLED)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/pytest -n 2 --dist loadgroup --durations=25 $(PYTEST_ARGS)

e2e: $(INSTALLED)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/pytest -m e2e --durations=10 $(PYTEST_ARGS)

## make bench: every benchmark at full size — run.py (directory, inbox, registers, and the
## lists at 1× and 4× their data), gate.py (check-in, 1,000,000 visits), matcher.py,
## cases.py (filing with screening, 200,000 cases; the cases list at 1× and 4×), overview.py;
## each row with its SQL floor and ratio (bench/README.md). Slow: half an hour or more.
bench: $(INSTALLED)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/gate.py
	$(BIN)/python bench/matcher.py
	$(BIN)/python bench/cases.py
	$(BIN)/python bench/overview.py

## make bench-quick: the same rows on a tenth of the data and fewer requests (minutes)
bench-quick: $(INSTALLED)
	$(BIN)/python bench/run.py --people 600 --iterations 30
	$(BIN)/python bench/gate.py --persons 10000 --visits 100000 --iterations 30
	$(BIN)/python bench/matcher.py --persons 10000 --iterations 100
	$(BIN)/python bench/cases.py --persons 10000 --cases 20000 --iterations 30
	$(BIN)/python bench/overview.py --persons 10000 --iterations 30

## make load: the load test (bench/load.py) on PostgreSQL — one app server, then two behind
## a balancer with two workers on Redis; figures in docs/performance.md. Several minutes.
load: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[load]'
	$(BIN)/python bench/load.py --users 40 --run-time 60s
	$(BIN)/python bench/load.py --servers 2 --workers 2 --tasks redis --users 40 --run-time 60s

## make messages: re-extract translatable strings (needs GNU gettext) and compile them
messages: $(INSTALLED)
	cd benchguard && ../$(BIN)/benchguard makemessages -l zh_Hans -l en --no-obsolete --no-location -i "static/*"
	cd benchguard && ../$(BIN)/benchguard compilemessages

clean:
	rm -rf $(VENV) var test-output
