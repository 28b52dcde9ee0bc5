"""Minimal Django project around django-helpdesk 2.6.1, for bench/django_helpdesk_compare.py only.

Runs inside the separate virtual environment (never with the portal's own venv: the portal has an
app called ``helpdesk`` too). The database comes from DATABASE_URL (postgres://user@host:port/name).
"""

import os
import tempfile
from urllib.parse import unquote, urlsplit

_url = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_django_helpdesk"))

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(_url.path.lstrip("/")),
        "USER": unquote(_url.username or ""),
        "PASSWORD": unquote(_url.password or ""),
        "HOST": _url.hostname or "",
        "PORT": str(_url.port or ""),
        # Persistent connection: every request in the benchmark reuses one connection, like a
        # production server with CONN_MAX_AGE set; connecting is not what we measure.
        "CONN_MAX_AGE": None,
    }
}

SECRET_KEY = "bench-only-not-secret"  # noqa: S105 - throwaway benchmark site, never served
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "helpdesk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Sessions in the database, as the portal does by default; the benchmark logs in once per run.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A fast hasher: loading creates one staff user, hashing is not what we measure.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SITE_ID = 1
LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), "bench-django-helpdesk-media")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "helpdesk@example.org"
LOGIN_URL = "helpdesk:login"

# django-helpdesk's own settings: its defaults (25 tickets per page, knowledge base on), with the
# public submission pages off since the benchmark only looks at the staff pages.
HELPDESK_DEFAULT_SETTINGS = {"tickets_per_page": 25}
HELPDESK_PUBLIC_ENABLED = False
# Teams need the optional pinax-teams package; without it django-helpdesk documents turning them off.
HELPDESK_TEAMS_MODE_ENABLED = False
