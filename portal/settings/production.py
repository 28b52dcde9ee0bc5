"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL."""

import os

from django.core.exceptions import ImproperlyConfigured

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"Production needs the environment variable {required}.")

from portal.settings.base import *  # noqa: E402, F403
from portal.settings.env import env_bool, env_int, env_str  # noqa: E402
from portal.settings.mail import SMTP_BACKEND, mail_settings  # noqa: E402

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES["staticfiles"]["BACKEND"] = env_str(  # noqa: F405
    "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
globals().update(mail_settings(default_backend=SMTP_BACKEND))
