# The portal's image: web (gunicorn), worker and beat (Celery) all run from it.
# Build: docker compose build    Run: docker compose up -d    (see docs/operations.md)
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    PRIVATE_MEDIA_ROOT=/data/private-media

WORKDIR /app

# WeasyPrint (Mijn menukaart as PDF) needs Pango and HarfBuzz from the system, and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# An unprivileged user runs everything; the code and static files stay owned by root (read-only
# for the app). Only the uploads folder and Celery beat's schedule folder are writable.
RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal \
    && mkdir -p /data/private-media /var/lib/celery \
    && chown portal:portal /data/private-media /var/lib/celery

# Dependencies first, so a code change does not reinstall them. The project has no installable
# packages of its own (pyproject: packages = []): `pip install .` installs the dependencies.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .

# Message catalogues are compiled with Babel (no system gettext). Static files are collected with
# the production settings (hashed names, compressed, served by WhiteNoise); those settings refuse
# to load without these variables, so this one step gets throwaway values that are never used to
# serve anything. The real SECRET_KEY comes from .env at run time only.
RUN pybabel compile --domain django --directory locale --statistics \
    && pybabel compile --domain djangojs --directory locale --locale nl --statistics \
    && SECRET_KEY=build-only-collectstatic-not-a-secret \
       ALLOWED_HOSTS=build.invalid \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       REDIS_URL=redis://build.invalid:6379/0 \
       CLIENT_IP_HEADER=REMOTE_ADDR \
       python manage.py collectstatic --noinput

USER portal
EXPOSE 8000

# Web by default; docker-compose.yml runs the worker, beat and migrations with other commands.
# Tune gunicorn with GUNICORN_CMD_ARGS (for example "--workers 5").
# The access log leaves out the tokens of follow links and shared plans (portal/gunicorn_logging.py).
# The request line and headers are capped (gunicorn has no body limit: Django refuses a body over
# REQUEST_MAX_BODY_BYTES before reading it, and the reverse proxy should cap it too).
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--limit-request-line", "4094", "--limit-request-fields", "50", "--limit-request-field_size", "8190", \
     "--access-logfile", "-", "--logger-class", "portal.gunicorn_logging.RedactingLogger"]
