"""E-mail settings for Django 5.2 and 6.1+ from the same environment variables.

Django 6.1 configures mail through MAILERS and deprecates the EMAIL_BACKEND/EMAIL_HOST/... settings
(they go in Django 2028; defining both is an error). Django 5.2 LTS, which the portal supports
on Python 3.11, only knows the EMAIL_* settings. `mail_settings()` returns the settings that the
installed Django reads, built from EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL and EMAIL_TIMEOUT in the environment.
"""

import django

from portal.settings.env import env_bool, env_int, env_str

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


def mail_settings(*, default_backend: str, django_version: tuple = django.VERSION) -> dict[str, object]:
    backend = env_str("EMAIL_BACKEND", default_backend)
    smtp = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "use_ssl": env_bool("EMAIL_USE_SSL", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
    if tuple(django_version[:2]) >= (6, 1):
        # Only the SMTP backend takes these options; the others refuse unknown ones.
        options = smtp if backend == SMTP_BACKEND else {}
        return {"MAILERS": {"default": {"BACKEND": backend, "OPTIONS": options}}}
    return {
        "EMAIL_BACKEND": backend,
        "EMAIL_HOST": smtp["host"],
        "EMAIL_PORT": smtp["port"],
        "EMAIL_HOST_USER": smtp["username"],
        "EMAIL_HOST_PASSWORD": smtp["password"],
        "EMAIL_USE_TLS": smtp["use_tls"],
        "EMAIL_USE_SSL": smtp["use_ssl"],
        "EMAIL_TIMEOUT": smtp["timeout"],
    }
