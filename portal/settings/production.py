"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and
CLIENT_IP_HEADER (with TRUSTED_PROXIES when it names a header)."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"Production needs the environment variable {required}.")

from portal.settings.base import *  # noqa: E402, F403
from portal.settings.env import env_bool, env_int, env_str  # noqa: E402
from portal.settings.mail import SMTP_BACKEND, mail_settings  # noqa: E402

# Who the client is decides every throttle and rate limit: behind a proxy that is a header the
# proxy sets, believed only from the proxy. Without a proxy say so explicitly with REMOTE_ADDR.
if not CLIENT_IP_HEADER:  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs the environment variable CLIENT_IP_HEADER: the header your reverse proxy "
        "overwrites with the client's address, as in request.META (e.g. HTTP_X_REAL_IP), or REMOTE_ADDR "
        "when no proxy is in front of the portal (docs/operations.md)."
    )
if CLIENT_IP_HEADER != "REMOTE_ADDR":  # noqa: F405
    if not CLIENT_IP_HEADER.startswith("HTTP_"):  # noqa: F405
        raise ImproperlyConfigured(
            f"CLIENT_IP_HEADER must be a request.META name such as HTTP_X_REAL_IP, got {CLIENT_IP_HEADER!r}."  # noqa: F405
        )
    if not TRUSTED_PROXIES:  # noqa: F405
        raise ImproperlyConfigured(
            "Production needs the environment variable TRUSTED_PROXIES with CLIENT_IP_HEADER: the addresses "
            "or networks the reverse proxy connects from (e.g. 172.16.0.0/12); the header is believed only from them."
        )
for _network in TRUSTED_PROXIES:  # noqa: F405
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_network!r} is not an address or network.") from _error

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
