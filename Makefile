# Two commands for a newcomer: `make run` (portal with demo content) and `make test`.
# Uses the newest Python 3.11+ it finds (Django 6 needs 3.12+; on 3.11 Django 5.2 LTS is used).

VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V | tail -n 1) python3.11 python3; do \
	[ -n "$$p" ] && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)

# Tests run against real PostgreSQL and Redis (see .ci/run, which also starts them).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/via_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test test-lts install messages lint lock check-deploy clean help load scaleout faults bench-install bench

help:
	@echo "make run   - install, migrate, load demo content and users, serve http://127.0.0.1:8000"
	@echo "make test  - lint, migration check and the full test suite on PostgreSQL + Redis"
	@echo "make test-lts - the suite (without browser tests) on Django 5.2 LTS, in .venv-django52"
	@echo "make lock  - pin every dependency of pyproject.toml (with hashes) in requirements*.lock"
	@echo "make bench - the key pages against their floor and django-helpdesk: one table, docs/benchmarks.md"

# Dependencies come from the lock (exact versions with hashes, the same ones production installs;
# requirements.lock is its subset without the test tools). The project itself has no packages to
# install (pyproject: packages = []).
$(VENV)/.installed: pyproject.toml requirements-test.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed."; exit 1; }
	@echo "Using $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	@touch $@

install: $(VENV)/.installed messages

# Message catalogues are compiled at install time with Babel (no system gettext needed).
messages: $(VENV)/.installed
	@$(VENV)/bin/pybabel compile --domain django --directory locale --statistics 2>&1 | grep -v "^$$" || true
	@$(VENV)/bin/pybabel compile --domain djangojs --directory locale --locale nl --statistics 2>&1 | grep -v "^$$" || true

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Portal: http://127.0.0.1:8000  (stop with Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:8000

# The lock files: one version of every dependency per Python (3.11 gets Django 5.2 LTS, 3.12+
# Django 6), with hashes, resolved by uv for every platform. Run after changing pyproject.toml;
# `make lock UPGRADE=1` moves every pin to the newest allowed version.
LOCK_ARGS := --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
	$(if $(UPGRADE),--upgrade,)
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet "uv>=0.5"
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_ARGS) --quiet -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra test $(LOCK_ARGS) --quiet -o requirements-test.lock
	$(PY) deploy/check_lock.py

# Production settings need these to load; `check --deploy` gets throwaway values (a fresh random
# key, never a published one) and connects to nothing.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production ALLOWED_HOSTS=portaal.example.nl \
	DATABASE_URL=postgres://lint@127.0.0.1:1/lint REDIS_URL=redis://127.0.0.1:1/0 CLIENT_IP_HEADER=REMOTE_ADDR \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')

# ruff (style, bugs, Django and security rules), bandit (security; each finding fixed or justified
# inline with `# nosec <id> (why)`), Django's deployment checks under the production settings
# (warnings fail too), mypy (types; strict on the services, permissions and QuerySets, see
# [tool.mypy] in pyproject.toml), models without migrations, and pyproject.toml against the lock files.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r accounts core helpdesk menukaart communities impact reach portal sitesearch
	$(VENV)/bin/mypy
	env -u DJANGO_ALLOW_ASYNC_UNSAFE $(DEPLOY_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(PY) deploy/check_lock.py

test: install lint
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(VENV)/bin/pytest $(PYTEST_ARGS)

# One table of the key pages against their floor (a bare Django view) and django-helpdesk, written to
# docs/benchmarks.md (bench/README.md). Fills databases of its own (via_bench_*) on PostgreSQL at
# DATABASE_URL's host the first time (about half an hour), then measures in well under 30 minutes.
# BENCH_ARGS=--quick: small sizes, a check in a minute (prints only).
bench: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) bench/run.py $(BENCH_ARGS)

# Load, scale-out and fault runs against the production shape on this machine (bench/load/,
# docs/operations.md). Each starts its own PostgreSQL, Redis, SMTP sink and nginx, and cleans up.
bench-install: $(VENV)/.installed
	$(PY) -m pip install --quiet ".[bench]"  # the load tools only; not locked (never in production)

load: bench-install
	bench/load/run.sh 1 $${DURATION:-3m}

scaleout: bench-install
	bench/load/run.sh 2 $${DURATION:-3m}

faults: bench-install
	bench/load/faults.sh

# The README promises Django 5.2 LTS (what Python 3.11 gets) as well as the newest Django: run the
# suite on 5.2 too, in a second virtualenv. Without the browser tests, which test the pages and
# their JavaScript in Chromium rather than the framework version (they run with `make test`).
LTS_VENV := .venv-django52

# The lock's Django 5.2 (the one Python 3.11 gets), over the lock's other pins.
DJANGO_LTS = $(shell grep -m 1 -o '^django==5[^ ]*' requirements-test.lock)

$(LTS_VENV)/.installed: pyproject.toml requirements-test.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed."; exit 1; }
	$(PYTHON) -m venv $(LTS_VENV)
	$(LTS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LTS_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-test.lock
	$(LTS_VENV)/bin/python -m pip install --quiet "$(DJANGO_LTS)"
	@touch $@

test-lts: $(LTS_VENV)/.installed messages
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(LTS_VENV)/bin/python manage.py makemigrations --check --dry-run --settings=portal.settings.test
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(LTS_VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(LTS_VENV) db.sqlite3 staticfiles .pytest_cache .mypy_cache
