# Balintkreis: `make run` serves the app with demo data, `make test` runs the suite.
.DEFAULT_GOAL := run
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/balintkreis
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

# A throw-away field key and var/ directory: the check must neither warn about
# a generated key nor read data encrypted with another one.
check-deploy: setup-dev
	DEBUG=false SITE_URL=https://balintkreis.example ALLOWED_HOSTS=balintkreis.example \
	CME_ORGANISER="Beispiel-Institut (check-deploy)" \
	SECRET_KEY=ci-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	FIELD_ENCRYPTION_KEY=ci-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	BALINTKREIS_VAR_DIR=$$(mktemp -d) \
	$(PY) manage.py check --deploy --fail-level WARNING

.PHONY: check-deploy run test test-postgres lint format messages lock setup setup-dev clean bench screenshots

$(VENV)/.installed-base: requirements/base.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { echo "Please install python3-venv (apt-get install python3-venv)."; exit 1; }
	$(PIP) install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/base.txt
	@rm -f $(VENV)/.installed-dev
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { echo "Please install python3-venv (apt-get install python3-venv)."; exit 1; }
	$(PIP) install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.txt
	@touch $@ $(VENV)/.installed-base

setup: $(VENV)/.installed-base
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0

setup-dev: $(VENV)/.installed-dev

# The demo signs leaders and the secretariat in without a second factor;
# production keeps MFA_REQUIRED_FOR_STAFF on (its default).
# Links in e-mails, calendar files and certificates use SITE_URL; unless it
# is set, it is this server's own address (HOST 0.0.0.0 is reached at
# 127.0.0.1). The demo prints its own, invented organiser on certificates.
SITE_HOST = $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
RUN_ENV = SITE_URL="$${SITE_URL:-http://$(SITE_HOST):$(PORT)}" \
	CME_ORGANISER="$${CME_ORGANISER:-Balintkreis Demo-Institut (fiktiv)}"
run: setup
	$(RUN_ENV) $(PY) manage.py demo --if-empty
	$(RUN_ENV) MFA_REQUIRED_FOR_STAFF=$${MFA_REQUIRED_FOR_STAFF:-false} $(PY) manage.py serve --host $(HOST) --port $(PORT)

# The suite runs in parallel, one worker per core (pytest-xdist; each worker
# has its own test database and Redis database). TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= auto
test: setup-dev
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-postgres: setup-dev
	DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# mypy with django-stubs ([tool.mypy] in pyproject.toml); its cache in
# .mypy_cache keeps a second run to a few seconds.
lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy balintkreis

format: setup-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Regenerate the German catalogues (needs GNU gettext) and compile them.
# Each app keeps its own catalogue; `make messages APPS=groups` does one app.
APPS ?= core accounts groups meetings online feedback cme mentoring billing payments record notifications site
messages: setup-dev
	@for app in $(APPS); do \
	  (cd balintkreis/$$app && mkdir -p locale && \
	   PYTHONPATH=$(CURDIR) DJANGO_SETTINGS_MODULE=balintkreis.settings \
	   $(CURDIR)/$(VENV)/bin/django-admin makemessages --locale de --no-obsolete \
	     --add-location file --ignore "tests/*" && \
	   PYTHONPATH=$(CURDIR) DJANGO_SETTINGS_MODULE=balintkreis.settings \
	   $(CURDIR)/$(VENV)/bin/django-admin compilemessages --locale de) || exit 1; \
	done

# Re-pin dependencies from pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -o requirements/base.txt
	uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 -q -o requirements/dev.txt

bench: setup-dev
	$(PY) bench/run.py

# Screenshots of every demo role at 1280 and 390 px into docs/screenshots/
# (needs /usr/bin/chromium and pdftoppm; docs/screenshots.md).
screenshots: setup-dev
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) var
