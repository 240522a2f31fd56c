# Two commands for a fresh machine:
#   make run   - virtualenv, install, migrate, demo data, serve on http://127.0.0.1:8000
#   make test  - the whole test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1:8000

.PHONY: run test setup lint chromium messages worker beat bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

run: setup
	$(PY) manage.py runserver $(HOST)

# Debian's Chromium for the end-to-end tests; installed when missing and we are root.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null); \
	  else echo "End-to-end tests need Debian's chromium: sudo apt-get install chromium"; fi; \
	fi

test: $(VENV)/.installed chromium
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Refresh the translation catalogues after changing user-facing strings, then translate
# the new entries in locale/kk and locale/ru and run `make messages` again to compile.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l kk -l ru -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --ignore=scripts
	$(PY) manage.py compilemessages --ignore=.venv

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A foundation worker --loglevel=INFO

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A foundation beat --loglevel=INFO

bench: $(VENV)/.installed
	$(PY) bench/run.py
